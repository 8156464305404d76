"""Reading the registration fields from a document's text (NĐ 30/2020 Phụ lục I layout),
as the text layer gives it and as OCR garbles it."""

from datetime import date

import pytest

from egov_documents.rules.scanmeta import EXACT, FUZZY, parse_metadata, position_case

OFFICIAL_LETTER = """BỘ NỘI VỤ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 3456/BNV-CCVC
Hà Nội, ngày 16 tháng 11 năm 2026

V/v triển khai công tác đánh giá, xếp loại chất lượng cán bộ, công
chức, viên chức năm 2026

Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.
Thực hiện quy định về đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức.

Nơi nhận:
- Như trên;
- Lưu: VT, CCVC.
KT. BỘ TRƯỞNG
THỨ TRƯỞNG

Nguyễn Văn Phúc
"""

DECISION = """UBND TỈNH TÂY NINH
SỞ TÀI CHÍNH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 88/QĐ-STC
Tây Ninh, ngày 03 tháng 05 năm 2026

QUYẾT ĐỊNH
Về việc công bố danh mục thủ tục hành chính mới ban hành
trong lĩnh vực tài chính
Căn cứ Luật Tổ chức chính quyền địa phương;
Điều 1. Công bố kèm theo Quyết định này danh mục.

GIÁM ĐỐC

Ngô Thanh Sơn
"""

# What Tesseract makes of a scan: columns glued, diacritics lost, extra spaces, "ố" as "6".
OCR_OFFICIAL_LETTER = """BO NOI VU CONG HOA XA HOI CHU NGHIA VIET NAM
Doc lap - Tu do - Hanh phuc
S6:3456 /BNV- CCVC Ha Noi, ngay 16 thang 11 nam 2026
V/V trien khai cong tac danh gia can bo nam 2026

Thuc hien quy dinh ve danh gia.
KT, BO TRUONG
THU TRUONG
Nguyen Van Phuc
"""


def values(text):
    return {name: extracted.value for name, extracted in parse_metadata(text).items()}


def confidences(text):
    return {name: extracted.confidence for name, extracted in parse_metadata(text).items()}


def test_official_letter_fields_are_read_exactly_from_a_text_layer():
    found = values(OFFICIAL_LETTER)
    assert found["number"] == "3456"
    assert found["notation"] == "BNV-CCVC"
    assert found["issued_date"] == date(2026, 11, 16)
    assert found["place"] == "Hà Nội"
    assert found["agency"] == "BỘ NỘI VỤ"
    assert "parent_agency" not in found
    assert found["document_type"] == ""
    assert found["document_type_name"] == "Công văn"
    assert found["subject"] == (
        "V/v triển khai công tác đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức "
        "năm 2026"
    )
    assert found["signer_competence"] == "kt"
    assert found["signer_position"] == "Thứ trưởng"
    assert found["signer_name"] == "Nguyễn Văn Phúc"
    assert set(confidences(OFFICIAL_LETTER).values()) == {EXACT}


def test_decision_type_comes_from_the_title_and_the_subject_from_the_lines_below():
    found = values(DECISION)
    assert found["agency"] == "SỞ TÀI CHÍNH"
    assert found["parent_agency"] == "UBND TỈNH TÂY NINH"
    assert found["document_type"] == "QĐ"
    assert found["document_type_name"] == "Quyết định"
    assert found["subject"] == (
        "Về việc công bố danh mục thủ tục hành chính mới ban hành trong lĩnh vực tài chính"
    )
    assert found["signer_competence"] == "direct"
    assert found["signer_position"] == "Giám đốc"
    assert found["signer_name"] == "Ngô Thanh Sơn"
    assert found["issued_date"] == date(2026, 5, 3)


def test_ocr_variants_are_read_with_fuzzy_confidence():
    found = parse_metadata(OCR_OFFICIAL_LETTER)
    assert (found["number"].value, found["notation"].value) == ("3456", "BNV-CCVC")
    assert found["number"].confidence == FUZZY
    assert found["issued_date"].value == date(2026, 11, 16)
    assert found["issued_date"].confidence == FUZZY
    assert found["agency"].value == "BO NOI VU"
    assert found["agency"].confidence == FUZZY
    assert found["subject"].value == "V/v trien khai cong tac danh gia can bo nam 2026"
    assert found["subject"].confidence == FUZZY
    assert found["signer_competence"].value == "kt"
    assert found["signer_competence"].confidence == FUZZY
    assert found["signer_name"].value == "Nguyen Van Phuc"


@pytest.mark.parametrize(
    "line, number, notation",
    [
        ("Số: 3456/BNV-CCVC", "3456", "BNV-CCVC"),
        ("Số:3456 /BNV- CCVC", "3456", "BNV-CCVC"),
        ("S6: 3456/BNV-CCVC", "3456", "BNV-CCVC"),
        ("So: 15/QD-UBND", "15", "QĐ-UBND"),
        ("Số: 05/TTR-SNV", "05", "TTr-SNV"),
        ("Số: 52/2019/QĐ-UBND", "52", "2019/QĐ-UBND"),
        ("Sô : 1O2/UBND-VX", "102", "UBND-VX"),
    ],
)
def test_number_and_notation_survive_ocr_noise(line, number, notation):
    found = values(f"SỞ NỘI VỤ\n{line}\nngày 1 tháng 2 năm 2026\n")
    assert (found["number"], found["notation"]) == (number, notation)


