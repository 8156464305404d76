"""The JSON shape of the command line (``show`` prints it, ``build`` reads it).

Dates are ``YYYY-MM-DD``, moments ISO 8601 with the +07:00 offset. In ``build`` input
each attachment has a ``path`` (relative to the JSON file) instead of ``size``/``sha256``;
the optional extra keys are listed in :data:`DOCUMENT_INPUT_KEYS`.
"""

import mimetypes
import pathlib
from datetime import date

from .package import (
    TZ,
    Attachment,
    Business,
    DocumentPackage,
    EdxmlError,
    Organization,
    ResponseFor,
    Signer,
    StaffInfo,
    StatusPackage,
    document_id_for,
)
from .values import iso_moment, parse_moment

DOCUMENT_KEYS = (
    "kind",
    "from",
    "to",
    "document_id",
    "number",
    "notation",
    "promulgation_date",
    "document_type",
    "subject",
    "signer",
    "due_date",
    "priority",
    "steering_type",
    "paper",
    "business_doc_type",
    "attachments",
)
STATUS_KEYS = (
    "kind",
    "from",
    "status_code",
    "response_for",
    "description",
    "timestamp",
)
DOCUMENT_INPUT_KEYS = DOCUMENT_KEYS + (
    "promulgation_place",
    "document_type_detail",
    "document_type_name",
    "content",
    "to_places",
    "page_amount",
    "promulgation_amount",
    "business_reason",
    "business_document_id",
    "replaced_document_ids",
    "response_for",
    "staff",
)
STATUS_INPUT_KEYS = STATUS_KEYS + ("staff",)
ORGANIZATION_KEYS = (
    "organ_id",
    "organ_name",
    "organ_add",
    "email",
    "telephone",
    "fax",
    "website",
    "organization_in_charge",
)


def _iso_date(value):
    return value.isoformat() if value else None


def _org(org):
    return {"organ_id": org.organ_id, "organ_name": org.organ_name}


def _response_for(reply):
    return {
        "organ_id": reply.organ_id,
        "code": reply.code,
        "promulgation_date": _iso_date(reply.promulgation_date),
        "document_id": reply.document_id,
    }


def to_json(package):
    """The package as the command line's JSON object (attachments by size and sha256)."""
    if isinstance(package, StatusPackage):
        return {
            "kind": "status",
            "from": _org(package.sender),
            "status_code": package.status_code,
            "response_for": _response_for(package.response_for),
            "description": package.description,
            "timestamp": iso_moment(package.timestamp),
        }
    return {
        "kind": "document",
        "from": _org(package.sender),
        "to": [_org(org) for org in package.recipients],
        "document_id": package.document_id,
        "number": str(package.number),
        "notation": package.notation,
        "promulgation_date": _iso_date(package.promulgation_date),
        "document_type": package.document_type,
        "subject": package.subject,
        "signer": {
            "competence": package.signer.competence,
            "position": package.signer.position,
            "full_name": package.signer.full_name,
        },
        "due_date": _iso_date(package.due_date),
        "priority": package.priority,
        "steering_type": package.steering_type,
        "paper": package.paper,
        "business_doc_type": package.business.doc_type,
        "attachments": [
            {
                "name": att.name,
                "content_type": att.content_type,
                "size": att.size,
                "sha256": att.sha256,
            }
            for att in package.attachments
        ],
    }


# -- reading ---------------------------------------------------------------------------


def _object(value, key, allowed):
    if not isinstance(value, dict):
        raise EdxmlError(key, f"JSON key '{key}' must be an object")
    unknown = sorted(set(value) - set(allowed))
    if unknown:
        raise EdxmlError(key, f"JSON key '{key}' has unknown keys: {', '.join(unknown)}")
    return value


def _str(obj, key, where=None):
    value = obj.get(key, "")
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool) and key == "number":
        return str(value)
    if not isinstance(value, str):
        raise EdxmlError(where or key, f"JSON key '{key}' must be a string")
    return value


