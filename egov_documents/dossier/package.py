"""Build, read and verify a dossier package (NĐ 30/2020 Phụ lục VI: export a hồ sơ to
pdf/xml; DESIGN "Dossiers").

Layout of the ZIP, members in sorted order, each deflated with a fixed time stamp::

    files/<ordinal:03d>/<safe name>   every file of every document, ASCII-folded name
    index.pdf                         Mục lục văn bản trong hồ sơ
    manifest-sha256.txt               "<sha256>  <path>" per member above, sorted by path
    metadata.xml                      PL VI Mục III + Mục I/II, see metadata.NAMESPACE

``build_package`` gives the same bytes for the same dossier, and
``build_package(*read_package(p)) == p`` on the machine that built ``p`` (the index PDF
embeds the installed font). ``verify_package`` recomputes every hash against the manifest
and against the Sha256 and Size of each File in metadata.xml, and names every changed,
missing or unexpected member. This proves integrity, not authorship: whoever can rewrite
both metadata.xml and the manifest can forge a package, which a signature over the
manifest (egov_signing) would prevent.
"""

import hashlib
import re

from ..rules.errors import _lt
from .archive import DEFAULT_LIMITS, PackageLimits, read_zip, safe_file_name, unique_name, write_zip
from .index import render_index
from .metadata import from_xml, make_document, to_xml
from .model import (
    DocumentEntry,
    DossierMeta,
    PackageError,
    PackageFile,
    PackageProblem,
    check_document,
    check_dossier,
    check_meta,
    doc_total,
    page_total,
)

__all__ = [
    "DEFAULT_LIMITS",
    "DocumentEntry",
    "DossierMeta",
    "PackageError",
    "PackageFile",
    "PackageLimits",
    "PackageProblem",
    "build_package",
    "file_paths",
    "read_package",
    "verify_package",
]

METADATA = "metadata.xml"
INDEX = "index.pdf"
MANIFEST = "manifest-sha256.txt"
FILES_DIR = "files/"
REQUIRED = (METADATA, INDEX)
_MANIFEST_LINE_RE = re.compile(r"^([0-9a-f]{64})  (\S(?:.*\S)?)$", re.ASCII)
_FILE_PATH_RE = re.compile(r"^files/(\d{3})/[^/]+$", re.ASCII)


def _sha256(data):
    return hashlib.sha256(data).hexdigest()


def file_paths(documents):
    """Return {(ordinal, index): path} of every file of the documents:
    ``files/<ordinal:03d>/<safe name>``, unique within the document ignoring case."""
    paths = {}
    for document in documents:
        taken = set()
        for index, file in enumerate(document.files):
            name = unique_name(safe_file_name(file.name), taken)
            paths[(document.ordinal, index)] = f"{FILES_DIR}{document.ordinal:03d}/{name}"
    return paths


def _manifest(members):
    return "".join(f"{_sha256(members[path])}  {path}\n" for path in sorted(members)).encode()


def build_package(meta, documents):
    """Return the package (ZIP bytes) of a dossier; PackageError("metadata_invalid")
    names the field that breaks NĐ 30/2020 Phụ lục VI."""
    meta, documents = check_dossier(meta, documents)
    paths = file_paths(documents)
    members = {
        paths[(document.ordinal, index)]: file.content
        for document in documents
        for index, file in enumerate(document.files)
    }
    members[METADATA] = to_xml(meta, documents, paths)
    members[INDEX] = render_index(meta, documents)
    members[MANIFEST] = _manifest(members)
    return write_zip(members)


# --- verification ---------------------------------------------------------------------
def _read_manifest(data, problems):
    entries = {}
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        problems.append(PackageProblem("manifest_invalid", MANIFEST, {"line": 0}))
        return entries
    for number, line in enumerate(text.splitlines(), start=1):
        match = _MANIFEST_LINE_RE.match(line)
        if not match or match.group(2) in entries or match.group(2) == MANIFEST:
            problems.append(PackageProblem("manifest_invalid", MANIFEST, {"line": number}))
            continue
        entries[match.group(2)] = match.group(1)
    return entries


def _read_metadata(members, problems):
    """Return (meta, [(document values, file records)]) or None, adding problems."""
    data = members.get(METADATA)
    if data is None:
        return None
    try:
        meta, documents, totals = from_xml(data)
        check_meta(meta)
        for values, _files in documents:
            check_document(make_document(values, []))
    except PackageError as error:
        problems.append(
            PackageProblem(error.code, METADATA, {**error.params, "message": error.message})
        )
        return None
    entries = [make_document(values, []) for values, _files in documents]
    ordinals = [entry.ordinal for entry in entries]
    if ordinals != sorted(set(ordinals)):
        problems.append(
            PackageProblem(
                "metadata_invalid",
                METADATA,
                {"message": "DocOrdinal values are not unique and ascending."},
            )
        )
    if totals != {"DocTotal": doc_total(entries), "PageTotal": page_total(entries)}:
        problems.append(
            PackageProblem(
                "metadata_invalid",
                METADATA,
                {"message": "DocTotal or PageTotal does not match the documents.", **totals},
            )
        )
    return meta, documents


