"""Build canonical QCVN 102:2016 edXML, in the form of the VPCP SDK sample
``edoc_new.edxml`` (STANDARDS §1.1): root ``edXML`` in the default namespace, the
envelope and everything inside it with the ``edXML:`` prefix, ``AttachmentEncoded``
after the envelope in the default namespace; MessageHeader children in BKAV's order.

The text is written directly (every value escaped), which keeps the output byte-stable
and avoids a second copy of the base64 payloads inside an XML tree.
"""

import base64
import uuid
from xml.sax.saxutils import escape, quoteattr

from .package import NAMESPACE, DocumentPackage
from .validation import validate
from .values import format_date, format_moment

XLINK = "http://www.w3.org/1999/xlink"
ACTOR = "http://schemas.xmlsoap.org/soap/actor/next"


class _Writer:
    def __init__(self):
        self.parts = []

    def open(self, name, attrs="", depth=0):
        self.parts.append(f"{'  ' * depth}<edXML:{name}{attrs}>\n")

    def close(self, name, depth=0):
        self.parts.append(f"{'  ' * depth}</edXML:{name}>\n")

    def leaf(self, name, value, depth=0, prefix="edXML:"):
        indent = "  " * depth
        text = "" if value is None else escape(str(value))
        if text:
            self.parts.append(f"{indent}<{prefix}{name}>{text}</{prefix}{name}>\n")
        else:
            self.parts.append(f"{indent}<{prefix}{name}/>\n")


def _organization(w, name, org, depth):
    w.open(name, depth=depth)
    w.leaf("OrganId", org.organ_id, depth + 1)
    w.leaf("OrganizationInCharge", org.organization_in_charge, depth + 1)
    w.leaf("OrganName", org.organ_name, depth + 1)
    w.leaf("OrganAdd", org.organ_add, depth + 1)
    w.leaf("Email", org.email, depth + 1)
    w.leaf("Telephone", org.telephone, depth + 1)
    w.leaf("Fax", org.fax, depth + 1)
    w.leaf("Website", org.website, depth + 1)
    w.close(name, depth)


def _staff(w, staff, depth):
    w.open("StaffInfo", depth=depth)
    w.leaf("Department", staff.department if staff else "", depth + 1)
    w.leaf("Staff", staff.staff if staff else "", depth + 1)
    w.leaf("Mobile", staff.mobile if staff else "", depth + 1)
    w.leaf("Email", staff.email if staff else "", depth + 1)
    w.close("StaffInfo", depth)


def _response_for(w, reply, depth):
    w.open("ResponseFor", depth=depth)
    w.leaf("OrganId", reply.organ_id, depth + 1)
    w.leaf("Code", reply.code, depth + 1)
    w.leaf("PromulgationDate", format_date(reply.promulgation_date), depth + 1)
    w.leaf("DocumentId", reply.document_id, depth + 1)
    w.close("ResponseFor", depth)


def _start(w):
    w.parts.append('<?xml version="1.0" encoding="UTF-8"?>\n')
    w.parts.append(
        '<edXML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
        f'xmlns="{NAMESPACE}">\n'
    )
    w.open("edXMLEnvelope", f' xmlns:edXML="{NAMESPACE}"', 1)
    w.open("edXMLHeader", depth=2)


def _document_header(w, pkg):
    d = 4
    w.open("MessageHeader", depth=3)
    _organization(w, "From", pkg.sender, d)
    for org in pkg.recipients:
        _organization(w, "To", org, d)
    w.leaf("DocumentId", pkg.document_id, d)
    w.open("Code", depth=d)
    w.leaf("CodeNumber", pkg.number, d + 1)
    w.leaf("CodeNotation", pkg.notation, d + 1)
    w.close("Code", d)
    w.open("PromulgationInfo", depth=d)
    w.leaf("Place", pkg.promulgation_place, d + 1)
    w.leaf("PromulgationDate", format_date(pkg.promulgation_date), d + 1)
    w.close("PromulgationInfo", d)
    w.open("DocumentType", depth=d)
    w.leaf("Type", pkg.document_type, d + 1)
    w.leaf("TypeDetail", pkg.document_type_detail, d + 1)
    w.leaf("TypeName", pkg.document_type_name, d + 1)
    w.close("DocumentType", d)
    w.leaf("Subject", pkg.subject, d)
    w.leaf("Content", pkg.content, d)
    w.open("SignerInfo", depth=d)
    w.leaf("Competence", pkg.signer.competence, d + 1)
    w.leaf("Position", pkg.signer.position, d + 1)
    w.leaf("FullName", pkg.signer.full_name, d + 1)
    w.close("SignerInfo", d)
    w.leaf("DueDate", format_date(pkg.due_date), d)
    w.open("OtherInfo", depth=d)
    w.leaf("Priority", pkg.priority, d + 1)
    w.leaf("SphereOfPromulgation", "", d + 1)
    w.leaf("TyperNotation", "", d + 1)
    w.leaf("PromulgationAmount", pkg.promulgation_amount, d + 1)
    w.leaf("PageAmount", pkg.page_amount, d + 1)
    w.close("OtherInfo", d)
    for reply in pkg.response_for:
        _response_for(w, reply, d)
    w.leaf("SteeringType", pkg.steering_type, d)
    if pkg.to_places:
        w.open("ToPlaces", depth=d)
        for place in pkg.to_places:
            w.leaf("Place", place, d + 1)
        w.close("ToPlaces", d)
    else:
        w.leaf("ToPlaces", "", d)
    w.close("MessageHeader", 3)
    _trace(w, pkg)