def _int(obj, key, default=0):
    value = obj.get(key, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        raise EdxmlError(key, f"JSON key '{key}' must be a whole number, not {value!r}")
    return value


def _date(obj, key, where=None):
    value = obj.get(key)
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise EdxmlError(where or key, f"JSON key '{key}' must be a YYYY-MM-DD string")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise EdxmlError(
            where or key, f"JSON key '{key}' has '{value}', not a valid YYYY-MM-DD date"
        ) from None


def _organization(value, key):
    obj = _object(value, key, ORGANIZATION_KEYS)
    return Organization(**{name: _str(obj, name, key) for name in ORGANIZATION_KEYS})


def _staff(value):
    if value is None:
        return None
    obj = _object(value, "staff", ("department", "staff", "mobile", "email"))
    return StaffInfo(**{name: _str(obj, name, "staff") for name in obj})


def _reply(value):
    obj = _object(value, "response_for", ("organ_id", "code", "promulgation_date", "document_id"))
    return ResponseFor(
        organ_id=_str(obj, "organ_id", "response_for"),
        code=_str(obj, "code", "response_for"),
        promulgation_date=_date(obj, "promulgation_date", "response_for"),
        document_id=_str(obj, "document_id", "response_for"),
    )


def _attachment(value, base_dir, index):
    key = f"attachments[{index}]"
    obj = _object(value, key, ("name", "content_type", "path", "description", "size", "sha256"))
    raw_path = obj.get("path")
    if not isinstance(raw_path, str) or not raw_path:
        raise EdxmlError(key, f"JSON key '{key}' needs a 'path' to the file")
    path = pathlib.Path(raw_path)
    if not path.is_absolute():
        path = pathlib.Path(base_dir) / path
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise EdxmlError(key, f"cannot read file '{raw_path}' ({exc.strerror})") from None
    name = _str(obj, "name", key) or path.name
    content_type = (
        _str(obj, "content_type", key)
        or mimetypes.guess_type(name)[0]
        or "application/octet-stream"
    )
    att = Attachment(
        name=name,
        content_type=content_type,
        data=data,
        description=_str(obj, "description", key),
    )
    if obj.get("sha256") and obj["sha256"] != att.sha256:
        raise EdxmlError(key, f"file '{raw_path}' does not match the given sha256")
    return att


def from_json(obj, base_dir):
    """A package from the command line's JSON shape; attachment paths are read
    relative to ``base_dir``. Bad input raises :class:`EdxmlError` naming the key."""
    if not isinstance(obj, dict):
        raise EdxmlError(None, "the JSON must be one object")
    kind = obj.get("kind", "document")
    if kind == "status":
        _object(obj, "status", STATUS_INPUT_KEYS)
        timestamp = obj.get("timestamp")
        if timestamp is not None and not isinstance(timestamp, str):
            raise EdxmlError("timestamp", "JSON key 'timestamp' must be an ISO 8601 string")
        moment = parse_moment(timestamp, "timestamp") if timestamp else None
        package = StatusPackage(
            sender=_organization(obj.get("from"), "from"),
            response_for=_reply(obj.get("response_for")),
            status_code=_str(obj, "status_code"),
            description=_str(obj, "description"),
            staff=_staff(obj.get("staff")) or StaffInfo(),
        )
        if moment:
            package.timestamp = moment.astimezone(TZ)
        return package
    if kind != "document":
        raise EdxmlError("kind", f"JSON key 'kind' must be 'document' or 'status', not {kind!r}")
    _object(obj, "document", DOCUMENT_INPUT_KEYS)
    to = obj.get("to")
    if not isinstance(to, list):
        raise EdxmlError("to", "JSON key 'to' must be a list of agencies")
    signer = _object(obj.get("signer", {}), "signer", ("competence", "position", "full_name"))
    replies = obj.get("response_for") or []
    if isinstance(replies, dict):
        replies = [replies]
    attachments = obj.get("attachments") or []
    if not isinstance(attachments, list):
        raise EdxmlError("attachments", "JSON key 'attachments' must be a list")
    places = obj.get("to_places") or []
    if not isinstance(places, list) or not all(isinstance(p, str) for p in places):
        raise EdxmlError("to_places", "JSON key 'to_places' must be a list of strings")
    replaced = obj.get("replaced_document_ids") or []
    if not isinstance(replaced, list) or not all(isinstance(d, str) for d in replaced):
        raise EdxmlError(
            "replaced_document_ids", "JSON key 'replaced_document_ids' must be a list of strings"
        )
    sender = _organization(obj.get("from"), "from")
    number = _str(obj, "number")
    notation = _str(obj, "notation")
    promulgation_date = _date(obj, "promulgation_date")
    document_id = _str(obj, "document_id")
    if not document_id and sender.organ_id and number and notation and promulgation_date:
        document_id = document_id_for(sender.organ_id, promulgation_date, number, notation)
    paper = _int(obj, "paper")
    return DocumentPackage(
        sender=sender,
        recipients=[_organization(org, "to") for org in to],
        document_id=document_id,
        number=number,
        notation=notation,
        promulgation_place=_str(obj, "promulgation_place"),
        promulgation_date=promulgation_date,
        document_type=_int(obj, "document_type", 1),
        document_type_detail=_int(obj, "document_type_detail"),
        document_type_name=_str(obj, "document_type_name"),
        subject=_str(obj, "subject"),
        content=_str(obj, "content"),
        signer=Signer(**{name: _str(signer, name, "signer") for name in signer}),
        due_date=_date(obj, "due_date"),
        to_places=list(places),
        priority=_int(obj, "priority"),
        steering_type=_int(obj, "steering_type"),
        paper=paper,
        page_amount=_int(obj, "page_amount"),
        promulgation_amount=_int(obj, "promulgation_amount"),
        response_for=[_reply(reply) for reply in replies],
        business=Business(
            doc_type=_int(obj, "business_doc_type"),
            reason=_str(obj, "business_reason"),
            paper=paper,
            staff=_staff(obj.get("staff")),
            document_id=_str(obj, "business_document_id"),
            document_info_changed=_int(obj, "business_doc_type") == 2,
            replaced_document_ids=list(replaced),
        ),
        attachments=[
            _attachment(value, base_dir, index) for index, value in enumerate(attachments)
        ],
    )
