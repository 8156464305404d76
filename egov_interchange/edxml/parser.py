"""Read edXML leniently on style and strictly on safety.

Safety: the size is checked before anything is parsed; a DOCTYPE (and with it every
entity declaration) is refused outright; lxml runs with ``resolve_entities=False``,
``no_network=True``, ``load_dtd=False``, ``huge_tree=False`` and feeds a small target
(no tree of lxml objects: large base64 payloads arrive in chunks, so the 10 MB
text-node limit of ``huge_tree=False`` does not cap attachments); nesting is limited;
XInclude elements are refused (they are never processed either); attachments are
bounded in number and size, and zipped payloads in entries, ratio, total size and
member paths.

Style: elements are read by local name in any order, with the edXML namespace as
default or prefixed (or none); ``Bussiness``/``Business``, ``edXMLManifest``/
``Manifest``, content ids with or without ``cid:``, dates ``yyyy/MM/dd`` or
``dd/MM/yyyy`` with or without a time.
"""

import base64
import binascii
import io
import mimetypes
import re
import sys
import zipfile

from lxml import etree

from .package import (
    NAMESPACE,
    Attachment,
    Business,
    DocumentPackage,
    EdxmlError,
    Limits,
    Organization,
    ReceiverChange,
    ResponseFor,
    Signer,
    StaffInfo,
    StatusPackage,
    TraceEntry,
)
from .validation import validate
from .values import parse_date, parse_int, parse_moment, safe_name

OLD_NAMESPACE = "http://www.go.vn/eDoc"
XINCLUDE_NAMESPACES = ("http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude")
ZIP_TYPES = ("application/zip", "application/x-zip-compressed", "application/x-zip")

_PROLOG_SKIP = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->", re.S)


class _Node:
    __slots__ = ("attrib", "children", "chunks", "name", "ns", "parent")

    def __init__(self, tag, attrib, parent):
        ns, _, name = tag[1:].partition("}") if tag[:1] == "{" else ("", "", tag)
        self.ns = ns
        self.name = name
        self.attrib = attrib
        self.children = []
        self.chunks = []
        self.parent = parent

    @property
    def text(self):
        return "".join(self.chunks)

    def child(self, *names):
        for node in self.children:
            if node.name in names:
                return node
        return None

    def all(self, *names):
        return [node for node in self.children if node.name in names]

    def get(self, *path):
        """The stripped text of the first descendant along ``path`` ("" if absent);
        each step may list alternatives separated by ``|``."""
        node = self
        for step in path:
            node = node.child(*step.split("|"))
            if node is None:
                return ""
        return node.text.strip()

    def find(self, name):
        stack = [self]
        while stack:
            node = stack.pop()
            if node.name == name:
                return node
            stack.extend(reversed(node.children))
        return None

    def attr(self, local):
        for key, value in self.attrib.items():
            if key == local or key.endswith("}" + local):
                return value
        return ""


class _Target:
    def __init__(self, max_depth, max_elements):
        self.max_depth = max_depth
        self.max_elements = max_elements
        self.count = 0
        self.root = None
        self.current = None
        self.depth = 0

    def start(self, tag, attrib, _nsmap=None):
        self.depth += 1
        self.count += 1
        node = _Node(tag, dict(attrib), self.current)
        if self.count > self.max_elements:
            raise EdxmlError(
                node.name, f"is one element too many (limit {self.max_elements} elements)"
            )
        if self.depth > self.max_depth:
            raise EdxmlError(
                node.name, f"is nested deeper than the limit of {self.max_depth} levels"
            )
        if node.ns in XINCLUDE_NAMESPACES:
            raise EdxmlError(f"xi:{node.name}", "XInclude is not allowed in an edXML package")
        if self.current is None:
            self.root = node
        else:
            self.current.children.append(node)
        self.current = node

    def end(self, _tag):
        self.depth -= 1
        self.current = self.current.parent

    def data(self, text):
        if self.current is not None:
            self.current.chunks.append(text)

    def doctype(self, *args):
        raise EdxmlError("DOCTYPE", "document type declarations are not allowed")

    def close(self):
        return self.root


