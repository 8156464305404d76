"""Agency identifier codes (QCVN 102:2016, QĐ 20/2020) and document identifiers (edXML)."""

from datetime import date, datetime

import pytest

from egov_documents.rules import (
    QCVN102_RE,
    QD20_RE,
    InvalidIdentifierCode,
    InvalidNumbering,
    check_qcvn102,
    check_qd20,
    document_identifier,
    normalize_code,
    parse_document_identifier,
    qcvn102_level,
    qcvn102_parent,
)


def assert_invalid_code(function, value, fragment):
    with pytest.raises(InvalidIdentifierCode) as caught:
        function(value)
    assert caught.value.code == "invalid_identifier_code"
    assert fragment in str(caught.value)
    return caught.value


# --- normalize_code -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("  000.00.00.h53 ", "000.00.00.H53"),
        ("h53.01", "H53.01"),
        ("", None),
        ("   ", None),
        (None, None),
        (False, None),
    ],
)
def test_normalize_code_strips_uppercases_and_turns_blank_into_none(value, expected):
    assert normalize_code(value) == expected


def test_normalize_code_composes_decomposed_text_to_nfc():
    assert normalize_code("g\u0301") == "\u01f4"  # "g" + combining acute → "Ǵ"


# --- QCVN 102:2016 --------------------------------------------------------------------
@pytest.mark.parametrize(
    "code", ["000.00.00.H53", "000.00.04.G14", "000.03.12.H53", "001.03.12.H53", "000.00.00.K54"]
)
def test_qcvn102_accepts_the_13_character_v1v2v3_z1z2_y1y2_mx1x2_shape(code):
    assert check_qcvn102(code) == code
    assert QCVN102_RE.match(code)


def test_qcvn102_lowercase_level1_letter_is_normalised_not_refused():
    assert check_qcvn102(" 000.00.00.h53\t") == "000.00.00.H53"


def test_qcvn102_empty_code_is_refused_with_the_expected_shape():
    assert_invalid_code(check_qcvn102, "  ", "is empty: expected a QCVN 102:2016 code")


@pytest.mark.parametrize("code", ["000.00.00.H5", "000.00.00.H533", "H53"])
def test_qcvn102_wrong_length_names_the_code_and_its_length(code):
    err = assert_invalid_code(check_qcvn102, code, f"has {len(code)} characters")
    assert code in str(err)
    assert "has 13" in str(err)
    assert err.params == {"code": code, "length": len(code)}


@pytest.mark.parametrize(
    "code", ["0000.0.00.H53", "000-00-00-H53", "000.00.00H.53", "00.000.00.H53"]
)
def test_qcvn102_wrong_grouping_is_refused_as_not_the_four_group_shape(code):
    assert_invalid_code(check_qcvn102, code, "expected four groups separated by dots")


@pytest.mark.parametrize("code", ["000.00.00.053", "000.00.00.HH3", "000.00.00.Đ53"])
def test_qcvn102_level1_group_must_be_a_letter_and_two_digits(code):
    err = assert_invalid_code(check_qcvn102, code, "level-1 group")
    assert err.params["group"] == code.split(".")[3]


@pytest.mark.parametrize("code", ["00A.00.00.H53", "000.0B.00.H53", "000.00.1٣.H53"])
def test_qcvn102_first_three_groups_must_be_ascii_digits(code):
    assert_invalid_code(check_qcvn102, code, "V1V2V3, Z1Z2 and Y1Y2 are digits")


def test_qcvn102_regex_refuses_non_ascii_digits():
    assert QCVN102_RE.match("000.00.1٣.H53") is None


@pytest.mark.parametrize(
    ("code", "level", "parent"),
    [
        ("000.00.00.H53", 1, None),
        ("000.00.12.H53", 2, "000.00.00.H53"),
        ("000.03.12.H53", 3, "000.00.12.H53"),
        ("001.03.12.H53", 4, "000.03.12.H53"),
    ],
)
def test_qcvn102_level_is_read_right_to_left_and_parent_zero_fills_the_own_group(
    code, level, parent
):
    assert qcvn102_level(code) == level
    assert qcvn102_parent(code) == parent