def _trace(w, pkg):
    d = 4
    trace_id = uuid.uuid5(uuid.NAMESPACE_URL, f"edxml:{pkg.document_id}")
    w.open(
        "TraceHeaderList",
        f' id="{trace_id}" version="1.0" mustUnderstand="1" actor="{ACTOR}"',
        3,
    )
    for entry in pkg.trace:
        w.open("TraceHeader", depth=d)
        w.leaf("OrganId", entry.organ_id, d + 1)
        w.leaf("Timestamp", format_moment(entry.timestamp), d + 1)
        w.close("TraceHeader", d)
    business = pkg.business
    w.open("Bussiness", depth=d)
    if business.document_id:
        w.leaf("DocumentId", business.document_id, d + 1)
    w.leaf("BussinessDocType", business.doc_type, d + 1)
    w.leaf("BussinessDocReason", business.reason, d + 1)
    w.leaf("Paper", max(business.paper, pkg.paper), d + 1)
    _staff(w, business.staff, d + 1)
    if business.doc_type == 2 or business.document_info_changed or business.receivers_changed:
        w.open("BussinessDocumentInfo", depth=d + 1)
        w.leaf("DocumentInfo", int(business.document_info_changed), d + 2)
        w.leaf("DocumentReceiver", int(business.receivers_changed), d + 2)
        w.open("ReceiverList", depth=d + 2)
        for change in business.receiver_changes:
            w.open("Receiver", depth=d + 3)
            w.leaf("ReceiverType", change.receiver_type, d + 4)
            w.leaf("OrganId", change.organ_id, d + 4)
            w.close("Receiver", d + 3)
        w.close("ReceiverList", d + 2)
        w.close("BussinessDocumentInfo", d + 1)
    if business.replaced_document_ids:
        w.open("ReplacementInfoList", depth=d + 1)
        for doc_id in business.replaced_document_ids:
            w.open("ReplacementInfo", depth=d + 2)
            w.leaf("DocumentId", doc_id, d + 3)
            w.open("OrganIdList", depth=d + 3)
            for org in pkg.recipients:
                w.leaf("OrganId", org.organ_id, d + 4)
            w.close("OrganIdList", d + 3)
            w.close("ReplacementInfo", d + 2)
        w.close("ReplacementInfoList", d + 1)
    w.close("Bussiness", d)
    w.close("TraceHeaderList", 3)


def _status_header(w, pkg):
    d = 4
    w.open("MessageHeader", depth=3)
    _organization(w, "From", pkg.sender, d)
    _response_for(w, pkg.response_for, d)
    _staff(w, pkg.staff, d)
    w.leaf("StatusCode", pkg.status_code, d)
    w.leaf("Description", pkg.description, d)
    w.leaf("Timestamp", format_moment(pkg.timestamp), d)
    w.close("MessageHeader", 3)


def _body(w, pkg, content_ids):
    w.open("edXMLBody", depth=2)
    w.open("edXMLManifest", ' version="1.0"', 3)
    for att, cid in zip(pkg.attachments, content_ids, strict=True):
        w.open(
            "Reference",
            f' xmlns:xlink="{XLINK}" xlink:href={quoteattr("cid:" + cid)}'
            ' xlink:role="XLinkRole" xlink:type="simple"',
            4,
        )
        w.leaf("Description", att.description, 5)
        w.leaf("AttachmentName", att.name, 5)
        w.leaf("ContentType", att.content_type, 5)
        w.leaf("ContentId", cid, 5)
        w.close("Reference", 4)
    w.close("edXMLManifest", 3)
    w.close("edXMLBody", 2)


def build(package):
    """The package as canonical QCVN 102:2016 edXML bytes (UTF-8, with the XML
    declaration). Validates first; an empty attachment content id becomes a uuid4."""
    validate(package)
    w = _Writer()
    _start(w)
    is_document = isinstance(package, DocumentPackage)
    content_ids = []
    if is_document:
        content_ids = [
            (att.content_id or "").removeprefix("cid:") or str(uuid.uuid4())
            for att in package.attachments
        ]
        _document_header(w, package)
    else:
        _status_header(w, package)
    w.parts.append("      <edXML:DigitalSignature/>\n")
    w.close("edXMLHeader", 2)
    if is_document:
        _body(w, package, content_ids)
    w.close("edXMLEnvelope", 1)
    head = "".join(w.parts).encode("utf-8")
    chunks = [head]
    if is_document and package.attachments:
        chunks.append(b"  <AttachmentEncoded>\n")
        for att, cid in zip(package.attachments, content_ids, strict=True):
            tail = (
                "</ContentTransferEncoded>\n"
                f"      <AttachmentName>{escape(att.name)}</AttachmentName>\n"
                "    </Attachment>\n"
            )
            head = (
                "    <Attachment>\n"
                f"      <ContentType>{escape(att.content_type)}</ContentType>\n"
                f"      <ContentId>{escape(cid)}</ContentId>\n"
                f"      <Description>{escape(att.description)}</Description>\n"
                "      <ContentTransferEncoded>"
            )
            chunks += [head.encode("utf-8"), base64.b64encode(att.data), tail.encode("utf-8")]
        chunks.append(b"  </AttachmentEncoded>\n")
    chunks.append(b"</edXML>\n")
    return b"".join(chunks)
