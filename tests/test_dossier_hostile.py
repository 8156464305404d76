"""A dossier package comes from outside: hostile archives are refused with a code that
says why, before anything is unpacked or parsed."""

import hashlib
import io
import zipfile

import pytest
from test_dossier_package import make_documents, make_meta, members_of

from egov_documents.dossier import PackageError, PackageLimits, read_package, verify_package
from egov_documents.dossier.archive import write_zip

GOOD_XML_HEAD = b"<?xml version='1.0' encoding='UTF-8'?>\n"


@pytest.fixture(scope="module")
def members():
    from egov_documents.dossier import build_package

    return members_of(build_package(make_meta(), make_documents()))


def raw_zip(entries):
    """A ZIP written member by member, without the package writer's checks."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


def refused(data, limits=None):
    """Return the error code read_package raises, after checking verify_package agrees."""
    kwargs = {"limits": limits} if limits else {}
    with pytest.raises(PackageError) as caught:
        read_package(data, **kwargs)
    problems = verify_package(data, **kwargs)
    assert problems and problems[0].code == caught.value.code
    return caught.value.code


def with_metadata(members, xml):
    members = dict(members) | {"metadata.xml": xml}
    del members["manifest-sha256.txt"]
    manifest = "".join(
        f"{hashlib.sha256(members[path]).hexdigest()}  {path}\n" for path in sorted(members)
    )
    return write_zip(members | {"manifest-sha256.txt": manifest.encode()})


@pytest.mark.parametrize(
    "data",
    [b"", b"%PDF-1.7 not a zip", b"PK\x03\x04 truncated", "chuỗi".encode()],
    ids=["empty", "pdf", "truncated-zip", "text"],
)
def test_what_is_not_a_zip_is_not_a_package(data):
    assert refused(data) == "not_a_package"


def test_read_package_refuses_text_instead_of_bytes():
    with pytest.raises(PackageError) as caught:
        read_package("PK\x03\x04")
    assert caught.value.code == "not_a_package"


@pytest.mark.parametrize(
    "name",
    ["../evil.txt", "files/001/../../evil.txt", "/etc/passwd", "files\\001\\a.pdf", "C:/x.pdf"],
)
def test_member_path_that_could_leave_the_folder_is_refused(name):
    assert refused(raw_zip([(name, b"x")])) == "unsafe_path"


def test_member_stored_twice_is_refused():
    with pytest.warns(UserWarning, match="Duplicate name"):
        data = raw_zip([("metadata.xml", b"a"), ("metadata.xml", b"b")])
    assert refused(data) == "duplicate_member"


def test_zip_bomb_is_refused_before_unpacking():
    data = raw_zip([("files/001/zeros.pdf", bytes(20 * 1024 * 1024))])
    assert len(data) < 100_000
    assert refused(data) == "zip_bomb"


def test_member_larger_than_the_limit_is_refused():
    limits = PackageLimits(max_member_size=1000)
    data = raw_zip([("files/001/big.pdf", bytes(range(256)) * 8)])
    assert refused(data, limits) == "member_too_large"


def test_package_unpacking_to_more_than_the_limit_is_refused():
    limits = PackageLimits(max_total_size=1500)
    data = raw_zip([(f"files/001/{n}.pdf", bytes(range(256)) * 4) for n in range(2)])
    assert refused(data, limits) == "package_too_large"


def test_package_with_too_many_members_is_refused():
    limits = PackageLimits(max_members=3)
    data = raw_zip([(f"files/001/{n}.pdf", b"x") for n in range(4)])
    assert refused(data, limits) == "too_many_members"


def test_oversized_metadata_is_refused(members):
    limits = PackageLimits(max_metadata_size=100)
    assert refused(write_zip(members), limits) == "member_too_large"


def test_encrypted_member_is_refused():
    data = bytearray(raw_zip([("metadata.xml", b"<x/>")]))
    data[6] |= 0x1  # "encrypted" flag of the local header ...
    data[data.rindex(b"PK\x01\x02") + 8] |= 0x1  # ... and of the central directory
    assert refused(bytes(data)) == "member_encrypted"


def test_member_lying_about_its_size_is_refused():
    data = bytearray(raw_zip([("metadata.xml", b"<Dossier/>" * 50)]))
    # shrink the declared size in the central directory: zipfile then fails the CRC
    central = data.rindex(b"PK\x01\x02")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    assert refused(bytes(data)) == "not_a_package"


def test_metadata_with_a_dtd_is_refused(members):
    xml = members["metadata.xml"].replace(
        GOOD_XML_HEAD, GOOD_XML_HEAD + b'<!DOCTYPE Dossier SYSTEM "http://example.org/x.dtd">\n'
    )
    assert refused(with_metadata(members, xml)) == "xml_dtd_forbidden"


def test_metadata_with_an_entity_expansion_bomb_is_refused(members):
    bomb = (
        b'<!DOCTYPE Dossier [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n'
    )
    xml = members["metadata.xml"].replace(GOOD_XML_HEAD, GOOD_XML_HEAD + bomb)
    xml = xml.replace(b"<Title>", b"<Title>&c;")
    assert refused(with_metadata(members, xml)) == "xml_dtd_forbidden"


def test_metadata_in_another_encoding_is_refused(members):
    xml = members["metadata.xml"].decode().replace("UTF-8", "UTF-16").encode("utf-16")
    assert refused(with_metadata(members, xml)) == "metadata_invalid"


def test_metadata_that_is_not_xml_is_refused(members):
    assert refused(with_metadata(members, b"<Dossier>")) == "metadata_invalid"


def test_metadata_with_an_unknown_element_is_refused(members):
    xml = members["metadata.xml"].replace(b"<Title>", b"<Secret>x</Secret>\n  <Title>")
    assert refused(with_metadata(members, xml)) == "metadata_invalid"


def test_metadata_file_path_not_derived_from_the_file_name_is_refused(members):
    xml = members["metadata.xml"].replace(
        b"<Path>files/002/QD-15.pdf</Path>", b"<Path>files/001/QD-15.pdf</Path>"
    )
    members = dict(members)
    members["files/001/QD-15.pdf"] = members.pop("files/002/QD-15.pdf")
    assert refused(with_metadata(members, xml)) == "metadata_invalid"


def test_metadata_value_breaking_a_field_limit_is_refused(members):
    xml = members["metadata.xml"].replace(b"<Maintenance>02<", b"<Maintenance>99<")
    assert refused(with_metadata(members, xml)) == "metadata_invalid"
