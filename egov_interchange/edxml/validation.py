"""Validation of a package before it is built and after it is read.

Each refusal is an :class:`EdxmlError` naming the edXML element and the problem
(with the offending value where it helps).
"""

from datetime import date, datetime

from .package import (
    STATUS_CODES,
    Attachment,
    DocumentPackage,
    EdxmlError,
    Organization,
    StatusPackage,
)
from .values import is_organ_id, xml_safe

MAX_SUBJECT = 500
MAX_CONTENT = 500
MAX_PLACE = 150
MAX_ATTACHMENT_NAME = 200
MAX_DESCRIPTION = 2000


def _organ_id(value, element, required=True):
    if not value:
        if required:
            raise EdxmlError(element, "is missing (an agency code is required)")
        return
    if not is_organ_id(value):
        raise EdxmlError(
            element,
            f"'{value[:60]}' is not an agency code (expected QCVN 102 form 000.00.00.H53 "
            "or QĐ 20 form H53.12.07, at most 35 characters)",
        )


def _organization(org, element):
    if not isinstance(org, Organization):
        raise EdxmlError(element, "is missing")
    _organ_id(org.organ_id, f"{element}/OrganId")
    _texts(org, element)


def _texts(obj, element):
    for name, value in vars(obj).items():
        if isinstance(value, str) and not xml_safe(value):
            raise EdxmlError(element, f"field {name} contains a character XML cannot carry")


def _max_len(value, limit, element):
    if value and len(value) > limit:
        raise EdxmlError(element, f"is {len(value)} characters long, over the limit of {limit}")


def _date(value, element, required=False):
    if value is None:
        if required:
            raise EdxmlError(element, "is missing")
        return
    if not isinstance(value, date) or isinstance(value, datetime):
        raise EdxmlError(element, f"{value!r} is not a date")


def _moment(value, element):
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise EdxmlError(element, f"{value!r} is not a timezone-aware date and time")


def _int_range(value, low, high, element):
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise EdxmlError(element, f"{value!r} is not a value from {low} to {high}")


def _attachment(att, index):
    element = f"Attachment[{index}]"
    if not isinstance(att, Attachment):
        raise EdxmlError(element, "is not an attachment")
    if not (att.name or "").strip():
        raise EdxmlError(f"{element}/AttachmentName", "is missing")
    _max_len(att.name, MAX_ATTACHMENT_NAME, f"{element}/AttachmentName")
    if not (att.content_type or "").strip():
        raise EdxmlError(f"{element}/ContentType", f"is missing for '{att.name}'")
    if not isinstance(att.data, bytes | bytearray):
        raise EdxmlError(f"{element}/ContentTransferEncoded", f"no bytes for '{att.name}'")
    _texts(att, element)


def validate_document(pkg):
    _organization(pkg.sender, "From")
    if not pkg.recipients:
        raise EdxmlError("To", "is missing (a document needs at least one recipient)")
    for org in pkg.recipients:
        _organization(org, "To")
    if not (pkg.document_id or "").strip():
        raise EdxmlError("DocumentId", "is missing")
    if not str(pkg.number or "").strip():
        raise EdxmlError("Code/CodeNumber", "is missing")
    if not (pkg.notation or "").strip():
        raise EdxmlError("Code/CodeNotation", "is missing")
    _date(pkg.promulgation_date, "PromulgationInfo/PromulgationDate", required=True)
    _date(pkg.due_date, "DueDate")
    _max_len(pkg.subject, MAX_SUBJECT, "Subject")
    _max_len(pkg.content, MAX_CONTENT, "Content")
    _max_len(pkg.promulgation_place, MAX_PLACE, "PromulgationInfo/Place")
    for place in pkg.to_places:
        _max_len(place, MAX_PLACE, "ToPlaces/Place")
    _int_range(pkg.priority, 0, 4, "OtherInfo/Priority")
    _int_range(pkg.steering_type, 0, 2, "SteeringType")
    _int_range(pkg.paper, 0, 1, "Bussiness/Paper")
    for value, element in (
        (pkg.document_type, "DocumentType/Type"),
        (pkg.document_type_detail, "DocumentType/TypeDetail"),
        (pkg.page_amount, "OtherInfo/PageAmount"),
        (pkg.promulgation_amount, "OtherInfo/PromulgationAmount"),
    ):
        _int_range(value, -1, 10**9, element)
    _texts(pkg, "MessageHeader")
    _texts(pkg.signer, "SignerInfo")
    for place in pkg.to_places:
        if not xml_safe(place):
            raise EdxmlError("ToPlaces/Place", "contains a character XML cannot carry")
    for reply in pkg.response_for:
        _organ_id(reply.organ_id, "ResponseFor/OrganId", required=False)
        _date(reply.promulgation_date, "ResponseFor/PromulgationDate")
        _texts(reply, "ResponseFor")
    business = pkg.business
    _int_range(business.doc_type, 0, 3, "Bussiness/BussinessDocType")
    _int_range(business.paper, 0, 1, "Bussiness/Paper")
    _texts(business, "Bussiness")
    if business.staff is not None:
        _texts(business.staff, "Bussiness/StaffInfo")
    for change in business.receiver_changes:
        _organ_id(change.organ_id, "BussinessDocumentInfo/ReceiverList/Receiver/OrganId")
    for doc_id in business.replaced_document_ids:
        if not (doc_id or "").strip() or not xml_safe(doc_id):
            raise EdxmlError("ReplacementInfo/DocumentId", "is empty or unreadable")
    for entry in pkg.trace:
        _organ_id(entry.organ_id, "TraceHeader/OrganId")
        _moment(entry.timestamp, "TraceHeader/Timestamp")
    for index, att in enumerate(pkg.attachments, 1):
        _attachment(att, index)


def validate_status(pkg):
    _organization(pkg.sender, "From")
    reply = pkg.response_for
    if reply is None or not ((reply.document_id or "").strip() or (reply.code or "").strip()):
        raise EdxmlError("ResponseFor", "is missing (DocumentId or Code of the document)")
    _organ_id(reply.organ_id, "ResponseFor/OrganId", required=False)
    _date(reply.promulgation_date, "ResponseFor/PromulgationDate")
    _texts(reply, "ResponseFor")
    if pkg.status_code not in STATUS_CODES:
        raise EdxmlError(
            "StatusCode",
            f"'{str(pkg.status_code)[:20]}' is not a status code "
            f"(expected one of {', '.join(STATUS_CODES)})",
        )
    _max_len(pkg.description, MAX_DESCRIPTION, "Description")
    _moment(pkg.timestamp, "Timestamp")
    _texts(pkg, "MessageHeader")
    if pkg.staff is not None:
        _texts(pkg.staff, "StaffInfo")


def validate(package):
    """Raise :class:`EdxmlError` when the package cannot be sent as QCVN 102:2016."""
    if isinstance(package, DocumentPackage):
        validate_document(package)
    elif isinstance(package, StatusPackage):
        validate_status(package)
    else:
        raise EdxmlError(None, f"{type(package).__name__} is not an edXML package")
