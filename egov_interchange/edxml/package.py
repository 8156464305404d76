"""The edXML package model (QCVN 102:2016): plain dataclasses, the error and the limits.

No Odoo import: the codec, its command line and the Odoo layer all speak these types.
Dates are :class:`datetime.date`; moments are timezone-aware :class:`datetime.datetime`
(a naive time read from a package is taken as Asia/Ho_Chi_Minh).
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

NAMESPACE = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")

#: Business status codes of a status package (STANDARDS §1.6).
STATUS_CODES = {
    "01": "Đã đến",
    "02": "Từ chối tiếp nhận",
    "03": "Đã tiếp nhận",
    "04": "Phân công xử lý",
    "05": "Đang xử lý",
    "06": "Hoàn thành",
    "13": "Yêu cầu lấy lại văn bản",
    "15": "Đồng ý lấy lại / cập nhật",
    "16": "Từ chối lấy lại / cập nhật",
}

#: Priority codes of OtherInfo/Priority (STANDARDS §1.2).
PRIORITIES = {0: "Thường", 1: "Khẩn", 2: "Thượng khẩn", 3: "Hỏa tốc", 4: "Hỏa tốc hẹn giờ"}

#: BussinessDocType codes (STANDARDS §1.3).
BUSINESS_DOC_TYPES = {0: "Văn bản mới", 1: "Thu hồi", 2: "Cập nhật", 3: "Thay thế"}


class EdxmlError(ValueError):
    """A package that cannot be built or read; ``element`` names the edXML element
    (None for the package as a whole), ``problem`` says what is wrong with it."""

    def __init__(self, element, problem):
        self.element = element
        self.problem = problem
        super().__init__(self._sentence())

    def _sentence(self):
        problem = self.problem.rstrip(".")
        if self.element:
            return f"edXML element <{self.element}>: {problem}."
        return f"edXML package: {problem}."

    def __str__(self):
        return self._sentence()


@dataclass
class Limits:
    """Safety limits applied by :func:`parse` (bytes unless stated)."""

    max_package_bytes: int = 50 * 2**20
    max_attachment_bytes: int = 30 * 2**20
    max_attachments: int = 50
    max_zip_entries: int = 200
    max_zip_ratio: int = 200
    max_unzipped_bytes: int = 100 * 2**20
    max_depth: int = 64
    max_elements: int = 100_000


@dataclass
class Organization:
    organ_id: str
    organ_name: str = ""
    organ_add: str = ""
    email: str = ""
    telephone: str = ""
    fax: str = ""
    website: str = ""
    organization_in_charge: str = ""


@dataclass
class Signer:
    competence: str = ""
    position: str = ""
    full_name: str = ""


@dataclass
class StaffInfo:
    department: str = ""
    staff: str = ""
    mobile: str = ""
    email: str = ""


@dataclass
class ResponseFor:
    organ_id: str = ""
    code: str = ""
    promulgation_date: date | None = None
    document_id: str = ""


@dataclass
class Attachment:
    name: str
    content_type: str
    data: bytes
    description: str = ""
    content_id: str = ""

    @property
    def size(self):
        return len(self.data)

    @property
    def sha256(self):
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class ReceiverChange:
    """One BussinessDocumentInfo/ReceiverList/Receiver of an update package."""

    organ_id: str
    receiver_type: int = 1


@dataclass
class Business:
    doc_type: int = 0
    reason: str = ""
    paper: int = 0
    staff: StaffInfo | None = None
    document_id: str = ""
    document_info_changed: bool = False
    receivers_changed: bool = False
    replaced_document_ids: list[str] = field(default_factory=list)
    receiver_changes: list[ReceiverChange] = field(default_factory=list)


@dataclass
class TraceEntry:
    organ_id: str
    timestamp: datetime


@dataclass
class DocumentPackage:
    sender: Organization
    recipients: list[Organization] = field(default_factory=list)
    document_id: str = ""
    number: str = ""
    notation: str = ""
    promulgation_place: str = ""
    promulgation_date: date | None = None
    document_type: int = 1
    document_type_detail: int = 0
    document_type_name: str = ""
    subject: str = ""
    content: str = ""
    signer: Signer = field(default_factory=Signer)
    due_date: date | None = None
    to_places: list[str] = field(default_factory=list)
    priority: int = 0
    steering_type: int = 0
    paper: int = 0
    page_amount: int = 0
    promulgation_amount: int = 0
    response_for: list[ResponseFor] = field(default_factory=list)
    business: Business = field(default_factory=Business)
    trace: list[TraceEntry] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)

    kind = "document"


def _now():
    return datetime.now(TZ).replace(microsecond=0)


@dataclass
class StatusPackage:
    sender: Organization
    response_for: ResponseFor = field(default_factory=ResponseFor)
    status_code: str = "01"
    description: str = ""
    timestamp: datetime = field(default_factory=_now)
    staff: StaffInfo = field(default_factory=StaffInfo)

    kind = "status"


def document_id_for(organ_id, promulgation_date, number, notation):
    """The edXML DocumentId convention: ``{organ_id},{yyyy/MM/dd},{number}/{notation}``."""
    return f"{organ_id},{promulgation_date:%Y/%m/%d},{number}/{notation}"