def test_qcvn102_parent_chain_climbs_to_the_provincial_committee():
    chain = ["001.03.12.H53"]
    while (parent := qcvn102_parent(chain[-1])) is not None:
        chain.append(parent)
    assert chain == ["001.03.12.H53", "000.03.12.H53", "000.00.12.H53", "000.00.00.H53"]


def test_qcvn102_level_validates_its_input():
    assert_invalid_code(qcvn102_level, "000.00.00.H5", "has 12 characters")


# --- QĐ 20/2020 -----------------------------------------------------------------------
@pytest.mark.parametrize("code", ["H53", "K57", "G01", "H55.242", "H53.01.02.001", "H37.DN.001"])
def test_qd20_accepts_level1_letter_two_digits_then_up_to_three_groups(code):
    assert check_qd20(code) == code
    assert QD20_RE.match(code)


def test_qd20_lowercase_is_normalised():
    assert check_qd20(" h53.dn.001 ") == "H53.DN.001"


def test_qd20_empty_code_is_refused():
    assert_invalid_code(check_qd20, "", "is empty: expected a QĐ 20/2020 code")


def test_qd20_longer_than_35_characters_is_refused():
    code = "H53." + "1" * 32
    err = assert_invalid_code(check_qd20, code, "has 36 characters")
    assert "at most 35" in str(err)


@pytest.mark.parametrize(
    ("code", "shown"), [("H53-01", '"-"'), ("H53.Đ1", '"Đ"'), ("H53 01", '" "')]
)
def test_qd20_characters_outside_digits_capitals_and_dots_are_named(code, shown):
    err = assert_invalid_code(check_qd20, code, f"contains {shown}")
    assert "digits, capital letters A-Z and dots" in str(err)


@pytest.mark.parametrize("code", ["H53..01", ".H53.01", "H53.01."])
def test_qd20_empty_group_is_refused(code):
    assert_invalid_code(check_qd20, code, "has an empty group")


@pytest.mark.parametrize("code", ["053.01", "HH3.01", "H5.01", "H533"])
def test_qd20_level1_group_must_be_a_letter_and_two_digits(code):
    err = assert_invalid_code(check_qd20, code, "the level-1 group of a QĐ 20/2020 code")
    assert err.params["group"] == code.split(".")[0]


def test_qd20_more_than_four_levels_is_refused():
    assert_invalid_code(check_qd20, "H53.01.02.03.04", "has 5 groups")


def test_qd20_group_longer_than_five_characters_is_refused():
    err = assert_invalid_code(check_qd20, "H53.ABCDEF", "group ABCDEF of 6 characters")
    assert err.params["length"] == 6


# --- document identifier (edXML DocumentId) -------------------------------------------
def test_document_identifier_is_organ_id_date_and_number_notation():
    assert (
        document_identifier("000.00.04.G14", date(2012, 8, 6), 267, "VPCP-TTĐT")
        == "000.00.04.G14,2012/08/06,267/VPCP-TTĐT"
    )


def test_document_identifier_writes_integer_numbers_below_ten_with_a_leading_zero():
    assert document_identifier("000.00.00.h53", date(2026, 1, 5), 5, "QĐ-UBND") == (
        "000.00.00.H53,2026/01/05,05/QĐ-UBND"
    )


def test_document_identifier_keeps_a_text_number_and_accepts_a_datetime():
    assert document_identifier("H53.01", datetime(2026, 3, 9, 15, 0), "12", "UBND-VX") == (
        "H53.01,2026/03/09,12/UBND-VX"
    )