def test_number_with_the_regulation_spelling_is_exact_and_noisy_one_fuzzy():
    assert confidences("SỞ NỘI VỤ\nSố: 15/QĐ-SNV\n")["number"] == EXACT
    assert confidences("SỞ NỘI VỤ\nSố:15 / QĐ-SNV\n")["number"] == FUZZY


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Hà Nội, ngày 16 tháng 11 năm 2026", date(2026, 11, 16)),
        ("Tây Ninh, ngày 5/11/2026", date(2026, 11, 5)),
        ("Tay Ninh, ngay 05 thang O3 nam 2026", date(2026, 3, 5)),
        ("Tây Ninh, ngày  7  tháng  1  năm  2027", date(2027, 1, 7)),
    ],
)
def test_date_in_words_or_digits(line, expected):
    assert values(f"SỞ NỘI VỤ\nSố: 1/SNV\n{line}\n")["issued_date"] == expected


def test_impossible_date_is_not_read():
    assert "issued_date" not in values("SỞ NỘI VỤ\nSố: 1/SNV\nngày 31 tháng 02 năm 2026\n")


def test_date_in_the_body_is_not_taken_for_the_document_date():
    text = DECISION.replace("Tây Ninh, ngày 03 tháng 05 năm 2026", "Tây Ninh, ngày … tháng … năm")
    text = text.replace("Căn cứ Luật", "Căn cứ Luật ngày 19 tháng 6 năm 2015, Luật")
    assert "issued_date" not in values(text)


@pytest.mark.parametrize(
    "title, abbreviation",
    [
        ("KẾ HOẠCH", "KH"),
        ("THÔNG BÁO", "TB"),
        ("BÁO CÁO", "BC"),
        ("TỜ TRÌNH", "TTr"),
        ("CHỈ THỊ", "CT"),
        ("QUY ĐỊNH", "QyĐ"),
        ("GIẤY MỜI", "GM"),
        ("KE HOACH", "KH"),
        ("QUYET ĐINH", "QĐ"),
    ],
)
def test_document_type_from_its_title(title, abbreviation):
    text = f"SỞ NỘI VỤ\nSố: 12/SNV\nngày 1 tháng 2 năm 2026\n\n{title}\nVề công tác năm 2026\n"
    found = values(text)
    assert found["document_type"] == abbreviation
    assert found["subject"] == "Về công tác năm 2026"


def test_type_title_and_notation_that_disagree_are_fuzzy():
    text = "SỞ NỘI VỤ\nSố: 12/KH-SNV\nngày 1 tháng 2 năm 2026\n\nBÁO CÁO\nVề công tác\n"
    found = parse_metadata(text)
    assert found["document_type"].value == "BC"
    assert found["document_type"].confidence == FUZZY


def test_notation_type_is_the_hint_when_no_title_is_read():
    found = parse_metadata("SỞ NỘI VỤ\nSố: 12/KH-SNV\nngày 1 tháng 2 năm 2026\n")
    assert found["document_type"].value == "KH"
    assert found["document_type"].confidence == FUZZY


def test_national_motto_glued_to_the_agency_by_ocr_is_cut_off():
    text = "UBND TỈNH TÂY NINH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ NỘI VỤ Độc lập - Tự do\n"
    text += "Số: 1/SNV\n"
    found = values(text)
    assert found["agency"] == "SỞ NỘI VỤ"
    assert found["parent_agency"] == "UBND TỈNH TÂY NINH"


@pytest.mark.parametrize(
    "block, competence, position",
    [
        ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "kt", "Phó Chủ tịch"),
        ("TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG", "tl", "Chánh Văn phòng"),
        ("TUQ. GIÁM ĐỐC\nTRƯỞNG PHÒNG", "tuq", "Trưởng phòng"),
        ("Q. GIÁM ĐỐC", "q", "Giám đốc"),
        ("KT. PHÓ CHỦ TỊCH", "kt", "Phó Chủ tịch"),
    ],
)
def test_signature_block_competence_and_position(block, competence, position):
    text = f"SỞ NỘI VỤ\nSố: 1/SNV\n\nNội dung.\n\n{block}\n(Đã ký)\nLê Văn Tài\n"
    found = values(text)
    assert found["signer_competence"] == competence
    assert found["signer_position"] == position
    assert found["signer_name"] == "Lê Văn Tài"


def test_signer_is_read_on_the_last_page():
    text = (
        DECISION.replace("GIÁM ĐỐC\n\nNgô Thanh Sơn\n", "")
        + "\f"
        + "Điều 3. …\nGIÁM ĐỐC\nNgô Thanh Sơn"
    )
    assert values(text)["signer_name"] == "Ngô Thanh Sơn"


def test_recipient_list_is_not_taken_for_the_signer():
    found = values(OFFICIAL_LETTER.replace("Nguyễn Văn Phúc\n", ""))
    assert "signer_name" not in found


def test_position_case_follows_how_titles_are_written():
    assert position_case("PHÓ GIÁM ĐỐC") == "Phó Giám đốc"
    assert position_case("THỨ TRƯỞNG") == "Thứ trưởng"


def test_decomposed_unicode_is_read_as_nfc():
    import unicodedata

    found = values(unicodedata.normalize("NFD", OFFICIAL_LETTER))
    assert found["agency"] == "BỘ NỘI VỤ"
    assert found["signer_name"] == "Nguyễn Văn Phúc"


def test_empty_text_gives_nothing():
    assert parse_metadata("") == {}
    assert parse_metadata(None) == {}


def test_type_abbreviation_misread_by_ocr_is_repaired():
    found = parse_metadata("SỞ NỘI VỤ\nSố: 21/TTIr-SNV\nngày 1 tháng 2 năm 2026\n")
    assert found["notation"].value == "TTr-SNV"
    assert found["notation"].confidence == FUZZY


def test_agency_part_of_a_notation_is_not_taken_for_a_type():
    assert values("SỞ NỘI VỤ\nSố: 21/UBND-VX\n")["notation"] == "UBND-VX"