def _check_files(members, documents, problems):
    """Compare each File of metadata.xml with the member it names."""
    referenced = set()
    for values, files in documents:
        entry = make_document(values, [PackageFile(f["name"], b"", f["role"]) for f in files])
        expected = file_paths([entry])
        for index, record in enumerate(files):
            path = record["path"]
            referenced.add(path)
            if path != expected[(entry.ordinal, index)]:
                problems.append(
                    PackageProblem(
                        "metadata_invalid",
                        path,
                        {
                            "message": "the file's path does not follow its ordinal and name",
                            "expected": expected[(entry.ordinal, index)],
                        },
                    )
                )
            elif path not in members:
                problems.append(PackageProblem("file_missing", path, {}))
            elif len(members[path]) != record["size"] or _sha256(members[path]) != record["sha256"]:
                problems.append(
                    PackageProblem(
                        "file_changed",
                        path,
                        {"expected": record["sha256"], "found": _sha256(members[path])},
                    )
                )
    for path in members:
        if path.startswith(FILES_DIR) and path not in referenced:
            problems.append(PackageProblem("file_unexpected", path, {}))


def _inspect(data, limits):
    """Return (problems, members, parsed metadata or None)."""
    try:
        members = read_zip(data, limits)
    except PackageError as error:
        return (
            [
                PackageProblem(
                    error.code,
                    error.params.get("path", ""),
                    {**error.params, "message": error.message},
                )
            ],
            {},
            None,
        )
    problems = []
    metadata = members.get(METADATA)
    if metadata is not None and len(metadata) > limits.max_metadata_size:
        problems.append(
            PackageProblem(
                "member_too_large",
                METADATA,
                {"size": len(metadata), "limit": limits.max_metadata_size},
            )
        )
        return problems, members, None
    for path in REQUIRED:
        if path not in members:
            problems.append(PackageProblem("file_missing", path, {}))
    if MANIFEST in members:
        listed = _read_manifest(members[MANIFEST], problems)
        for path, digest in listed.items():
            if path not in members:
                problems.append(PackageProblem("file_missing", path, {}))
            elif _sha256(members[path]) != digest:
                problems.append(
                    PackageProblem(
                        "file_changed", path, {"expected": digest, "found": _sha256(members[path])}
                    )
                )
        for path in members:
            if path != MANIFEST and path not in listed:
                code = "file_unlisted" if path in REQUIRED else "file_unexpected"
                problems.append(PackageProblem(code, path, {}))
    else:
        problems.append(PackageProblem("manifest_missing", MANIFEST, {}))
    for path in members:
        if path not in (*REQUIRED, MANIFEST) and not _FILE_PATH_RE.match(path):
            problems.append(PackageProblem("file_unexpected", path, {}))
    parsed = _read_metadata(members, problems)
    if parsed:
        _check_files(members, parsed[1], problems)
    return _unique(problems), members, parsed


def _unique(problems):
    seen, result = set(), []
    for problem in sorted(problems, key=lambda p: (p.path, p.code)):
        if (problem.code, problem.path) not in seen:
            seen.add((problem.code, problem.path))
            result.append(problem)
    return result


def verify_package(data, limits=DEFAULT_LIMITS):
    """Return the problems of a package, [] when it is intact.

    Every member's SHA-256 is recomputed and compared with the manifest and with
    metadata.xml; each changed, missing, unexpected or unlisted member is named. A
    hostile or unreadable archive gives one problem with the code read_package would
    raise (not_a_package, unsafe_path, zip_bomb, xml_dtd_forbidden, …).
    """
    return _inspect(data, limits)[0]


def read_package(data, limits=DEFAULT_LIMITS):
    """Return (DossierMeta, [DocumentEntry]) of an intact package, documents in ordinal
    order with their files' contents; the exact inverse of build_package.

    Raises PackageError with the code of the first problem verify_package finds (all of
    them in ``params["problems"]``).
    """
    problems, members, parsed = _inspect(data, limits)
    if problems:
        first = problems[0]
        raise PackageError(
            first.code,
            _lt("The dossier package cannot be read: %(problems)s."),
            path=first.path,
            problems="; ".join(f"{p.code} {p.path}".strip() for p in problems),
        )
    meta, documents = parsed
    entries = [
        make_document(
            values,
            [
                PackageFile(record["name"], members[record["path"]], record["role"])
                for record in files
            ],
        )
        for values, files in documents
    ]
    return meta, entries