def test_document_identifier_refuses_an_organ_id_that_is_no_agency_code():
    with pytest.raises(InvalidIdentifierCode) as caught:
        document_identifier("UBND Tây Ninh", date(2026, 1, 5), 5, "QĐ-UBND")
    assert 'Agency code "UBND TÂY NINH" cannot start a document identifier' in str(caught.value)


def test_document_identifier_refuses_a_missing_date():
    with pytest.raises(InvalidIdentifierCode) as caught:
        document_identifier("000.00.00.H53", "2026/01/05", 5, "QĐ-UBND")
    assert "needs the issue date as a date" in str(caught.value)


def test_document_identifier_refuses_commas_that_would_break_the_format():
    with pytest.raises(InvalidIdentifierCode) as caught:
        document_identifier("000.00.00.H53", date(2026, 1, 5), 5, "QĐ,UBND")
    assert 'part "QĐ,UBND" contains a comma' in str(caught.value)


def test_document_identifier_refuses_a_number_with_a_slash_or_no_number():
    for number in ("5/2026", "", None):
        with pytest.raises(InvalidIdentifierCode) as caught:
            document_identifier("000.00.00.H53", date(2026, 1, 5), number, "QĐ-UBND")
        assert "cannot go into a document identifier" in str(caught.value)


def test_document_identifier_refuses_a_missing_notation():
    with pytest.raises(InvalidIdentifierCode) as caught:
        document_identifier("000.00.00.H53", date(2026, 1, 5), 5, " ")
    assert "Document number 05 has no notation" in str(caught.value)


def test_document_identifier_number_zero_is_a_numbering_error():
    with pytest.raises(InvalidNumbering):
        document_identifier("000.00.00.H53", date(2026, 1, 5), 0, "QĐ-UBND")


def test_parse_document_identifier_reads_the_canonical_form():
    assert parse_document_identifier("000.00.04.G14,2012/08/06,267/VPCP-TTĐT") == {
        "organ_id": "000.00.04.G14",
        "issued_date": date(2012, 8, 6),
        "number": "267",
        "notation": "VPCP-TTĐT",
    }


def test_parse_document_identifier_accepts_day_month_year_and_loose_spacing():
    parsed = parse_document_identifier(" 000.00.00.h53 , 05/01/2026 , 05 / QĐ-UBND ")
    assert parsed == {
        "organ_id": "000.00.00.H53",
        "issued_date": date(2026, 1, 5),
        "number": "05",
        "notation": "QĐ-UBND",
    }


def test_parse_document_identifier_round_trips_a_legal_document_number_with_its_year():
    text = document_identifier("000.00.00.H53", date(2019, 12, 16), "52", "2019/QĐ-UBND")
    parsed = parse_document_identifier(text)
    assert (parsed["number"], parsed["notation"]) == ("52", "2019/QĐ-UBND")


def test_parse_document_identifier_accepts_qd20_organ_ids():
    assert parse_document_identifier("H53.01,2026/01/05,05/QĐ-SNV")["organ_id"] == "H53.01"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "is not OrganId,yyyy/MM/dd,number/notation"),
        ("garbage", "is not OrganId,yyyy/MM/dd,number/notation"),
        ("000.00.00.H53,,05/QĐ-UBND", "is not OrganId,yyyy/MM/dd,number/notation"),
        ("UBND,2026/01/05,05/QĐ-UBND", "neither a QCVN 102:2016 code"),
        ("000.00.00.H53,2026-13-45,05/QĐ-UBND", "has date 2026-13-45"),
        ("000.00.00.H53,2018,10", "has date 2018"),
        ("000.00.00.H53,2026/01/05,05", "ends with 05: expected number/notation"),
        ("000.00.00.H53,2026/01/05,/QĐ-UBND", "ends with /QĐ-UBND"),
    ],
)
def test_parse_document_identifier_refuses_garbage_with_a_specific_message(text, fragment):
    with pytest.raises(InvalidIdentifierCode) as caught:
        parse_document_identifier(text)
    assert caught.value.code == "invalid_identifier_code"
    assert fragment in str(caught.value)
