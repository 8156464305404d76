"""Command line for an agency's IT staff (gói tin edXML):

    python -m egov_interchange.edxml show FILE          # the package as one JSON object
    python -m egov_interchange.edxml validate FILE      # "valid: <kind> <document_id>"
    python -m egov_interchange.edxml build JSON -o OUT  # edXML from the JSON shape

Exit 0 on success, 1 for an invalid package or input (one line on stderr),
2 for a usage error.
"""

import argparse
import json
import pathlib
import sys

from .builder import build
from .jsonshape import from_json, to_json
from .package import EdxmlError
from .parser import parse


def _parser():
    parser = argparse.ArgumentParser(
        prog="python -m egov_interchange.edxml",
        description="Read, check and write QCVN 102:2016 edXML packages (gói tin edXML).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    show = commands.add_parser("show", help="print a package as one JSON object (xem gói tin)")
    show.add_argument("file", metavar="FILE", help="an .edxml file")
    check = commands.add_parser("validate", help="check a package (kiểm tra gói tin)")
    check.add_argument("file", metavar="FILE", help="an .edxml file")
    make = commands.add_parser("build", help="build a package from a JSON file (tạo gói tin)")
    make.add_argument(
        "json", metavar="JSONFILE", help="JSON in the shape 'show' prints; attachments by path"
    )
    make.add_argument("-o", "--output", required=True, metavar="OUT", help="the .edxml to write")
    return parser


def _read(path):
    try:
        return pathlib.Path(path).read_bytes()
    except OSError as exc:
        raise EdxmlError(None, f"cannot read '{path}' ({exc.strerror})") from None


def _document_id(package):
    if package.kind == "status":
        return package.response_for.document_id or package.response_for.code
    return package.document_id


def main(argv=None):
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = _parser().parse_args(argv)
    try:
        if args.command == "show":
            package = parse(_read(args.file))
            sys.stdout.write(json.dumps(to_json(package), ensure_ascii=False, indent=2) + "\n")
        elif args.command == "validate":
            package = parse(_read(args.file))
            sys.stdout.write(f"valid: {package.kind} {_document_id(package)}\n")
        else:
            source = pathlib.Path(args.json)
            try:
                obj = json.loads(_read(source))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise EdxmlError(None, f"'{source}' is not valid JSON ({exc})") from None
            data = build(from_json(obj, source.parent))
            try:
                pathlib.Path(args.output).write_bytes(data)
            except OSError as exc:
                raise EdxmlError(None, f"cannot write '{args.output}' ({exc.strerror})") from None
    except EdxmlError as exc:
        sys.stderr.write(f"error: {' '.join(str(exc).split())}\n")
        return 1
    return 0
