import base64
import binascii
import difflib
import json
import re

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models.egov_document import SIGNER_COMPETENCES, URGENCIES
from ..models.egov_document_scan import PREFILLABLE_FIELDS, pack_fields
from ..rules.errors import RuleError
from ..rules.fileformat import check_file
from ..rules.scanmeta import EXACT, FUZZY, parse_metadata, plain
from ..rules.scantext import SOURCE_OCR, SOURCE_TEXT_LAYER, extract_text
from ..rules.text import fold_for_compare

CLERK = "egov_documents.group_egov_clerk"
SOURCES = [(SOURCE_TEXT_LAYER, "Text layer of the PDF"), (SOURCE_OCR, "OCR of the scanned image")]
_PROVINCIAL_PREFIXES = ("ỦY BAN NHÂN DÂN ", "UỶ BAN NHÂN DÂN ", "UBND ", "HĐND ")
_MATCH_RATIO = 0.88
_READ_ONLY = frozenset(
    {
        "state",
        "source",
        "agency_text",
        "prefilled_json",
        "prefilled_labels",
        "fuzzy_labels",
        "duplicate_warning",
    }
)


class EgovScanWizard(models.TransientModel):
    """Nhập văn bản đến từ bản quét: the clerk drops the scan of a paper document (PDF or
    JPEG), the system reads its text (the PDF's text layer, else OCR) and fills in the
    fields of NĐ 30/2020 Phụ lục VI; the clerk checks them and creates the incoming
    document (arrived, received on paper) with the scan as its main file. The fields filled
    in stay marked on the document until the clerk confirms them."""

    _name = "egov.scan.wizard"
    _description = "Enter an Incoming Document from a Scan"

    state = fields.Selection([("upload", "Upload"), ("review", "Review")], default="upload")
    company_id = fields.Many2one(
        "res.company",
        string="Agency",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    scan_file = fields.Binary(string="Scan (PDF or JPEG)", attachment=False)
    scan_filename = fields.Char(string="File Name")
    source = fields.Selection(SOURCES, string="Read From", readonly=True)
    page_count = fields.Integer(string="Pages")
    issuing_agency_id = fields.Many2one("res.partner", domain=[("is_agency", "=", True)])
    agency_text = fields.Char(string="Agency as Printed", readonly=True)
    number = fields.Char(size=11)
    notation = fields.Char(size=30)
    issued_date = fields.Date(string="Document Date")
    document_type_id = fields.Many2one("egov.document.type")
    subject = fields.Char(size=500)
    signer_competence = fields.Selection(SIGNER_COMPETENCES, string="Signing Competence")
    signer_position = fields.Char(size=100)
    signer_name = fields.Char(string="Signer", size=50)
    urgency = fields.Selection(URGENCIES, default="normal", required=True)
    prefilled_json = fields.Text(help="Technical: the values read from the scan.")
    prefilled_labels = fields.Char(string="Filled In From the Scan", readonly=True)
    fuzzy_labels = fields.Char(string="Read With Uncertainty", readonly=True)
    duplicate_warning = fields.Char(readonly=True)

    # --- Guards -----------------------------------------------------------------------------
    @api.model
    def _egov_check_clerk(self):
        """Only clerks enter incoming documents, in their current agency."""
        if not self.env.user.has_group(CLERK):
            raise AccessError(self.env._("Only a clerk may enter incoming documents from a scan."))

    @api.model_create_multi
    def create(self, vals_list):
        self._egov_check_clerk()
        for vals in vals_list:
            vals["company_id"] = self.env.company.id
            vals.pop("prefilled_json", None)
        return super().create(vals_list)

    def write(self, vals):
        self._egov_check_clerk()
        if "company_id" in vals:
            raise UserError(self.env._("The scan is entered in your current agency."))
        # what was read and how is the wizard's own record, not the caller's to rewrite
        vals = {key: value for key, value in vals.items() if key not in _READ_ONLY}
        return super().write(vals)

    def _egov_store(self, vals):
        """Write what the reading found (the fields a caller may not write)."""
        return super().write(vals)

    # --- Reading the scan -------------------------------------------------------------------
    def _egov_raw_file(self):
        self.ensure_one()
        if not self.scan_file:
            raise UserError(self.env._("Choose the scan of the document (a PDF or a JPEG)."))
        try:
            raw = base64.b64decode(self.scan_file, validate=True)
        except (binascii.Error, ValueError) as error:
            raise UserError(self.env._("The scan could not be read: it is not a file.")) from error
        name = self.scan_filename or "scan"
        try:
            kind = check_file(name, raw)
        except RuleError as error:
            raise UserError(self.env._(error.template, **error.params)) from error
        if kind not in ("pdf", "jpeg"):
            raise UserError(
                self.env._(
                    "%(name)s is not a scan: only a PDF or a JPEG image can be read.", name=name
                )
            )
        return raw

    def action_read_scan(self):
        """Read the scan and fill in the fields; nothing is created yet."""
        self.ensure_one()
        self._egov_check_clerk()
        raw = self._egov_raw_file()
        try:
            scan = extract_text(raw)
        except RuleError as error:
            raise UserError(self.env._(error.template, **error.params)) from error
        types = self.env["egov.document.type"].search([("abbreviation", "!=", False)])
        found = parse_metadata(scan.text, tuple(t.abbreviation for t in types if t.abbreviation))
        values, confidence = self._egov_values_from_scan(found)
        values["page_count"] = scan.page_count
        confidence["page_count"] = EXACT
        labels = self._egov_labels(values)
        self._egov_store(
            {
                **{name: values.get(name) or False for name in PREFILLABLE_FIELDS},
                "state": "review",
                "source": scan.source,
                "agency_text": " – ".join(
                    found[key].value for key in ("parent_agency", "agency") if key in found
                )
                or False,
                "prefilled_labels": labels or False,
                "fuzzy_labels": self._egov_labels(
                    [name for name in values if confidence.get(name) == FUZZY]
                )
                or False,
            }
        )
        # the values as read, to tell later which ones the clerk changed here
        self._egov_store({"prefilled_json": json.dumps(self._egov_snapshot(values))})
        self._egov_update_duplicate_warning()
        return self._egov_reopen()

    def _egov_labels(self, names):
        return ", ".join(
            self._fields[name]._description_string(self.env)
            for name in PREFILLABLE_FIELDS
            if name in names
        )

    def _egov_reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "name": self.env._("Enter an Incoming Document from a Scan"),
        }

    def _egov_values_from_scan(self, found):
        """``(values, confidence)`` of the wizard fields from what the scan parser found."""
        values, confidence = {}, {}

        def take(name, key, value=None):
            if key in found:
                values[name] = found[key].value if value is None else value
                confidence[name] = found[key].confidence

        for name in ("number", "notation", "issued_date", "subject", "signer_position"):
            take(name, name)
        if values.get("subject"):
            values["subject"] = values["subject"][:500]
        if "signer_name" in found:
            take("signer_name", "signer_name", found["signer_name"].value[:50])
        take("signer_competence", "signer_competence")
        agency, agency_confidence = self._egov_match_agency(found)
        if agency:
            values["issuing_agency_id"] = agency.id
            confidence["issuing_agency_id"] = agency_confidence
        document_type = self._egov_match_type(found)
        if document_type:
            values["document_type_id"] = document_type.id
            confidence["document_type_id"] = found["document_type"].confidence
        return values, confidence

    def _egov_match_agency(self, found):
        """The directory's agency (``res.partner`` flagged as agency, shared or of this
        agency, as the clerk may read it) whose name is the printed one: exactly (case and
        spaces aside), else the closest name among those sharing the notation's agency
        abbreviation or containing the printed name."""
        if "agency" not in found:
            return self.env["res.partner"], None
        printed = found["agency"].value
        parent = found.get("parent_agency") and found["parent_agency"].value or ""
        province = parent.upper()
        for prefix in _PROVINCIAL_PREFIXES:
            if province.startswith(prefix):
                province = province[len(prefix) :]
        names = [printed, f"{printed} {province}".strip(), f"{parent} {printed}".strip()]
        if printed.upper().startswith("UBND "):
            names.append("Ủy ban nhân dân " + printed[5:])
        Partner = self.env["res.partner"]
        base = [("is_agency", "=", True), ("company_id", "in", [False, self.company_id.id])]
        keys = {fold_for_compare(name) for name in names}
        exact = Partner.search(
            base + ["|"] * (len(names) - 1) + [("name", "=ilike", name) for name in names],
            limit=20,
        ).filtered(lambda p: fold_for_compare(p.name) in keys)
        by_key = {fold_for_compare(partner.name): partner for partner in exact}
        for name in names:
            if fold_for_compare(name) in by_key:
                return by_key[fold_for_compare(name)], found["agency"].confidence
        notation = found.get("notation") and found["notation"].value or ""
        parts = [part for part in re.split(r"[-/]", notation) if part and not part.isdigit()]
        pool = Partner.search(
            base + ["|", ("agency_abbreviation", "in", parts or [""]), ("name", "ilike", printed)],
            limit=200,
        )
        wanted = [_loose(name) for name in names]
        best, best_ratio = Partner, 0.0
        for partner in pool:
            ratio = max(
                difflib.SequenceMatcher(None, _loose(partner.name), key).ratio() for key in wanted
            )
            if ratio > best_ratio:
                best, best_ratio = partner, ratio
        if best_ratio >= _MATCH_RATIO:
            return best, FUZZY
        return Partner, None

    def _egov_match_type(self, found):
        """The document type: a công văn when the subject starts with "V/v" and the notation
        names no type, else the type whose abbreviation is the title's (a legal normative
        one when the notation carries the year, NĐ 30/2020 Phụ lục III)."""
        if "document_type" not in found:
            return self.env["egov.document.type"]
        abbreviation = found["document_type"].value
        if not abbreviation:
            return (
                self.env.ref(
                    "egov_documents.document_type_official_letter", raise_if_not_found=False
                )
                or self.env["egov.document.type"]
            )
        types = self.env["egov.document.type"].search([("abbreviation", "=", abbreviation)])
        notation = found.get("notation") and found["notation"].value or ""
        legal = bool(re.match(r"^\d{4}/", notation))
        preferred = types.filtered(lambda t: bool(t.is_legal_normative) == legal)
        return (preferred or types)[:1]

    @api.model
    def _egov_snapshot(self, values):
        return {
            name: (value.isoformat() if hasattr(value, "isoformat") else value)
            for name, value in values.items()
        }

    def _egov_update_duplicate_warning(self):
        """Warn when a live document of this agency has the same number, notation and
        issuing agency (or document identifier): name it when the clerk may read it, else
        say only that one exists (NĐ 30/2020 Phụ lục VI)."""
        self.ensure_one()
        duplicate = self._egov_probe_document()._egov_find_duplicates()
        warning = False
        if duplicate:
            reference = self.env["egov.document"]._egov_reference_for_user(duplicate)
            warning = self.env._(
                "Already in the system: %(existing)s has the same number, notation and issuing "
                "agency.",
                existing=reference,
            )
        self._egov_store({"duplicate_warning": warning})
        return duplicate

    def _egov_probe_document(self):
        return self.env["egov.document"].new(
            {
                "direction": "incoming",
                "company_id": self.company_id.id,
                "issuing_agency_id": self.issuing_agency_id.id,
                "number": self.number,
                "notation": self.notation,
                "issued_date": self.issued_date,
            }
        )

    @api.onchange("issuing_agency_id", "number", "notation", "issued_date")
    def _onchange_duplicate_key(self):
        duplicate = self._egov_probe_document()._egov_find_duplicates()
        self.duplicate_warning = (
            self.env._(
                "Already in the system: %(existing)s has the same number, notation and "
                "issuing agency.",
                existing=self.env["egov.document"]._egov_reference_for_user(duplicate),
            )
            if duplicate
            else False
        )

    # --- Creating the document --------------------------------------------------------------
    def action_confirm(self):
        """Create the incoming document (arrived, received on paper) with the scan as its
        main file; the fields still as read from the scan stay marked to check."""
        self.ensure_one()
        self._egov_check_clerk()
        raw = self._egov_raw_file()
        if self.state != "review":
            raise UserError(self.env._("Read the scan first."))
        if not (self.subject or "").strip():
            raise UserError(self.env._("Fill in the subject (trích yếu) of the document."))
        if self._egov_update_duplicate_warning():
            raise UserError(
                self.env._(
                    "%(warning)s It is not entered twice: open the existing document, or "
                    "correct the number, notation or issuing agency if the scan was misread.",
                    warning=self.duplicate_warning,
                )
            )
        read = json.loads(self.prefilled_json or "{}")
        current = self._egov_snapshot(self._egov_current_values())
        unchecked = [name for name, value in read.items() if current.get(name) == value and value]
        vals = {
            **{key: value for key, value in self._egov_current_values().items() if value},
            "direction": "incoming",
            "company_id": self.company_id.id,
            "arrival_channel": "paper",
            "urgency": self.urgency,
            "prefilled_fields": pack_fields(unchecked),
        }
        document = self.env["egov.document"].with_company(self.company_id).create(vals)
        name = self.scan_filename or ("scan.jpg" if raw[:3] == b"\xff\xd8\xff" else "scan.pdf")
        self.env["egov.document.file"].create(
            {
                "document_id": document.id,
                "name": name,
                "datas": base64.b64encode(raw),
                "role": "main",
            }
        )
        source = dict(self._fields["source"]._description_selection(self.env)).get(self.source)
        document.message_post(
            body=self.env._(
                "Entered from the scan %(file)s (%(origin)s). Filled in from the scan, to check: "
                "%(fields)s.",
                file=name,
                origin=source or "-",
                fields=self._egov_labels(unchecked) or "-",
            ),
            subtype_xmlid="mail.mt_note",
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "egov.document",
            "res_id": document.id,
            "view_mode": "form",
            "views": [(self.env.ref("egov_documents.egov_document_view_form_incoming").id, "form")],
            "target": "current",
        }

    def _egov_current_values(self):
        values = {}
        for name in PREFILLABLE_FIELDS:
            value = self[name]
            if isinstance(value, models.BaseModel):
                value = value.id
            values[name] = value or False
        return values


def _loose(name):
    """A name without diacritics, case, spaces or punctuation: how OCR output compares."""
    return re.sub(r"[\W_]+", "", plain(fold_for_compare(name) or "")).lower()
