"""QCVN 102:2016 edXML: build → parse round trips, the canonical form, the business
packages (recall/update/replace) and the JSON shape of the command line."""

import base64
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent / "samples"))

import edxml_factory as factory  # noqa: E402

from egov_interchange.edxml import (  # noqa: E402
    NAMESPACE,
    STATUS_CODES,
    Attachment,
    Business,
    DocumentPackage,
    EdxmlError,
    ReceiverChange,
    StatusPackage,
    build,
    document_id_for,
    from_json,
    parse,
    to_json,
    validate,
)
from egov_interchange.edxml.jsonshape import DOCUMENT_KEYS, STATUS_KEYS  # noqa: E402

NS = {"e": NAMESPACE}


def test_qcvn102_document_round_trip_with_two_pdf_attachments():
    package = factory.full_document()
    data = build(package)
    back = parse(data)
    assert isinstance(back, DocumentPackage)
    assert back == package
    assert [att.data for att in back.attachments] == [
        factory.decision_pdf(),
        factory.appendix_pdf(),
    ]
    assert all(att.data.startswith(b"%PDF-") for att in back.attachments)
    assert back.attachments[0].sha256 == package.attachments[0].sha256


@pytest.mark.parametrize("code", sorted(STATUS_CODES))
def test_qcvn102_status_round_trip_for_every_status_code(code):
    package = factory.status_for(code)
    back = parse(build(package))
    assert isinstance(back, StatusPackage)
    assert back == package
    assert back.status_code == code


def test_status_codes_are_exactly_the_exchanged_business_states():
    assert sorted(STATUS_CODES) == ["01", "02", "03", "04", "05", "06", "13", "15", "16"]


def test_qcvn102_canonical_form_sdk_skeleton():
    """edoc_new.edxml layout: root edXML in the default namespace, envelope and header
    prefixed edXML:, AttachmentEncoded after the envelope in the default namespace,
    MessageHeader children in BKAV's emit order, dates yyyy/MM/dd, moments with time."""
    data = build(factory.full_document())
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    text = data.decode("utf-8")
    assert '<edXML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' in text
    assert f'xmlns="{NAMESPACE}"' in text
    assert f'<edXML:edXMLEnvelope xmlns:edXML="{NAMESPACE}">' in text
    assert "<edXML:Bussiness>" in text and "<edXML:BussinessDocType>0<" in text
    assert "<edXML:PromulgationDate>2026/03/02</edXML:PromulgationDate>" in text
    assert "<edXML:Timestamp>2026/03/02 09:15:00</edXML:Timestamp>" in text
    assert 'xlink:href="cid:8c1f5e2a-0d1b-4c55-9a7e-3f2b1c0d9e01"' in text
    assert "\n  <AttachmentEncoded>" in text
    root = etree.fromstring(data)
    assert root.tag == f"{{{NAMESPACE}}}edXML"
    envelope, encoded = list(root)
    assert envelope.tag == f"{{{NAMESPACE}}}edXMLEnvelope"
    assert encoded.tag == f"{{{NAMESPACE}}}AttachmentEncoded"
    header = root.find("e:edXMLEnvelope/e:edXMLHeader/e:MessageHeader", NS)
    order = [etree.QName(child).localname for child in header]
    assert order == [
        "From",
        "To",
        "To",
        "DocumentId",
        "Code",
        "PromulgationInfo",
        "DocumentType",
        "Subject",
        "Content",
        "SignerInfo",
        "DueDate",
        "OtherInfo",
        "ResponseFor",
        "SteeringType",
        "ToPlaces",
    ]
    payload = root.find("e:AttachmentEncoded/e:Attachment/e:ContentTransferEncoded", NS).text
    assert base64.b64decode(payload) == factory.decision_pdf()


def test_build_is_deterministic_for_the_same_package():
    package = factory.full_document()
    assert build(package) == build(package)


def test_empty_content_id_gets_a_uuid4_at_build():
    package = factory.full_document(
        attachments=[Attachment("a.pdf", "application/pdf", b"%PDF-1.4 x")]
    )
    back = parse(build(package))
    cid = back.attachments[0].content_id
    assert len(cid) == 36 and cid[14] == "4"


def test_document_id_convention_organ_date_number_notation():
    assert (
        document_id_for("000.00.04.G14", date(2012, 8, 6), "267", "VPCP-TTĐT")
        == "000.00.04.G14,2012/08/06,267/VPCP-TTĐT"
    )


def test_special_characters_escaped_and_preserved():
    subject = 'V/v "A" & <B> — tiếng Việt: Đắk Lắk, Hoà Bình'
    back = parse(build(factory.full_document(subject=subject)))
    assert back.subject == subject


@pytest.mark.parametrize("doc_type", [1, 2, 3])
def test_bussiness_doc_type_recall_update_replace_round_trip(doc_type):
    original = factory.full_document().document_id
    business = Business(
        doc_type=doc_type,
        reason={1: "Thu hồi do sai sót", 2: "Cập nhật nơi nhận", 3: "Thay thế văn bản"}[doc_type],
        paper=0,
        staff=factory.full_document().business.staff,
        document_id=original,
        document_info_changed=doc_type == 2,
        receivers_changed=doc_type == 2,
        replaced_document_ids=[original] if doc_type == 3 else [],
        receiver_changes=[ReceiverChange("H53.07", 1)] if doc_type == 2 else [],
    )
    package = factory.full_document(business=business, paper=0)
    data = build(package)
    text = data.decode("utf-8")
    assert f"<edXML:BussinessDocType>{doc_type}</edXML:BussinessDocType>" in text
    assert f"<edXML:BussinessDocReason>{business.reason}</edXML:BussinessDocReason>" in text
    assert ("<edXML:BussinessDocumentInfo>" in text) == (doc_type == 2)
    assert ("<edXML:ReplacementInfoList>" in text) == (doc_type == 3)
    back = parse(data)
    assert back.business == business


