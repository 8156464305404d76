"""Packages for the edXML tests and the benchmark: a full document of UBND tỉnh Tây Ninh
with two PDF attachments (the fixtures' decision and appendix), and its status replies."""

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

from egov_fixtures import pdfs

from egov_interchange.edxml import (
    Attachment,
    Business,
    DocumentPackage,
    Organization,
    ResponseFor,
    Signer,
    StaffInfo,
    StatusPackage,
    TraceEntry,
    document_id_for,
)
from egov_interchange.edxml.package import TZ

SAMPLES = Path(__file__).resolve().parent
PROVINCE = Organization(
    organ_id="000.00.00.H53",
    organ_name="UBND tỉnh Tây Ninh",
    organ_add="83 Phạm Tung, Phường 3, TP Tây Ninh",
    email="vanthu@tayninh.gov.vn",
    telephone="0276 3822 100",
    website="tayninh.gov.vn",
    organization_in_charge="Văn phòng UBND tỉnh",
)
HOME_AFFAIRS = Organization(organ_id="000.00.12.H53", organ_name="Sở Nội vụ tỉnh Tây Ninh")
FINANCE = Organization(organ_id="H53.07", organ_name="Sở Tài chính tỉnh Tây Ninh")

_PDF_CACHE = {}


def decision_pdf():
    if "decision" not in _PDF_CACHE:
        _PDF_CACHE["decision"] = pdfs.sample_decision_pdf()
    return _PDF_CACHE["decision"]


def appendix_pdf():
    if "appendix" not in _PDF_CACHE:
        _PDF_CACHE["appendix"] = pdfs.sample_appendix_pdf()
    return _PDF_CACHE["appendix"]


def full_document(**overrides):
    day = date(2026, 3, 2)
    values = {
        "sender": PROVINCE,
        "recipients": [HOME_AFFAIRS, FINANCE],
        "document_id": document_id_for(PROVINCE.organ_id, day, "15", "QĐ-UBND"),
        "number": "15",
        "notation": "QĐ-UBND",
        "promulgation_place": "Tây Ninh",
        "promulgation_date": day,
        "document_type": 2,
        "document_type_detail": 1,
        "document_type_name": "Quyết định",
        "subject": "Quyết định ban hành Quy chế công tác văn thư, lưu trữ của UBND tỉnh",
        "content": "Ban hành kèm theo Quyết định này Quy chế công tác văn thư, lưu trữ.",
        "signer": Signer("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An"),
        "due_date": date(2026, 3, 31),
        "to_places": ["Như Điều 3", "Lưu: VT, NC"],
        "priority": 1,
        "steering_type": 1,
        "paper": 1,
        "page_amount": 3,
        "promulgation_amount": 12,
        "response_for": [
            ResponseFor(
                organ_id=HOME_AFFAIRS.organ_id,
                code="31/TTr-SNV",
                promulgation_date=date(2026, 2, 20),
                document_id=document_id_for(
                    HOME_AFFAIRS.organ_id, date(2026, 2, 20), "31", "TTr-SNV"
                ),
            )
        ],
        "business": Business(
            doc_type=0,
            paper=1,
            staff=StaffInfo("Văn phòng", "Trần Thị Bình", "0912345678", "binh@tayninh.gov.vn"),
        ),
        "trace": [TraceEntry(PROVINCE.organ_id, datetime(2026, 3, 2, 9, 15, 0, tzinfo=TZ))],
        "attachments": [
            Attachment(
                "15-QD-UBND.pdf",
                "application/pdf",
                decision_pdf(),
                description="Quyết định",
                content_id="8c1f5e2a-0d1b-4c55-9a7e-3f2b1c0d9e01",
            ),
            Attachment(
                "15-QD-UBND-phu-luc.pdf",
                "application/pdf",
                appendix_pdf(),
                description="Phụ lục",
                content_id="8c1f5e2a-0d1b-4c55-9a7e-3f2b1c0d9e02",
            ),
        ],
    }
    values.update(overrides)
    return DocumentPackage(**values)


def status_for(code, **overrides):
    document = full_document(attachments=[])
    values = {
        "sender": HOME_AFFAIRS,
        "response_for": ResponseFor(
            organ_id=PROVINCE.organ_id,
            code=f"{document.number}/{document.notation}",
            promulgation_date=document.promulgation_date,
            document_id=document.document_id,
        ),
        "status_code": code,
        "description": "Văn thư Sở Nội vụ",
        "timestamp": datetime(2026, 3, 3, 8, 5, 9, tzinfo=TZ),
        "staff": StaffInfo("Văn thư", "Ngô Thị Hoa", "0987654321", "hoa@snv.tayninh.gov.vn"),
    }
    values.update(overrides)
    return StatusPackage(**values)


def zip_bytes(members, compression=zipfile.ZIP_DEFLATED):
    """A zip of ``{name: bytes}`` (names written as given, even hostile ones)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 3, 2, 8, 0, 0))
            info.compress_type = compression
            archive.writestr(info, data)
    return buffer.getvalue()
