"""Number and notation (số, ký hiệu): NĐ 30/2020 Điều 15 and Phụ lục I II.3.c."""

import pytest

from egov_documents.rules import (
    InvalidNumbering,
    format_number,
    make_notation,
    number_and_notation,
    split_number_notation,
)


def assert_invalid_numbering(call, fragment):
    with pytest.raises(InvalidNumbering) as caught:
        call()
    assert caught.value.code == "invalid_numbering"
    assert fragment in str(caught.value)
    return caught.value


@pytest.mark.parametrize(
    ("number", "written"),
    [(1, "01"), (9, "09"), (10, "10"), (99, "99"), (123, "123"), (1234, "1234")],
)
def test_numbers_below_ten_get_a_leading_zero(number, written):
    assert format_number(number) == written


@pytest.mark.parametrize("number", [0, -1])
def test_numbering_starts_at_01_so_smaller_numbers_are_refused(number):
    err = assert_invalid_numbering(lambda: format_number(number), "numbers start at 01 each year")
    assert err.params == {"number": number}


@pytest.mark.parametrize("number", ["5", 5.0, True, None])
def test_a_number_must_be_a_whole_number(number):
    assert_invalid_numbering(lambda: format_number(number), "is not a whole number")


def test_notation_is_type_abbreviation_then_agency_abbreviation():
    assert make_notation("QĐ", "UBND") == "QĐ-UBND"
    assert make_notation("KH", "BNV") == "KH-BNV"


def test_cong_van_notation_is_agency_then_unit_without_type():
    assert make_notation(None, "UBND", "VX") == "UBND-VX"
    assert make_notation(None, "BNV", "VP") == "BNV-VP"


def test_notation_of_agency_alone_when_there_is_no_type_and_no_unit():
    assert make_notation(None, "UBND", None) == "UBND"
    assert make_notation(False, "UBND", False) == "UBND"
    assert make_notation("", "UBND", "  ") == "UBND"


def test_notation_uses_every_part_given_in_type_agency_unit_order():
    assert make_notation("QĐ", "UBND", "VX") == "QĐ-UBND-VX"


def test_notation_strips_surrounding_spaces_and_composes_to_nfc():
    assert make_notation(" QĐ ", " UBND ") == "QĐ-UBND"
    assert make_notation("TTr", "So\u031b\u0309") == "TTr-Sở"  # o + horn + hook above


def test_notation_needs_an_agency_abbreviation():
    assert_invalid_numbering(lambda: make_notation("QĐ", "  "), "agency abbreviation is empty")
    assert_invalid_numbering(lambda: make_notation("QĐ", None), "agency abbreviation is empty")


@pytest.mark.parametrize(
    ("type_abbreviation", "agency", "unit", "offending"),
    [
        ("Q Đ", "UBND", None, "Q Đ"),
        ("QĐ", "UB/ND", None, "UB/ND"),
        (None, "UBND", "V X", "V X"),
        ("QĐ", "UBND,", None, "UBND,"),
    ],
)
def test_abbreviations_with_spaces_slashes_or_commas_are_refused(
    type_abbreviation, agency, unit, offending
):
    err = assert_invalid_numbering(
        lambda: make_notation(type_abbreviation, agency, unit),
        f'Abbreviation "{offending}" contains a space, a "/" or a comma',
    )
    assert err.params == {"abbreviation": offending}


def test_number_and_notation_are_separated_by_a_slash():
    assert number_and_notation(5, "QĐ-UBND") == "05/QĐ-UBND"
    assert number_and_notation(12, "UBND-VX") == "12/UBND-VX"


def test_number_and_notation_refuses_a_missing_notation():
    assert_invalid_numbering(
        lambda: number_and_notation(5, ""), "Document number 05 has no notation"
    )


def test_number_and_notation_refuses_number_zero():
    assert_invalid_numbering(lambda: number_and_notation(0, "QĐ-UBND"), "numbers start at 01")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("05/QĐ-UBND", ("05", "QĐ-UBND")),
        ("05 / QĐ-UBND", ("05", "QĐ-UBND")),
        ("Số: 05/QĐ-UBND", ("05", "QĐ-UBND")),
        ("số 05/QĐ-UBND", ("05", "QĐ-UBND")),
        ("SỐ:05/QĐ-UBND", ("05", "QĐ-UBND")),
        ("So: 12/UBND-VX", ("12", "UBND-VX")),
        ("12/UBND - VX", ("12", "UBND-VX")),
        ("52/2019/QĐ-UBND", ("52", "2019/QĐ-UBND")),
        ("52 / 2019 / QĐ-UBND", ("52", "2019/QĐ-UBND")),
        ("123", ("123", None)),
        ("05/", ("05", None)),
        ("/QĐ-UBND", (None, "QĐ-UBND")),
        ("", (None, None)),
        (None, (None, None)),
    ],
)
def test_split_number_notation_reads_what_a_clerk_types(typed, expected):
    assert split_number_notation(typed) == expected


def test_split_number_notation_keeps_a_notation_that_starts_with_so():
    # Only "Số"/"So" followed by the digits of a number is a prefix.
    assert split_number_notation("SOTC-05") == ("SOTC-05", None)


def test_split_then_join_gives_the_canonical_text_back():
    number, notation = split_number_notation("Số: 15 / QĐ - BNV")
    assert f"{number}/{notation}" == "15/QĐ-BNV"


# --- Legal normative documents (văn bản QPPL): the year in the number ----------------------
def test_qppl_number_carries_the_year_tay_ninh_appendix_i():
    from egov_documents.rules.numbering import legal_notation

    notation = legal_notation(2019, make_notation("QĐ", "UBND"))
    assert notation == "2019/QĐ-UBND"
    assert number_and_notation(5, notation) == "05/2019/QĐ-UBND"
    assert number_and_notation(52, notation) == "52/2019/QĐ-UBND"


def test_qppl_number_splits_back_into_number_and_notation_with_year():
    from egov_documents.rules.numbering import legal_notation

    printed = number_and_notation(5, legal_notation(2019, "QĐ-UBND"))
    assert split_number_notation(printed) == ("05", "2019/QĐ-UBND")


@pytest.mark.parametrize("year", [19, 20190, "2019", True, None])
def test_qppl_year_must_have_four_digits(year):
    from egov_documents.rules.numbering import legal_notation

    assert_invalid_numbering(lambda: legal_notation(year, "QĐ-UBND"), "must have four digits")


def test_qppl_notation_is_given_without_the_year():
    from egov_documents.rules.numbering import legal_notation

    assert_invalid_numbering(lambda: legal_notation(2019, "2019/QĐ-UBND"), 'already contains a "/"')
    assert_invalid_numbering(lambda: legal_notation(2019, "  "), "needs a notation")