def test_update_package_reads_document_info_and_receiver_list():
    business = Business(
        doc_type=2,
        reason="Bổ sung nơi nhận",
        document_info_changed=False,
        receivers_changed=True,
        receiver_changes=[ReceiverChange("H53.07", 1), ReceiverChange("000.00.12.H53", 0)],
    )
    back = parse(build(factory.full_document(business=business, paper=0)))
    assert back.business.doc_type == 2
    assert back.business.document_info_changed is False
    assert back.business.receivers_changed is True
    assert [(c.organ_id, c.receiver_type) for c in back.business.receiver_changes] == [
        ("H53.07", 1),
        ("000.00.12.H53", 0),
    ]


def test_naive_times_in_a_package_are_vietnam_time():
    data = build(factory.status_for("05"))
    data = data.replace(b"2026/03/03 08:05:09", b"2026/03/03 23:30:00")
    back = parse(data)
    assert back.timestamp.utcoffset() == timedelta(hours=7)
    assert back.timestamp.astimezone(timezone.utc) == datetime(
        2026, 3, 3, 16, 30, tzinfo=timezone.utc
    )
    assert to_json(back)["timestamp"] == "2026-03-03T23:30:00+07:00"


def test_aware_times_are_emitted_in_vietnam_time():
    moment = datetime(2026, 3, 3, 1, 0, 0, tzinfo=timezone.utc)
    text = build(factory.status_for("01", timestamp=moment)).decode()
    assert "<edXML:Timestamp>2026/03/03 08:00:00</edXML:Timestamp>" in text


def test_json_shape_document_keys_exactly():
    obj = to_json(factory.full_document())
    assert tuple(obj) == DOCUMENT_KEYS
    assert obj["kind"] == "document"
    assert obj["from"] == {"organ_id": "000.00.00.H53", "organ_name": "UBND tỉnh Tây Ninh"}
    assert obj["to"][1] == {"organ_id": "H53.07", "organ_name": "Sở Tài chính tỉnh Tây Ninh"}
    assert obj["number"] == "15" and obj["promulgation_date"] == "2026-03-02"
    assert obj["due_date"] == "2026-03-31"
    assert obj["signer"] == {
        "competence": "KT. CHỦ TỊCH",
        "position": "PHÓ CHỦ TỊCH",
        "full_name": "Nguyễn Văn An",
    }
    assert obj["attachments"][0]["size"] == len(factory.decision_pdf())
    assert set(obj["attachments"][0]) == {"name", "content_type", "size", "sha256"}


def test_json_shape_status_keys_exactly():
    obj = to_json(factory.status_for("13"))
    assert tuple(obj) == STATUS_KEYS
    assert obj["status_code"] == "13"
    assert obj["timestamp"] == "2026-03-03T08:05:09+07:00"
    assert set(obj["response_for"]) == {"organ_id", "code", "promulgation_date", "document_id"}


def test_from_json_reads_attachments_by_path_relative_to_the_json(tmp_path):
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "qd.pdf").write_bytes(factory.decision_pdf())
    obj = to_json(factory.full_document())
    obj["attachments"] = [
        {"name": "qd.pdf", "content_type": "application/pdf", "path": "files/qd.pdf"}
    ]
    obj["document_id"] = ""
    package = from_json(obj, tmp_path)
    assert package.document_id == "000.00.00.H53,2026/03/02,15/QĐ-UBND"
    assert package.attachments[0].data == factory.decision_pdf()
    assert parse(build(package)).attachments[0].sha256 == package.attachments[0].sha256


def test_from_json_missing_attachment_file_is_named(tmp_path):
    obj = to_json(factory.full_document())
    obj["attachments"] = [{"name": "qd.pdf", "path": "nowhere.pdf"}]
    with pytest.raises(EdxmlError) as caught:
        from_json(obj, tmp_path)
    assert "cannot read file 'nowhere.pdf'" in str(caught.value)


def test_from_json_bad_date_names_the_key(tmp_path):
    obj = to_json(factory.full_document())
    obj["attachments"] = []
    obj["promulgation_date"] = "2026-02-31"
    with pytest.raises(EdxmlError) as caught:
        from_json(obj, tmp_path)
    assert caught.value.element == "promulgation_date"
    assert "'2026-02-31', not a valid YYYY-MM-DD date" in str(caught.value)


def test_validate_leaves_a_valid_package_unchanged():
    package = factory.full_document()
    before = build(package)
    validate(package)
    assert build(package) == before


def test_error_is_one_sentence_naming_element_and_problem():
    error = EdxmlError("DocumentId", "is missing")
    assert isinstance(error, ValueError)
    assert (error.element, error.problem) == ("DocumentId", "is missing")
    assert str(error) == "edXML element <DocumentId>: is missing."
    assert "\n" not in str(EdxmlError(None, "the file is empty"))
