"""ZIP writing that gives the same bytes for the same input, and ZIP reading that refuses
hostile archives (bombs, path traversal, huge or encrypted members) before unpacking."""

import io
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass

from ..rules.errors import _lt
from .model import PackageError

#: every member carries this time stamp (the earliest a ZIP can hold)
FIXED_DATE_TIME = (1980, 1, 1, 0, 0, 0)
COMPRESSION = zipfile.ZIP_DEFLATED
COMPRESS_LEVEL = 9
_UNIX = 3
_FILE_MODE = 0o100644 << 16
_READ_CHUNK = 1 << 16

_SAFE_NAME_RE = re.compile(r"[^A-Za-z0-9._-]+")
_RUNS_RE = re.compile(r"([._-])[._-]+")
_EXTENSION_RE = re.compile(r"^[A-Za-z0-9]{1,10}$", re.ASCII)
_MAX_STEM = 80
_WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"COM{n}" for n in range(1, 10)}
    | {f"LPT{n}" for n in range(1, 10)}
)
_WINDOWS_DRIVE_RE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class PackageLimits:
    """How much a package may unpack to; reading refuses anything beyond."""

    max_members: int = 10_000
    max_member_size: int = 512 * 1024 * 1024
    max_total_size: int = 2 * 1024 * 1024 * 1024
    max_metadata_size: int = 32 * 1024 * 1024
    #: a member that unpacks to more than this many times its packed size ...
    max_ratio: int = 200
    #: ... and to more than this many bytes is a ZIP bomb
    ratio_threshold: int = 1024 * 1024


DEFAULT_LIMITS = PackageLimits()


def safe_file_name(name):
    """Return an ASCII name safe on every file system for the original ``name``:
    Vietnamese letters lose their marks ("Quyết định số 15.pdf" → "Quyet-dinh-so-15.pdf",
    "Đ" → "D"), anything else but letters, digits, ".", "-", "_" becomes "-", no name
    starts with a dot, and Windows device names get a "_" in front."""
    text = unicodedata.normalize("NFC", name).replace("Đ", "D").replace("đ", "d")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = _SAFE_NAME_RE.sub("-", "".join(c if c.isascii() else "-" for c in text))
    stem, dot, extension = text.rpartition(".")
    if not dot or not stem.strip(".") or not _EXTENSION_RE.match(extension):
        stem, extension = text, ""
    stem = _RUNS_RE.sub(r"\1", stem).strip("._-")[:_MAX_STEM].strip("._-") or "file"
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:
        stem = f"_{stem}"
    return f"{stem}.{extension}" if extension else stem


def unique_name(name, taken):
    """Return ``name``, or ``name`` with "-2", "-3" … before its extension, so that it
    differs from every name in ``taken`` ignoring case; adds the result to ``taken``."""
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    candidate, counter = name, 1
    while candidate.casefold() in taken:
        counter += 1
        candidate = f"{stem}-{counter}.{extension}" if extension else f"{stem}-{counter}"
    taken.add(candidate.casefold())
    return candidate


def write_zip(members):
    """Return a ZIP of ``members`` ({path: bytes}) in sorted path order, every member
    deflated at level 9 with the fixed time stamp and mode: same members, same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(members):
            info = zipfile.ZipInfo(path, date_time=FIXED_DATE_TIME)
            info.compress_type = COMPRESSION
            info.create_system = _UNIX
            info.external_attr = _FILE_MODE
            archive.writestr(info, members[path], compresslevel=COMPRESS_LEVEL)
    return buffer.getvalue()


def _unsafe_path(name):
    if not name or "\x00" in name or "\\" in name or name.startswith("/"):
        return True
    if _WINDOWS_DRIVE_RE.match(name):
        return True
    return any(part in ("", ".", "..") for part in name.split("/"))


def _refuse(code, template, **params):
    raise PackageError(code, template, **params)


def _check_infos(infos, limits):
    if len(infos) > limits.max_members:
        _refuse(
            "too_many_members",
            _lt("The package has %(count)s members, more than the %(limit)s allowed."),
            count=len(infos),
            limit=limits.max_members,
        )
    seen = set()
    total = 0
    for info in infos:
        name = info.filename
        if _unsafe_path(name) or info.orig_filename != name:
            _refuse(
                "unsafe_path",
                _lt(
                    'The package member "%(path)s" has a path that could leave the '
                    "package's folder."
                ),
                path=name,
            )
        if name in seen:
            _refuse("duplicate_member", _lt('The package holds "%(path)s" twice.'), path=name)
        seen.add(name)
        if info.flag_bits & 0x1:
            _refuse(
                "member_encrypted", _lt('The package member "%(path)s" is encrypted.'), path=name
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            _refuse(
                "unsupported_compression",
                _lt(
                    'The package member "%(path)s" uses compression method %(method)s: '
                    "only stored and deflated members are read."
                ),
                path=name,
                method=info.compress_type,
            )
        if info.file_size > limits.max_member_size:
            _refuse(
                "member_too_large",
                _lt(
                    'The package member "%(path)s" unpacks to %(size)s bytes, more than '
                    "the %(limit)s allowed."
                ),
                path=name,
                size=info.file_size,
                limit=limits.max_member_size,
            )
        if info.file_size > limits.ratio_threshold and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            _refuse(
                "zip_bomb",
                _lt(
                    'The package member "%(path)s" unpacks to %(size)s bytes from '
                    "%(packed)s: refused as a ZIP bomb."
                ),
                path=name,
                size=info.file_size,
                packed=info.compress_size,
            )
        total += info.file_size
        if total > limits.max_total_size:
            _refuse(
                "package_too_large",
                _lt("The package unpacks to more than %(limit)s bytes."),
                limit=limits.max_total_size,
            )


def _read_member(archive, info):
    """Read one member, never more than its declared size (zipfile checks the CRC)."""
    chunks, size = [], 0
    with archive.open(info) as stream:
        while chunk := stream.read(_READ_CHUNK):
            size += len(chunk)
            if size > info.file_size:
                _refuse(
                    "zip_bomb",
                    _lt('The package member "%(path)s" unpacks to more than it declares.'),
                    path=info.filename,
                )
            chunks.append(chunk)
    return b"".join(chunks)


def read_zip(data, limits=DEFAULT_LIMITS):
    """Return {path: bytes} of a ZIP after refusing hostile content with PackageError
    (not_a_package, unsafe_path, duplicate_member, member_encrypted, member_too_large,
    zip_bomb, package_too_large, too_many_members, unsupported_compression)."""
    if not isinstance(data, bytes | bytearray | memoryview) or bytes(data[:4]) != b"PK\x03\x04":
        _refuse("not_a_package", _lt("This is not a dossier package: it is not a ZIP file."))
    try:
        with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
            infos = archive.infolist()
            _check_infos(infos, limits)
            return {info.filename: _read_member(archive, info) for info in infos}
    except PackageError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        ValueError,
        NotImplementedError,
        RuntimeError,
        OSError,
    ) as error:
        raise PackageError(
            "not_a_package",
            _lt("This is not a dossier package: the ZIP file is damaged (%(error)s)."),
            error=str(error),
        ) from error
