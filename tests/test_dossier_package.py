"""Dossier packages (NĐ 30/2020 Phụ lục VI: export a hồ sơ to pdf/xml with its metadata,
Mục III; DESIGN "Dossiers"): built the same every time, read back exactly, and every
change to them named."""

import hashlib
import io
import unicodedata
import zipfile
from datetime import date

import pytest

from egov_documents.dossier import (
    DocumentEntry,
    DossierMeta,
    PackageError,
    PackageFile,
    PackageProblem,
    build_package,
    read_package,
    verify_package,
)
from egov_documents.dossier.archive import FIXED_DATE_TIME, write_zip


def make_meta(**overrides):
    values = {
        "organ_id": "000.00.12.H53",
        "organ_name": "Sở Nội vụ tỉnh Tây Ninh",
        "file_catalog": 2026,
        "file_notation": "01.05",
        "title": "Hồ sơ tuyển dụng công chức năm 2026",
        "maintenance": "02",
        "rights": "01",
        "creator": "Phòng Tổ chức",
        "language": "01",
        "start_date": date(2026, 1, 5),
        "end_date": date(2026, 3, 31),
        "description": "Hồ sơ gồm kế hoạch và công văn chỉ đạo",
    }
    return DossierMeta(**(values | overrides))


def make_documents():
    return [
        DocumentEntry(
            ordinal=1,
            direction="outgoing",
            type_name="Quyết định",
            number="05",
            notation="QĐ-SNV",
            issued_date=date(2026, 1, 6),
            organ_name="Sở Nội vụ tỉnh Tây Ninh",
            subject="Ban hành kế hoạch tuyển dụng công chức năm 2026",
            page_amount=2,
            signer_position="Giám đốc",
            signer_name="Nguyễn Văn An",
            files=(
                PackageFile("Quyết định số 05.pdf", b"%PDF-1.7 decision"),
                PackageFile("Phụ lục kế hoạch.docx", b"PK appendix", "appendix"),
            ),
        ),
        DocumentEntry(
            ordinal=2,
            direction="incoming",
            type_name="Công văn",
            number="15",
            notation="UBND-KT",
            issued_date=date(2026, 1, 10),
            organ_name="Ủy ban nhân dân tỉnh Tây Ninh",
            subject="Về việc đôn đốc tuyển dụng công chức",
            page_amount=3,
            description="Bản số hóa",
            arrival_number=123,
            arrival_date=date(2026, 1, 11),
            files=(PackageFile("QĐ-15.pdf", b"%PDF-1.4 letter", "digitised"),),
        ),
        DocumentEntry(
            ordinal=3,
            direction="internal",
            type_name="Tờ trình",
            number="",
            notation="",
            issued_date=None,
            organ_name="Phòng Tổ chức",
            subject="Đề xuất danh sách hội đồng",
        ),
    ]


@pytest.fixture(scope="module")
def package():
    return build_package(make_meta(), make_documents())


