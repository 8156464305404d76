"""Lenient reading of what real implementations send (STANDARDS.md §1 and §7): the VPCP
SDK sample form, Bkav, LSON, the VPCP gateway (GW) and the .NET SDK status file."""

import sys
from datetime import date, datetime
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "samples"))

import edxml_factory as factory  # noqa: E402

from egov_interchange.edxml import DocumentPackage, StatusPackage, build, parse  # noqa: E402
from egov_interchange.edxml.package import TZ  # noqa: E402
from egov_interchange.edxml.values import parse_date, parse_moment  # noqa: E402

SAMPLES = factory.SAMPLES


def read(name):
    return parse((SAMPLES / name).read_bytes())


def test_vpcp_sdk_edoc_new_canonical_form():
    pkg = read("vpcp_sdk_edoc_new.edxml")
    assert isinstance(pkg, DocumentPackage)
    assert pkg.sender.organ_id == "000.00.00.H53"
    assert pkg.sender.organization_in_charge == "Văn phòng UBND tỉnh"
    assert [org.organ_id for org in pkg.recipients] == ["000.00.12.H53", "H53.07"]
    assert pkg.document_id == "000.00.00.H53,2026/03/02,245/UBND-VP"
    assert (pkg.number, pkg.notation) == ("245", "UBND-VP")
    assert pkg.promulgation_date == date(2026, 3, 2)
    assert pkg.due_date == date(2026, 3, 20)
    assert pkg.document_type_name == "Công văn"
    assert (pkg.priority, pkg.steering_type, pkg.page_amount) == (1, 1, 1)
    assert pkg.to_places == ["Như trên", "Lưu: VT"]
    assert pkg.business.staff.staff == "Trần Thị Bình"
    assert pkg.trace[0].timestamp == datetime(2026, 3, 2, 9, 15, tzinfo=TZ)
    [att] = pkg.attachments
    assert (att.name, att.content_type, att.description) == (
        "245-UBND-VP.pdf",
        "application/pdf",
        "Công văn",
    )
    assert att.content_id == "3f1c1f0a-9d43-4f5e-8a45-2b9f7f0c1a11"
    assert att.data.startswith(b"%PDF-")


def test_bkav_manifest_business_spelling_ddmmyyyy_cid_prefix_and_zipped_txt():
    pkg = read("bkav_document.edxml")
    assert pkg.sender.organ_id == "000.00.12.H53"
    assert pkg.promulgation_date == date(2026, 3, 5)  # dd/MM/yyyy
    assert pkg.due_date == date(2026, 3, 15)  # dd/MM/yyyy HH:mm:ss
    assert pkg.trace[0].timestamp == datetime(2026, 3, 5, 14, 2, 31, tzinfo=TZ)
    assert pkg.paper == 1 and pkg.business.paper == 1  # read from <Business>
    assert pkg.priority == 2 and pkg.document_type_detail == -1
    pdf, txt = pkg.attachments
    assert pdf.name == "31-TTr-SNV.pdf" and pdf.data.startswith(b"%PDF-")  # wrapped base64
    assert pdf.content_id == "9a0e5d3c-1111-4a2b-9c3d-000000000001"  # cid: stripped
    assert pdf.description == "Tờ trình"
    # application/zip with a .txt name: unzipped into its single member
    assert (txt.name, txt.content_type) == ("ghi-chu.txt", "text/plain")
    assert txt.data.decode("utf-8") == "Ghi chú: văn bản gửi kèm bản giấy.\n"


def test_lson_content_ids_without_cid_prefix():
    pkg = read("lson_document.edxml")
    assert pkg.sender.organ_id == "H37.DN.001"  # QĐ 20 form with letters in a group
    assert pkg.document_type == 18
    assert pkg.due_date is None
    [att] = pkg.attachments
    assert att.content_id == "5d1c7a2e-2222-4b5c-8d9e-00000000000a"
    assert att.name == "12-CV-DN.pdf"


def test_gw_default_namespace_without_prefix_and_everything_zipped():
    pkg = read("gw_document.edxml")
    assert pkg.sender.organ_id == "G09"
    assert pkg.priority == 3
    pdf, docx = pkg.attachments
    assert (pdf.name, pdf.content_type) == ("1024-BNV-CCVC.pdf", "application/pdf")
    assert pdf.data.startswith(b"%PDF-")
    assert docx.name == "phu-luc.docx"  # "phu-luc.docx.zip": flagged zip, unpacked
    assert docx.content_type.endswith("wordprocessingml.document")