def _refuse_doctype(data):
    """Refuse a DOCTYPE in the prolog before lxml sees the bytes (a DTD can declare
    entities: billion laughs, external files or URLs)."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="replace").encode("utf-8")
    head = head.removeprefix(b"\xef\xbb\xbf")
    pos = 0
    while True:
        match = _PROLOG_SKIP.match(head, pos)
        if not match:
            break
        pos = match.end()
    if head[pos : pos + 9].upper() == b"<!DOCTYPE" or b"<!ENTITY" in data:
        raise EdxmlError("DOCTYPE", "document type and entity declarations are not allowed")


def _parse_xml(data, limits):
    target = _Target(limits.max_depth, limits.max_elements)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        dtd_validation=False,
        remove_pis=True,
        target=target,
    )
    try:
        root = etree.fromstring(data, parser)
    except EdxmlError:
        raise
    except etree.XMLSyntaxError as exc:
        message = str(exc.msg or exc).split(", line")[0]
        raise EdxmlError(None, f"not well-formed XML ({message}, line {exc.lineno})") from None
    except (ValueError, etree.LxmlError) as exc:
        raise EdxmlError(None, f"not readable XML ({exc})") from None
    if root is None:
        raise EdxmlError(None, "no XML element found")
    return root


def _organization(node):
    return Organization(
        organ_id=node.get("OrganId"),
        organ_name=node.get("OrganName"),
        organ_add=node.get("OrganAdd"),
        email=node.get("Email"),
        telephone=node.get("Telephone"),
        fax=node.get("Fax"),
        website=node.get("Website"),
        organization_in_charge=node.get("OrganizationInCharge"),
    )


def _staff(node):
    if node is None or not any(child.text.strip() for child in node.children):
        return None
    return StaffInfo(
        department=node.get("Department"),
        staff=node.get("Staff"),
        mobile=node.get("Mobile"),
        email=node.get("Email"),
    )


def _response_for(node):
    return ResponseFor(
        organ_id=node.get("OrganId"),
        code=node.get("Code"),
        promulgation_date=parse_date(node.get("PromulgationDate"), "ResponseFor/PromulgationDate"),
        document_id=node.get("DocumentId"),
    )


def _business(node):
    if node is None:
        return Business()
    info = node.child("BussinessDocumentInfo", "BusinessDocumentInfo")
    changes = []
    if info is not None:
        receivers = info.child("ReceiverList")
        for receiver in receivers.all("Receiver") if receivers else []:
            changes.append(
                ReceiverChange(
                    organ_id=receiver.get("OrganId"),
                    receiver_type=parse_int(
                        receiver.get("ReceiverType"), "Receiver/ReceiverType", 1
                    ),
                )
            )
    replaced = []
    replacements = node.child("ReplacementInfoList")
    for item in replacements.all("ReplacementInfo") if replacements else []:
        if item.get("DocumentId"):
            replaced.append(item.get("DocumentId"))
    return Business(
        doc_type=parse_int(
            node.get("BussinessDocType|BusinessDocType"), "Bussiness/BussinessDocType"
        ),
        reason=node.get("BussinessDocReason|BusinessDocReason"),
        paper=parse_int(node.get("Paper"), "Bussiness/Paper"),
        staff=_staff(node.child("StaffInfo")),
        document_id=node.get("DocumentId"),
        document_info_changed=bool(
            info and parse_int(info.get("DocumentInfo"), "BussinessDocumentInfo/DocumentInfo")
        ),
        receivers_changed=bool(
            info
            and parse_int(info.get("DocumentReceiver"), "BussinessDocumentInfo/DocumentReceiver")
        ),
        replaced_document_ids=replaced,
        receiver_changes=changes,
    )


def _guess_type(name):
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def _is_zip_payload(name, content_type):
    lower = name.lower()
    if content_type.lower() in ZIP_TYPES and not lower.endswith(".zip"):
        return True
    # "bao-cao.pdf.zip": a file zipped by the sender for transport.
    return bool(re.search(r"\.[a-z0-9]{2,5}\.zip$", lower))


def _unzip(att, limits, index, unpacked_before=0):
    """The members of a zipped payload as attachments. ``unpacked_before``: bytes
    already unpacked from earlier zips of the package (the limit is per package)."""
    element = f"Attachment[{index}]/ContentTransferEncoded"
    try:
        archive = zipfile.ZipFile(io.BytesIO(att.data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise EdxmlError(
            element, f"attachment '{att.name}' is marked as zipped but is not a zip archive"
        ) from None
    if len(infos) > limits.max_zip_entries:
        raise EdxmlError(
            element,
            f"zip '{att.name}' has {len(infos)} entries, over the limit of "
            f"{limits.max_zip_entries}",
        )
    members, total = [], unpacked_before
    for info in infos:
        raw = info.filename
        parts = re.split(r"[/\\]", raw)
        if raw.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", raw):
            raise EdxmlError(
                element, f"zip '{att.name}' has a member with an absolute path ('{raw[:80]}')"
            )
        if ".." in parts:
            raise EdxmlError(
                element,
                f"zip '{att.name}' has a member that leaves the archive ('{raw[:80]}')",
            )
        if info.is_dir():
            continue
        if info.flag_bits & 0x1:
            raise EdxmlError(element, f"zip '{att.name}' is encrypted")
        compressed = max(info.compress_size, 1)
        if info.file_size / compressed > limits.max_zip_ratio:
            raise EdxmlError(
                element,
                f"zip '{att.name}' member '{raw[:80]}' expands {info.file_size // compressed}"
                f" times, over the ratio limit of {limits.max_zip_ratio} (zip bomb)",
            )
        budget = max(0, min(limits.max_attachment_bytes, limits.max_unzipped_bytes - total))
        try:
            with archive.open(info) as handle:
                payload = handle.read(budget + 1)
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError) as exc:
            raise EdxmlError(
                element, f"zip '{att.name}' member '{raw[:80]}' cannot be read ({exc})"
            ) from None
        if len(payload) > budget:
            raise EdxmlError(
                element,
                f"zip '{att.name}' unpacks to more than {budget} bytes, over the size limit",
            )
        if len(payload) > max(len(att.data), 1) * limits.max_zip_ratio:
            raise EdxmlError(
                element,
                f"zip '{att.name}' expands over the ratio limit of {limits.max_zip_ratio}"
                " (zip bomb)",
            )
        total += len(payload)
        members.append((parts[-1], payload))
    if not members:
        raise EdxmlError(element, f"zip '{att.name}' holds no file")
    result = []
    for position, (member_name, payload) in enumerate(members, 1):
        fallback = att.name.removesuffix(".zip") if len(members) == 1 else f"file-{position}"
        name = safe_name(member_name, safe_name(fallback, f"attachment-{index}-{position}"))
        result.append(
            Attachment(
                name=name,
                content_type=_guess_type(name),
                data=payload,
                description=att.description,
                content_id=att.content_id if len(members) == 1 else f"{att.content_id}-{position}",
            )
        )
    return result


def _b64decode(raw):
    """Strict base64 (only the alphabet and final padding)."""
    if sys.version_info >= (3, 11):
        return binascii.a2b_base64(raw, strict_mode=True)
    return base64.b64decode(raw, validate=True)


def _decode(text, name, limits, index):
    element = f"Attachment[{index}]/ContentTransferEncoded"
    compact = "".join(text.split())
    if len(compact) // 4 * 3 > limits.max_attachment_bytes + 3:
        raise EdxmlError(
            element,
            f"attachment '{name}' is about {len(compact) // 4 * 3} bytes, over the limit of "
            f"{limits.max_attachment_bytes}",
        )
    try:
        data = _b64decode(compact.encode("ascii"))
    except (binascii.Error, ValueError):
        raise EdxmlError(element, f"attachment '{name}' is not valid base64") from None
    if len(data) > limits.max_attachment_bytes:
        raise EdxmlError(
            element,
            f"attachment '{name}' is {len(data)} bytes, over the limit of "
            f"{limits.max_attachment_bytes}",
        )
    return data


def _attachments(root, body, limits):
    references = {}
    manifest = body.child("edXMLManifest", "Manifest") if body is not None else None
    for ref in manifest.all("Reference") if manifest is not None else []:
        cid = (ref.get("ContentId") or ref.attr("href")).removeprefix("cid:").strip()
        references[cid] = ref
    nodes = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.name == "AttachmentEncoded":
            nodes.extend(node.all("Attachment"))
        else:
            stack.extend(reversed(node.children))
    if len(nodes) > limits.max_attachments:
        raise EdxmlError(
            "AttachmentEncoded",
            f"holds {len(nodes)} attachments, over the limit of {limits.max_attachments}",
        )
    result, unpacked = [], 0
    for index, node in enumerate(nodes, 1):
        cid = node.get("ContentId").removeprefix("cid:").strip()
        ref = references.get(cid)
        raw_name = node.get("AttachmentName") or (ref.get("AttachmentName") if ref else "")
        name = safe_name(raw_name, f"attachment-{index}")
        content_type = (
            node.get("ContentType")
            or (ref.get("ContentType") if ref else "")
            or (ref.attr("type") if ref and "/" in ref.attr("type") else "")
            or _guess_type(name)
        )
        encoded = node.child("ContentTransferEncoded")
        if encoded is None:
            raise EdxmlError(
                f"Attachment[{index}]/ContentTransferEncoded", f"is missing for '{name}'"
            )
        att = Attachment(
            name=name,
            content_type=content_type,
            data=_decode(encoded.text, name, limits, index),
            description=node.get("Description") or (ref.get("Description") if ref else ""),
            content_id=cid,
        )
        if _is_zip_payload(raw_name or name, content_type) and att.data[:2] == b"PK":
            members = _unzip(att, limits, index, unpacked)
            unpacked += sum(member.size for member in members)
            result.extend(members)
        elif _is_zip_payload(raw_name or name, content_type):
            # labelled zip but sent as the file itself: keep it, typed by its name
            att.content_type = _guess_type(name)
            result.append(att)
        else:
            result.append(att)
    if len(result) > limits.max_attachments:
        raise EdxmlError(
            "AttachmentEncoded",
            f"unpacks to {len(result)} attachments, over the limit of {limits.max_attachments}",
        )
    return result


def _document(root, header, message, body, limits):
    sender = message.child("From")
    if sender is None:
        raise EdxmlError("From", "is missing")
    code = message.child("Code")
    if code is None:
        raise EdxmlError("Code", "is missing")
    other = message.child("OtherInfo")
    trace_list = header.child("TraceHeaderList") if header is not None else None
    trace, business = [], None
    if trace_list is not None:
        for entry in trace_list.all("TraceHeader"):
            trace.append(
                TraceEntry(
                    organ_id=entry.get("OrganId"),
                    timestamp=parse_moment(entry.get("Timestamp"), "TraceHeader/Timestamp"),
                )
            )
        business = trace_list.child("Bussiness", "Business")
    if business is None and header is not None:
        business = header.find("Bussiness") or header.find("Business")
    business = _business(business)
    places = message.child("ToPlaces")
    return DocumentPackage(
        sender=_organization(sender),
        recipients=[_organization(node) for node in message.all("To")],
        document_id=message.get("DocumentId"),
        number=code.get("CodeNumber"),
        notation=code.get("CodeNotation"),
        promulgation_place=message.get("PromulgationInfo", "Place"),
        promulgation_date=parse_date(
            message.get("PromulgationInfo", "PromulgationDate"),
            "PromulgationInfo/PromulgationDate",
        ),
        document_type=parse_int(message.get("DocumentType", "Type"), "DocumentType/Type", 1),
        document_type_detail=parse_int(
            message.get("DocumentType", "TypeDetail"), "DocumentType/TypeDetail"
        ),
        document_type_name=message.get("DocumentType", "TypeName"),
        subject=message.get("Subject"),
        content=message.get("Content"),
        signer=Signer(
            competence=message.get("SignerInfo", "Competence"),
            position=message.get("SignerInfo", "Position"),
            full_name=message.get("SignerInfo", "FullName"),
        ),
        due_date=parse_date(message.get("DueDate"), "DueDate"),
        to_places=[p.text.strip() for p in places.all("Place")] if places else [],
        priority=parse_int(other.get("Priority") if other else "", "OtherInfo/Priority"),
        steering_type=parse_int(message.get("SteeringType"), "SteeringType"),
        paper=business.paper,
        page_amount=parse_int(other.get("PageAmount") if other else "", "OtherInfo/PageAmount"),
        promulgation_amount=parse_int(
            other.get("PromulgationAmount") if other else "", "OtherInfo/PromulgationAmount"
        ),
        response_for=[_response_for(node) for node in message.all("ResponseFor")],
        business=business,
        trace=trace,
        attachments=_attachments(root, body, limits),
    )


def _status(message):
    sender = message.child("From")
    if sender is None:
        raise EdxmlError("From", "is missing")
    reply = message.child("ResponseFor")
    if reply is None:
        raise EdxmlError("ResponseFor", "is missing")
    timestamp = parse_moment(message.get("Timestamp"), "Timestamp")
    if timestamp is None:
        raise EdxmlError("Timestamp", "is missing")
    return StatusPackage(
        sender=_organization(sender),
        response_for=_response_for(reply),
        status_code=message.get("StatusCode"),
        description=message.get("Description"),
        timestamp=timestamp,
        staff=_staff(message.child("StaffInfo")) or StaffInfo(),
    )


def parse(data, limits=None):
    """The package held by edXML ``data`` (bytes), validated; :class:`EdxmlError`
    names the element and the problem when it is unsafe, unreadable or invalid."""
    limits = limits or Limits()
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not isinstance(data, bytes | bytearray | memoryview):
        raise EdxmlError(None, f"expected bytes, got {type(data).__name__}")
    data = bytes(data)
    if len(data) > limits.max_package_bytes:
        raise EdxmlError(
            None,
            f"the package is {len(data)} bytes, over the limit of {limits.max_package_bytes}",
        )
    if not data or data.isspace():
        raise EdxmlError(None, "the file is empty")
    _refuse_doctype(data)
    root = _parse_xml(data, limits)
    if root.ns == OLD_NAMESPACE or root.name == "EdXMLEnvelope":
        raise EdxmlError(
            root.name,
            f"is the old pre-QCVN 102 format (namespace {root.ns or 'none'}); "
            f"send QCVN 102:2016 edXML in namespace {NAMESPACE}",
        )
    if root.ns and root.ns != NAMESPACE:
        raise EdxmlError(root.name, f"has the wrong namespace {root.ns} (expected {NAMESPACE})")
    if root.name == "edXMLEnvelope":
        envelope = root
    elif root.name == "edXML":
        envelope = root.child("edXMLEnvelope")
        if envelope is None:
            raise EdxmlError("edXMLEnvelope", "is missing")
    else:
        raise EdxmlError(root.name, "is not an edXML root element (expected edXML)")
    if envelope.ns and envelope.ns != NAMESPACE:
        raise EdxmlError(
            "edXMLEnvelope", f"has the wrong namespace {envelope.ns} (expected {NAMESPACE})"
        )
    header = envelope.child("edXMLHeader")
    if header is None:
        raise EdxmlError("edXMLHeader", "is missing")
    message = header.child("MessageHeader")
    if message is None:
        raise EdxmlError("MessageHeader", "is missing")
    if message.child("StatusCode") is not None:
        package = _status(message)
    else:
        package = _document(root, header, message, envelope.child("edXMLBody"), limits)
    validate(package)
    return package
