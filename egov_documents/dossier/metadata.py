"""``metadata.xml``: the dossier (PL VI Mục III) and its documents (Mục I/II) as XML.

Element names are those of NĐ 30/2020 Phụ lục VI; the namespace is NAMESPACE. Every
element is written, in a fixed order, except the optional dates and numbers, which are
left out when unknown; an empty text is an empty element. Reading is strict: a DTD, an
unknown or missing element, or a value that does not fit its field is refused.
"""

import re
from datetime import date

from lxml import etree

from ..rules.errors import _lt
from .model import (
    DocumentEntry,
    DossierMeta,
    PackageError,
    doc_total,
    page_total,
)

NAMESPACE = "urn:egov:dossier:nd30-pl6:1"
FORMAT_VERSION = "1"
_NS = f"{{{NAMESPACE}}}"
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_INT_RE = re.compile(r"^\d{1,12}$", re.ASCII)
_SHA256_RE = re.compile(r"^[0-9a-f]{64}$", re.ASCII)

_FILE_CHILDREN = ("Name", "Role", "Path", "Size", "Sha256")


def _add(parent, name, text=None):
    element = etree.SubElement(parent, _NS + name)
    if text is not None:
        element.text = str(text)
    return element


def _add_date(parent, name, value):
    if value is not None:
        _add(parent, name, value.isoformat())


def to_xml(meta, documents, paths):
    """Return metadata.xml for a validated dossier; ``paths[(ordinal, index)]`` is the
    package path of the index-th file of the document with that ordinal."""
    root = etree.Element(_NS + "Dossier", nsmap={None: NAMESPACE})
    root.set("version", FORMAT_VERSION)
    code = _add(root, "FileCode")
    _add(code, "OrganId", meta.organ_id)
    _add(code, "FileCatalog", meta.file_catalog)
    _add(code, "FileNotation", meta.file_notation)
    _add(root, "OrganName", meta.organ_name)
    _add(root, "Title", meta.title)
    _add(root, "Maintenance", meta.maintenance)
    if meta.maintenance_years is not None:
        _add(root, "MaintenanceYears", meta.maintenance_years)
    _add(root, "Rights", meta.rights)
    _add(root, "Creator", meta.creator)
    _add(root, "Language", meta.language)
    _add_date(root, "StartDate", meta.start_date)
    _add_date(root, "EndDate", meta.end_date)
    _add(root, "DocTotal", doc_total(documents))
    _add(root, "PageTotal", page_total(documents))
    _add(root, "Description", meta.description)
    for document in documents:
        element = _add(root, "Document")
        element.set("direction", document.direction)
        _add(element, "DocOrdinal", document.ordinal)
        _add(element, "TypeName", document.type_name)
        _add(element, "CodeNumber", document.number)
        _add(element, "CodeNotation", document.notation)
        _add_date(element, "IssuedDate", document.issued_date)
        _add(element, "OrganName", document.organ_name)
        _add(element, "Subject", document.subject)
        _add(element, "Language", document.language)
        _add(element, "PageAmount", document.page_amount)
        _add(element, "Description", document.description)
        signer = _add(element, "SignerInfo")
        _add(signer, "Position", document.signer_position)
        _add(signer, "FullName", document.signer_name)
        if document.arrival_number is not None:
            _add(element, "ArrivalNumber", document.arrival_number)
        _add_date(element, "ArrivalDate", document.arrival_date)
        for index, file in enumerate(document.files):
            file_element = _add(element, "File")
            _add(file_element, "Name", file.name)
            _add(file_element, "Role", file.role)
            _add(file_element, "Path", paths[(document.ordinal, index)])
            _add(file_element, "Size", len(file.content))
            _add(file_element, "Sha256", file.sha256)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# --- reading --------------------------------------------------------------------------
def _invalid(template, **params):
    return PackageError("metadata_invalid", template, **params)


