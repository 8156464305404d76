"""Command line of the dossier package engine.

- ``verify PACKAGE``: prints "OK: <FileCode>, N documents, M files verified" and exits 0,
  or prints one line per problem ("changed: files/002/QD-15.pdf") to stderr and exits 1;
- ``show PACKAGE``: prints the dossier's metadata as JSON;
- ``index PACKAGE OUT.pdf``: writes the package's index.pdf to OUT.pdf.

A package that cannot be read at all exits with 2.
"""

import argparse
import dataclasses
import json
import sys
from datetime import date
from pathlib import Path

from .archive import read_zip
from .package import INDEX, PackageError, read_package, verify_package

#: words printed for problem codes
LABELS = {
    "file_changed": "changed",
    "file_missing": "missing",
    "file_unexpected": "unexpected",
    "file_unlisted": "not in manifest",
    "manifest_missing": "manifest missing",
    "manifest_invalid": "manifest invalid",
    "metadata_invalid": "metadata invalid",
}


def _problem_line(problem):
    label = LABELS.get(problem.code, problem.code.replace("_", " "))
    line = f"{label}: {problem.path}" if problem.path else label
    message = problem.params.get("message")
    if message and problem.code not in ("file_changed", "file_missing", "file_unexpected"):
        line = f"{line} ({message})"
    return line


def _json_default(value):
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _show(meta, documents):
    return {
        **dataclasses.asdict(meta),
        "file_code": meta.file_code,
        "doc_total": len(documents),
        "page_total": sum(d.page_amount for d in documents),
        "documents": [
            {
                **{f.name: getattr(d, f.name) for f in dataclasses.fields(d) if f.name != "files"},
                "files": [
                    {"name": f.name, "role": f.role, "size": len(f.content), "sha256": f.sha256}
                    for f in d.files
                ],
            }
            for d in documents
        ],
    }


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m egov_documents.dossier", description="Verify or inspect a dossier package."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("verify", help="check every hash").add_argument("package", type=Path)
    commands.add_parser("show", help="print the metadata as JSON").add_argument(
        "package", type=Path
    )
    index = commands.add_parser("index", help="extract index.pdf")
    index.add_argument("package", type=Path)
    index.add_argument("output", type=Path)
    args = parser.parse_args(argv)
    try:
        data = args.package.read_bytes()
    except OSError as error:
        sys.stderr.write(f"error: {error}\n")
        return 2
    if args.command == "verify":
        problems = verify_package(data)
        if problems:
            for problem in problems:
                sys.stderr.write(_problem_line(problem) + "\n")
            return 1
        meta, documents = read_package(data)
        files = sum(len(d.files) for d in documents)
        sys.stdout.write(
            f"OK: {meta.file_code}, {len(documents)} documents, {files} files verified\n"
        )
        return 0
    try:
        if args.command == "show":
            meta, documents = read_package(data)
            json.dump(
                _show(meta, documents),
                sys.stdout,
                ensure_ascii=False,
                indent=2,
                default=_json_default,
            )
            sys.stdout.write("\n")
            return 0
        members = read_zip(data)
        if INDEX not in members:
            raise PackageError("file_missing", path=INDEX)
        args.output.write_bytes(members[INDEX])
        return 0
    except PackageError as error:
        sys.stderr.write(f"error: {error.code}: {error.message}\n")
        return 2