def members_of(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def with_manifest(members):
    """The members with a manifest recomputed over them, as a forger would."""
    members = {path: data for path, data in members.items() if path != "manifest-sha256.txt"}
    manifest = "".join(
        f"{hashlib.sha256(members[path]).hexdigest()}  {path}\n" for path in sorted(members)
    )
    return members | {"manifest-sha256.txt": manifest.encode()}


def codes(problems):
    return [(problem.code, problem.path) for problem in problems]


# --- building, reading ----------------------------------------------------------------
def test_built_package_verifies_intact(package):
    assert verify_package(package) == []


def test_package_holds_metadata_index_manifest_and_every_file_in_sorted_order(package):
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        names = archive.namelist()
        infos = archive.infolist()
    assert names == [
        "files/001/Phu-luc-ke-hoach.docx",
        "files/001/Quyet-dinh-so-05.pdf",
        "files/002/QD-15.pdf",
        "index.pdf",
        "manifest-sha256.txt",
        "metadata.xml",
    ]
    assert {info.date_time for info in infos} == {FIXED_DATE_TIME}
    assert {info.compress_type for info in infos} == {zipfile.ZIP_DEFLATED}


def test_manifest_lists_the_sha256_of_every_other_member(package):
    members = members_of(package)
    lines = members["manifest-sha256.txt"].decode().splitlines()
    expected = [
        f"{hashlib.sha256(members[path]).hexdigest()}  {path}"
        for path in sorted(members)
        if path != "manifest-sha256.txt"
    ]
    assert lines == expected


def test_same_dossier_builds_the_same_bytes(package):
    assert build_package(make_meta(), make_documents()) == package


def test_documents_are_packed_in_ordinal_order_whatever_order_they_come_in(package):
    assert build_package(make_meta(), list(reversed(make_documents()))) == package


def test_read_then_build_gives_the_package_back_byte_for_byte(package):
    meta, documents = read_package(package)
    assert build_package(meta, documents) == package


def test_read_package_returns_the_dossier_and_documents_with_their_files(package):
    meta, documents = read_package(package)
    assert meta == make_meta()
    assert meta.file_code == "000.00.12.H53.2026.01.05"
    assert documents == make_documents()
    assert documents[1].files[0].name == "QĐ-15.pdf"
    assert documents[1].files[0].content == b"%PDF-1.4 letter"
    assert documents[1].files[0].sha256 == hashlib.sha256(b"%PDF-1.4 letter").hexdigest()


def test_metadata_carries_the_pl_vi_fields_and_computed_totals(package):
    xml = members_of(package)["metadata.xml"].decode()
    assert xml.startswith("<?xml version='1.0' encoding='UTF-8'?>")
    for fragment in (
        "<OrganId>000.00.12.H53</OrganId>",
        "<FileCatalog>2026</FileCatalog>",
        "<FileNotation>01.05</FileNotation>",
        "<Maintenance>02</Maintenance>",
        "<DocTotal>3</DocTotal>",
        "<PageTotal>5</PageTotal>",
        "<ArrivalNumber>123</ArrivalNumber>",
        "<ArrivalDate>2026-01-11</ArrivalDate>",
        "<FullName>Nguyễn Văn An</FullName>",
        "<Name>QĐ-15.pdf</Name>",
        "<Path>files/002/QD-15.pdf</Path>",
    ):
        assert fragment in xml


def test_text_is_stored_in_nfc():
    title = "Hồ sơ tuyển dụng công chức"
    meta = make_meta(title=unicodedata.normalize("NFD", title))
    read_meta, _documents = read_package(build_package(meta, make_documents()))
    assert read_meta.title == unicodedata.normalize("NFC", title)


def test_other_maintenance_keeps_its_number_of_years():
    meta = make_meta(maintenance="07", maintenance_years=15)
    read_meta, _documents = read_package(build_package(meta, make_documents()))
    assert (read_meta.maintenance, read_meta.maintenance_years) == ("07", 15)


def test_empty_dossier_without_dates_round_trips():
    meta = make_meta(start_date=None, end_date=None, description="")
    data = build_package(meta, [])
    assert verify_package(data) == []
    assert read_package(data) == (meta, [])


# --- tampering ------------------------------------------------------------------------
def rezip(members):
    return write_zip(members)


def test_changed_file_is_named(package):
    members = members_of(package)
    members["files/002/QD-15.pdf"] = b"%PDF-1.4 forged"
    assert codes(verify_package(rezip(members))) == [("file_changed", "files/002/QD-15.pdf")]


def test_changed_file_is_caught_by_metadata_hashes_even_with_a_rewritten_manifest(package):
    members = members_of(package)
    members["files/002/QD-15.pdf"] = b"%PDF-1.4 forged"
    assert codes(verify_package(rezip(with_manifest(members)))) == [
        ("file_changed", "files/002/QD-15.pdf")
    ]


def test_missing_file_is_named(package):
    members = members_of(package)
    del members["files/001/Quyet-dinh-so-05.pdf"]
    assert codes(verify_package(rezip(members))) == [
        ("file_missing", "files/001/Quyet-dinh-so-05.pdf")
    ]


def test_added_file_is_named(package):
    members = members_of(package)
    members["files/002/extra.pdf"] = b"%PDF extra"
    assert codes(verify_package(rezip(members))) == [("file_unexpected", "files/002/extra.pdf")]


def test_added_file_outside_the_layout_is_named_even_when_listed_in_the_manifest(package):
    members = members_of(package)
    members["notes.txt"] = b"hello"
    assert codes(verify_package(rezip(with_manifest(members)))) == [
        ("file_unexpected", "notes.txt")
    ]


def test_edited_metadata_is_named(package):
    members = members_of(package)
    members["metadata.xml"] = members["metadata.xml"].replace(
        "Nguyễn Văn An".encode(), "Trần Văn Bình".encode()
    )
    assert codes(verify_package(rezip(members))) == [("file_changed", "metadata.xml")]


def test_replaced_index_is_named(package):
    members = members_of(package)
    members["index.pdf"] = build_package(make_meta(title="Hồ sơ khác"), [])
    assert codes(verify_package(rezip(members))) == [("file_changed", "index.pdf")]


def test_removed_manifest_is_named(package):
    members = members_of(package)
    del members["manifest-sha256.txt"]
    assert codes(verify_package(rezip(members))) == [("manifest_missing", "manifest-sha256.txt")]


def test_metadata_left_out_of_the_manifest_is_named(package):
    members = members_of(package)
    lines = members["manifest-sha256.txt"].decode().splitlines(keepends=True)
    members["manifest-sha256.txt"] = "".join(
        line for line in lines if not line.endswith("metadata.xml\n")
    ).encode()
    assert codes(verify_package(rezip(members))) == [("file_unlisted", "metadata.xml")]


def test_garbled_manifest_line_is_named(package):
    members = members_of(package)
    members["manifest-sha256.txt"] += b"not a hash line\n"
    assert codes(verify_package(rezip(members))) == [("manifest_invalid", "manifest-sha256.txt")]


def test_doc_total_that_does_not_match_the_documents_is_refused(package):
    members = members_of(package)
    members["metadata.xml"] = members["metadata.xml"].replace(
        b"<DocTotal>3</DocTotal>", b"<DocTotal>4</DocTotal>"
    )
    assert codes(verify_package(rezip(with_manifest(members)))) == [
        ("metadata_invalid", "metadata.xml")
    ]


def test_read_package_refuses_a_tampered_package_with_the_problem_code(package):
    members = members_of(package)
    members["files/002/QD-15.pdf"] = b"%PDF-1.4 forged"
    with pytest.raises(PackageError) as caught:
        read_package(rezip(members))
    assert caught.value.code == "file_changed"
    assert caught.value.params["path"] == "files/002/QD-15.pdf"
    assert "files/002/QD-15.pdf" in caught.value.message


def test_problems_are_plain_values():
    assert PackageProblem("file_missing", "a", {"x": 1}) == PackageProblem("file_missing", "a")