def parse_xml(data):
    """Parse metadata.xml bytes without DTD, entities or network; return the root."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise PackageError(
            "xml_dtd_forbidden", _lt("metadata.xml declares a DTD or entities, which are refused.")
        )
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
    )
    try:
        tree = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as error:
        raise _invalid(
            _lt("metadata.xml is not well-formed XML: %(error)s"), error=str(error)
        ) from error
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise PackageError(
            "xml_dtd_forbidden", _lt("metadata.xml declares a DTD or entities, which are refused.")
        )
    if (tree.docinfo.encoding or "").upper() != "UTF-8":
        raise _invalid(_lt("metadata.xml is not encoded in UTF-8."))
    root = tree.getroot()
    for node in root.iter():
        if not isinstance(node.tag, str):  # comment, processing instruction, entity
            raise _invalid(
                _lt(
                    "metadata.xml holds a comment, processing instruction or "
                    "entity reference, which the format does not use."
                )
            )
    if root.tag != _NS + "Dossier" or root.get("version") != FORMAT_VERSION:
        raise _invalid(
            _lt("metadata.xml is not a dossier of namespace %(namespace)s, version %(version)s."),
            namespace=NAMESPACE,
            version=FORMAT_VERSION,
        )
    return root


class _Children:
    """The children of an element, consumed in order; anything left over is refused."""

    def __init__(self, element, where):
        self.items = list(element)
        self.where = where
        for item in self.items:
            if not item.tag.startswith(_NS) or len(item.attrib) and item.tag != _NS + "Document":
                raise _invalid(
                    _lt("%(where)s: unexpected element %(element)s."), where=where, element=item.tag
                )

    def take(self, name, required=True):
        if self.items and self.items[0].tag == _NS + name:
            return self.items.pop(0)
        if required:
            raise _invalid(
                _lt("%(where)s: element %(element)s is missing or out of order."),
                where=self.where,
                element=name,
            )
        return None

    def text(self, name, required=True):
        element = self.take(name, required)
        if element is None:
            return None
        if len(element):
            raise _invalid(
                _lt("%(where)s: %(element)s must hold text only."), where=self.where, element=name
            )
        return element.text or ""

    def integer(self, name, required=True):
        text = self.text(name, required)
        if text is None:
            return None
        if not _INT_RE.match(text):
            raise _invalid(
                _lt("%(where)s: %(element)s is not a whole number: %(value)r."),
                where=self.where,
                element=name,
                value=text,
            )
        return int(text)

    def date(self, name):
        text = self.text(name, required=False)
        if text is None:
            return None
        try:
            if not _DATE_RE.match(text):
                raise ValueError(text)
            return date.fromisoformat(text)
        except ValueError as error:
            raise _invalid(
                _lt("%(where)s: %(element)s is not a date YYYY-MM-DD: %(value)r."),
                where=self.where,
                element=name,
                value=text,
            ) from error

    def done(self):
        if self.items:
            raise _invalid(
                _lt("%(where)s: unexpected element %(element)s."),
                where=self.where,
                element=self.items[0].tag,
            )


def _read_file(element, where):
    children = _Children(element, where)
    values = {name: children.text(name) for name in _FILE_CHILDREN}
    children.done()
    if not _INT_RE.match(values["Size"]) or not _SHA256_RE.match(values["Sha256"]):
        raise _invalid(
            _lt("%(where)s: file %(name)s has a bad Size or Sha256."),
            where=where,
            name=values["Name"],
        )
    return {
        "name": values["Name"],
        "role": values["Role"],
        "path": values["Path"],
        "size": int(values["Size"]),
        "sha256": values["Sha256"],
    }


def _read_document(element):
    direction = element.get("direction")
    if set(element.attrib) != {"direction"}:
        raise _invalid(_lt("A Document element must carry exactly the direction attribute."))
    children = _Children(element, "Document")
    ordinal = children.integer("DocOrdinal")
    children.where = f"Document {ordinal}"
    values = {"ordinal": ordinal, "direction": direction}
    values["type_name"] = children.text("TypeName")
    values["number"] = children.text("CodeNumber")
    values["notation"] = children.text("CodeNotation")
    values["issued_date"] = children.date("IssuedDate")
    values["organ_name"] = children.text("OrganName")
    values["subject"] = children.text("Subject")
    values["language"] = children.text("Language")
    values["page_amount"] = children.integer("PageAmount")
    values["description"] = children.text("Description")
    signer = _Children(children.take("SignerInfo"), children.where + " SignerInfo")
    values["signer_position"] = signer.text("Position")
    values["signer_name"] = signer.text("FullName")
    signer.done()
    values["arrival_number"] = children.integer("ArrivalNumber", required=False)
    values["arrival_date"] = children.date("ArrivalDate")
    files = []
    while (file_element := children.take("File", required=False)) is not None:
        files.append(_read_file(file_element, children.where))
    children.done()
    return values, files


def from_xml(data):
    """Read metadata.xml into (DossierMeta, [(document values, [file records])],
    {"DocTotal": n, "PageTotal": n}); the caller attaches the file contents."""
    root = parse_xml(data)
    children = _Children(root, "Dossier")
    code = _Children(children.take("FileCode"), "FileCode")
    values = {
        "organ_id": code.text("OrganId"),
        "file_catalog": code.integer("FileCatalog"),
        "file_notation": code.text("FileNotation"),
    }
    code.done()
    values["organ_name"] = children.text("OrganName")
    values["title"] = children.text("Title")
    values["maintenance"] = children.text("Maintenance")
    values["maintenance_years"] = children.integer("MaintenanceYears", required=False)
    values["rights"] = children.text("Rights")
    values["creator"] = children.text("Creator")
    values["language"] = children.text("Language")
    values["start_date"] = children.date("StartDate")
    values["end_date"] = children.date("EndDate")
    totals = {"DocTotal": children.integer("DocTotal"), "PageTotal": children.integer("PageTotal")}
    values["description"] = children.text("Description")
    documents = []
    while (element := children.take("Document", required=False)) is not None:
        documents.append(_read_document(element))
    children.done()
    return DossierMeta(**values), documents, totals


def make_document(values, files):
    """Build a DocumentEntry from values read by from_xml and its PackageFile tuple."""
    return DocumentEntry(**values, files=tuple(files))
