"""The dossier code (mã hồ sơ, NĐ 30/2020 Phụ lục VI Mục III: FileCode = OrganId +
FileCatalog + FileNotation) and the limits of the dossier and document fields."""

from dataclasses import replace
from datetime import date

import pytest
from test_dossier_package import make_documents, make_meta

from egov_documents.dossier import (
    LANGUAGES,
    MAINTENANCE,
    RIGHTS,
    InvalidFileCode,
    PackageError,
    build_package,
    check_file_notation,
    file_code,
)
from egov_documents.dossier.archive import safe_file_name
from egov_documents.dossier.package import file_paths
from egov_documents.rules import RuleError


def test_file_code_is_organ_id_year_and_notation_joined_by_dots():
    assert file_code("000.00.12.H53", 2026, "01.05") == "000.00.12.H53.2026.01.05"


def test_file_code_accepts_a_qd20_agency_code():
    assert file_code("g09", "2021", "01.001") == "G09.2021.01.001"


@pytest.mark.parametrize(
    ("organ_id", "year", "notation", "param"),
    [
        ("000.00.12.X5", 2026, "01", "organ_id"),
        ("", 2026, "01", "organ_id"),
        (None, 2026, "01", "organ_id"),
        ("000.00.12.H53", 26, "01", "year"),
        ("000.00.12.H53", "20x6", "01", "year"),
        ("000.00.12.H53", True, "01", "year"),
        ("000.00.12.H53", 2026, "", None),
        ("000.00.12.H53", 2026, "01#05", "characters"),
    ],
)
def test_file_code_names_the_part_that_is_wrong(organ_id, year, notation, param):
    with pytest.raises(InvalidFileCode) as caught:
        file_code(organ_id, year, notation)
    assert caught.value.code == "invalid_file_code"
    assert isinstance(caught.value, RuleError)
    if param:
        assert param in caught.value.params


def test_file_notation_is_stripped_and_kept_in_nfc():
    assert check_file_notation("  HS-12/TCCB ") == "HS-12/TCCB"
    assert check_file_notation("Đ.01") == "Đ.01"
    assert check_file_notation("Hs.\u0110\u0111") == "Hs.Đđ"


def test_file_notation_of_more_than_20_characters_is_refused():
    assert check_file_notation("1" * 20) == "1" * 20
    with pytest.raises(InvalidFileCode, match="21 characters"):
        check_file_notation("1" * 21)


@pytest.mark.parametrize("notation", ["01 05", "01,05", "HS_01", "Hồ", "01#"])
def test_file_notation_outside_digits_letters_d_dot_dash_slash_is_refused(notation):
    with pytest.raises(InvalidFileCode, match="contains"):
        check_file_notation(notation)


@pytest.mark.parametrize("notation", [".01", "01.", "01..05", "01-/05", "/"])
def test_file_notation_separators_only_stand_between_characters(notation):
    with pytest.raises(InvalidFileCode, match="separator"):
        check_file_notation(notation)


def test_code_tables_follow_the_archival_codes():
    assert MAINTENANCE["01"] == "Vĩnh viễn"
    assert MAINTENANCE["02"] == "70 năm"
    assert MAINTENANCE["06"] == "10 năm"
    assert set(MAINTENANCE) == {f"0{n}" for n in range(1, 8)}
    assert RIGHTS["01"] == "Thông thường"
    assert LANGUAGES["01"] == "Tiếng Việt"


# --- field limits when building -------------------------------------------------------
def refused_build(meta=None, documents=None):
    with pytest.raises(PackageError) as caught:
        build_package(meta or make_meta(), make_documents() if documents is None else documents)
    assert caught.value.code == "metadata_invalid"
    return caught.value


def test_title_longer_than_500_characters_is_refused_not_cut():
    error = refused_build(make_meta(title="Hồ sơ " * 100))
    assert error.params["field"] == "Title"
    assert error.params["limit"] == 500


def test_creator_longer_than_30_characters_is_refused():
    assert refused_build(make_meta(creator="x" * 31)).params["field"] == "Creator"


def test_bad_file_code_part_is_refused_when_building():
    error = refused_build(make_meta(file_notation="01 05"))
    assert "notation" in error.params


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"maintenance": "08"}, "Maintenance"),
        ({"rights": "09"}, "Rights"),
        ({"language": "vi"}, "Language"),
        ({"maintenance": "07"}, "MaintenanceYears"),
    ],
)
def test_codes_outside_their_tables_are_refused(overrides, field):
    assert refused_build(make_meta(**overrides)).params["field"] == field


def test_years_are_only_given_with_maintenance_other():
    error = refused_build(make_meta(maintenance="02", maintenance_years=15))
    assert error.params["value"] == "02"


def test_end_date_before_start_date_is_refused():
    error = refused_build(make_meta(start_date=date(2026, 3, 1), end_date=date(2026, 2, 1)))
    assert error.params["end"] == "2026-02-01"


def test_two_documents_with_the_same_ordinal_are_refused():
    first, second, *_rest = make_documents()
    error = refused_build(documents=[first, replace(second, ordinal=1)])
    assert error.params["ordinal"] == 1


@pytest.mark.parametrize("ordinal", [0, 1000, "1"])
def test_ordinal_is_a_number_from_1_to_999(ordinal):
    document = replace(make_documents()[0], ordinal=ordinal)
    assert refused_build(documents=[document]).params["field"] == "DocOrdinal"


def test_only_an_incoming_document_has_an_arrival_number():
    document = replace(make_documents()[0], arrival_number=7)
    assert "incoming" in refused_build(documents=[document]).message


def test_subject_longer_than_500_characters_is_refused():
    document = replace(make_documents()[0], subject="a" * 501)
    assert refused_build(documents=[document]).params["field"] == "Subject"


def test_control_character_that_xml_cannot_carry_is_refused():
    document = replace(make_documents()[0], subject="Về việc\x00")
    assert refused_build(documents=[document]).params["field"] == "Subject"


def test_page_total_above_9999_is_refused():
    documents = [
        replace(document, ordinal=n, page_amount=999, files=())
        for n, document in enumerate([make_documents()[0]] * 11, start=1)
    ]
    assert refused_build(documents=documents).params["pages"] == 10989


def test_unknown_file_role_is_refused():
    document = make_documents()[0]
    document = replace(document, files=(replace(document.files[0], role="scan"),))
    assert refused_build(documents=[document]).params["value"] == "scan"


# --- file names inside the package ----------------------------------------------------
@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("Quyết định số 15.pdf", "Quyet-dinh-so-15.pdf"),
        ("QĐ-15.pdf", "QD-15.pdf"),
        ("../../etc/passwd", "etc-passwd"),
        ("..\\..\\boot.ini", "boot.ini"),
        (".htaccess", "htaccess"),
        ("CON.pdf", "_CON.pdf"),
        ("Ảnh.JPEG", "Anh.JPEG"),
        ("文件.pdf", "file.pdf"),
        ("", "file"),
    ],
)
def test_file_names_in_the_package_are_ascii_and_cannot_leave_their_folder(name, safe):
    assert safe_file_name(name) == safe


def test_files_with_the_same_safe_name_in_one_document_get_numbered():
    document = replace(
        make_documents()[0],
        files=(
            make_documents()[0].files[0],
            replace(make_documents()[0].files[0], name="Quyet dinh so 05.PDF"),
        ),
    )
    assert list(file_paths([document]).values()) == [
        "files/001/Quyet-dinh-so-05.pdf",
        "files/001/Quyet-dinh-so-05-2.PDF",
    ]
