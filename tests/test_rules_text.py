"""Text normalisation to Unicode NFC (TCVN 6909:2001) and the duplicate-detection key."""

import unicodedata

import pytest

from egov_documents.rules import fold_for_compare, normalize_text
from egov_documents.rules.errors import TextTooLong
from egov_documents.rules.text import check_max_length

NFC_SUBJECT = "Về việc triển khai Nghị định 30/2020/NĐ-CP"


def is_nfc(text):
    return unicodedata.is_normalized("NFC", text)


def test_fully_decomposed_vietnamese_becomes_nfc():
    decomposed = unicodedata.normalize("NFD", NFC_SUBJECT)
    assert decomposed != NFC_SUBJECT
    assert normalize_text(decomposed) == NFC_SUBJECT


def test_precomposed_letter_followed_by_a_combining_tone_mark_becomes_one_code_point():
    # "ê" (precomposed) + combining dot below, and "ư" + combining hook above, as typed
    # by keyboards and converters that put the tone mark separately.
    mixed = "vi\u00ea\u0323c th\u01b0\u0309"
    assert normalize_text(mixed) == "việc thử"
    assert len(normalize_text(mixed)) == len("việc thử")


def test_combining_marks_in_either_order_give_the_same_letter():
    assert normalize_text("e\u0302\u0323") == normalize_text("e\u0323\u0302") == "ệ"


def test_legacy_vietnamese_tone_mark_code_points_are_mapped_to_the_standard_ones():
    # U+0341 COMBINING ACUTE TONE MARK is canonically the combining acute accent.
    assert normalize_text("a\u0341") == "á"


def test_result_is_always_nfc():
    assert is_nfc(normalize_text(unicodedata.normalize("NFD", "Sở Nội vụ tỉnh Tây Ninh")))


def test_zero_width_characters_and_soft_hyphens_are_dropped():
    assert normalize_text("Công\u200b văn\u200d số\ufeff 05\u00ad\u2060") == "Công văn số 05"


def test_zero_width_character_between_letter_and_tone_mark_does_not_block_composition():
    assert normalize_text("e\u200b\u0301") == "é"


def test_runs_of_spaces_tabs_and_non_breaking_spaces_become_one_space():
    assert normalize_text("Kính \t gửi:\u00a0\u00a0 Sở  Nội vụ") == "Kính gửi: Sở Nội vụ"


def test_leading_and_trailing_whitespace_is_stripped():
    assert normalize_text("  \n Trích yếu \t\n ") == "Trích yếu"


def test_single_newlines_are_kept_and_spaces_around_them_removed():
    assert normalize_text("Dòng một  \n  Dòng hai") == "Dòng một\nDòng hai"


def test_three_or_more_newlines_collapse_to_one_blank_line():
    assert normalize_text("Đoạn một\n\n\n\n\nĐoạn hai") == "Đoạn một\n\nĐoạn hai"
    assert normalize_text("Đoạn một\n\nĐoạn hai") == "Đoạn một\n\nĐoạn hai"


def test_windows_and_old_mac_line_breaks_become_newlines():
    assert normalize_text("một\r\nhai\rba\u2028bốn") == "một\nhai\nba\nbốn"


@pytest.mark.parametrize("value", [None, "", "   ", "\u200b\u200b", "\n\t\n", False])
def test_empty_or_blank_text_gives_none(value):
    assert normalize_text(value) is None


def test_fold_for_compare_ignores_case_spaces_and_normalisation_form():
    typed_by_sender = "05/QĐ-UBND"
    typed_by_clerk = unicodedata.normalize("NFD", " 05 / qđ-ubnd ")
    assert fold_for_compare(typed_by_sender) == fold_for_compare(typed_by_clerk) == "05/qđ-ubnd"


def test_fold_for_compare_reads_icelandic_eth_as_vietnamese_d():
    assert fold_for_compare("QÐ-UBND") == fold_for_compare("QĐ-UBND")  # U+00D0 vs U+0110


def test_fold_for_compare_keeps_tone_marks_distinct():
    assert fold_for_compare("Sở Nội vụ") != fold_for_compare("Số Nội vụ")
    assert fold_for_compare("Sở Nội vụ") == "sởnộivụ"


def test_fold_for_compare_keeps_punctuation_that_tells_notations_apart():
    assert fold_for_compare("05/QĐ-UBND") != fold_for_compare("05-QĐ-UBND")


def test_fold_for_compare_of_nothing_is_the_empty_key():
    assert fold_for_compare(None) == ""
    assert fold_for_compare("  \u200b ") == ""


# --- invisible and bidirectional control characters --------------------------------------
@pytest.mark.parametrize(
    "control",
    [
        "\u202a",  # left-to-right embedding
        "\u202b",  # right-to-left embedding
        "\u202c",  # pop directional formatting
        "\u202d",  # left-to-right override
        "\u202e",  # right-to-left override
        "\u2066",  # left-to-right isolate
        "\u2067",  # right-to-left isolate
        "\u2068",  # first strong isolate
        "\u2069",  # pop directional isolate
        "\u200e",  # left-to-right mark
        "\u200f",  # right-to-left mark
        "\u061c",  # Arabic letter mark
        "\u2061",  # function application (invisible operator)
        "\U000e0041",  # tag latin capital letter A
    ],
)
def test_bidirectional_and_invisible_format_characters_are_stripped(control):
    assert normalize_text(f"Quyết định{control} số 05") == "Quyết định số 05"


def test_right_to_left_override_cannot_disguise_a_file_name_in_a_subject():
    # "Báo cáo \u202excod.exe" is shown as "Báo cáo exe.docx" by a bidi-aware display.
    assert normalize_text("Báo cáo \u202excod.exe") == "Báo cáo xcod.exe"


@pytest.mark.parametrize("control", ["\x00", "\x07", "\x1b", "\x7f", "\x9b"])
def test_control_characters_are_stripped(control):
    assert normalize_text(f"Công{control} văn") == "Công văn"


def test_tabs_and_line_breaks_are_not_stripped_but_normalised():
    assert normalize_text("Kính gửi:\tSở Nội vụ\r\nUBND tỉnh") == "Kính gửi: Sở Nội vụ\nUBND tỉnh"


# --- length ------------------------------------------------------------------------------
def test_text_within_the_limit_is_returned_unchanged():
    assert check_max_length("Về việc", 7, "Subject") == "Về việc"


def test_over_long_text_is_refused_naming_the_field_and_the_limit():
    with pytest.raises(TextTooLong) as caught:
        check_max_length("x" * 501, 500, "Subject")
    error = caught.value
    assert error.code == "text_too_long"
    assert error.params == {"field": "Subject", "length": 501, "limit": 500}
    assert str(error) == "Subject is 501 characters long, more than the 500 allowed: shorten it."


def test_length_counts_characters_after_nfc_normalisation():
    decomposed = unicodedata.normalize("NFD", "Về việc")
    assert len(decomposed) > 7
    assert check_max_length(normalize_text(decomposed), 7, "Subject") == "Về việc"


@pytest.mark.parametrize("value", [None, False, ""])
def test_empty_values_have_no_length_to_check(value):
    assert check_max_length(value, 5, "Subject") == value