def test_netsdk_status_change_acceptance_15():
    pkg = read("status_change-acceptance_15.edxml")
    assert isinstance(pkg, StatusPackage)
    assert pkg.status_code == "15"
    assert pkg.sender.organ_id == "000.00.12.H53"
    assert pkg.response_for.document_id == "000.00.00.H53,2026/03/02,245/UBND-VP"
    assert pkg.response_for.code == "245/UBND-VP"
    assert pkg.response_for.promulgation_date == date(2026, 3, 2)
    assert pkg.timestamp == datetime(2026, 3, 3, 8, 5, 9, tzinfo=TZ)
    assert pkg.staff.staff == "Ngô Thị Hoa"
    assert pkg.description == "Đồng ý lấy lại văn bản"


@pytest.mark.parametrize(
    "name",
    [
        "vpcp_sdk_edoc_new.edxml",
        "bkav_document.edxml",
        "lson_document.edxml",
        "gw_document.edxml",
        "status_change-acceptance_15.edxml",
        "bkav_recall_1.edxml",
        "bkav_update_2.edxml",
        "bkav_replace_3.edxml",
    ],
)
def test_every_sample_is_reemitted_canonically_without_loss(name):
    pkg = read(name)
    again = parse(build(pkg))
    assert again == pkg


def test_bkav_recall_bussiness_doc_type_1_with_reason():
    pkg = read("bkav_recall_1.edxml")
    assert pkg.business.doc_type == 1
    assert pkg.business.reason == "Thu hồi do sai sót nơi nhận"
    assert pkg.business.document_id == "000.00.00.H53,2026/03/02,245/UBND-VP"
    assert pkg.business.staff.department == "Văn phòng"
    assert pkg.attachments == []
    assert pkg.trace[0].timestamp == datetime(2026, 3, 4, 10, 20, tzinfo=TZ)


def test_bkav_update_bussiness_doc_type_2_document_info_and_receivers():
    business = read("bkav_update_2.edxml").business
    assert (business.doc_type, business.reason) == (2, "Cập nhật nơi nhận")
    assert business.document_info_changed is False
    assert business.receivers_changed is True
    assert [(r.organ_id, r.receiver_type) for r in business.receiver_changes] == [
        ("H53.07", 1),
        ("000.00.12.H53", 0),
    ]


def test_bkav_replace_bussiness_doc_type_3_replacement_info_list():
    business = read("bkav_replace_3.edxml").business
    assert (business.doc_type, business.reason) == (3, "Thay thế Công văn 240/UBND-VP")
    assert business.replaced_document_ids == ["000.00.00.H53,2026/02/27,240/UBND-VP"]


def test_prefixed_root_and_business_outside_trace_list_are_read():
    text = build(factory.full_document(attachments=[])).decode()
    text = text.replace("<edXML ", "<edXML:edXML ").replace("</edXML>", "</edXML:edXML>")
    text = text.replace(' xmlns="', ' xmlns:edXML="', 1).replace(
        ' xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">\n    <edXML:edXMLHeader',
        ">\n    <edXML:edXMLHeader",
    )
    pkg = parse(text.encode())
    assert pkg.number == "15" and pkg.business.staff.staff == "Trần Thị Bình"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026/03/02", date(2026, 3, 2)),
        ("02/03/2026", date(2026, 3, 2)),
        ("2026-03-02", date(2026, 3, 2)),
        ("2026/03/02 14:05:00", date(2026, 3, 2)),
        ("02/03/2026 14:05:00", date(2026, 3, 2)),
        ("2/3/2026", date(2026, 3, 2)),
        ("", None),
    ],
)
def test_dates_accepted_in_yyyy_mm_dd_and_dd_mm_yyyy(text, expected):
    assert parse_date(text, "PromulgationDate") == expected


@pytest.mark.parametrize(
    "text",
    [
        "2026/03/02 08:00:00",
        "02/03/2026 08:00:00",
        "2026-03-02T08:00:00+07:00",
        "2026-03-02T01:00:00Z",
    ],
)
def test_moments_naive_are_vietnam_time_aware_are_kept(text):
    assert parse_moment(text, "Timestamp") == datetime(2026, 3, 2, 8, 0, tzinfo=TZ)
