from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import create_index

from ..rules.identifiers import document_identifier
from ..rules.numbering import number_and_notation
from ..rules.text import fold_for_compare
from ..rules.worktime import to_iso
from .egov_register import DIRECTIONS

INCOMING_STATES = [
    ("arrived", "Arrived"),
    ("received", "Registered"),
    ("distributed", "Distributed"),
    ("in_progress", "In Progress"),
    ("done", "Completed"),
    ("returned", "Returned"),
    ("recalled", "Recalled"),
    ("deleted", "Deleted"),
]
OUTGOING_STATES = [
    ("draft", "Draft"),
    ("in_review", "In Review"),
    ("approved", "Approved"),
    ("signed", "Signed"),
    ("numbered", "Numbered"),
    ("org_signed", "Organisation Signed"),
    ("issued", "Issued"),
    ("recalled", "Recalled"),
    ("replaced", "Replaced"),
    ("cancelled", "Cancelled"),
]
URGENCIES = [
    ("normal", "Normal"),
    ("urgent", "Urgent (Khẩn)"),
    ("very_urgent", "Very Urgent (Thượng khẩn)"),
    ("flash", "Flash (Hỏa tốc)"),
    ("flash_timed", "Flash, Timed (Hỏa tốc hẹn giờ)"),
]
CONFIDENTIALITIES = [
    ("normal", "Not Confidential"),
    ("confidential", "Confidential (Mật)"),
    ("secret", "Secret (Tối mật)"),
    ("top_secret", "Top Secret (Tuyệt mật)"),
]
SIGNER_COMPETENCES = [
    ("direct", "Direct"),
    ("tm", "TM. (on behalf of the collective)"),
    ("kt", "KT. (deputy signing for the head)"),
    ("tl", "TL. (by order of the head)"),
    ("tuq", "TUQ. (by authorisation)"),
    ("q", "Q. (acting head)"),
]
ARRIVAL_CHANNELS = [
    ("paper", "Paper (scanned)"),
    ("email", "Email"),
    ("axis", "Document Axis"),
    ("internal", "Same System"),
    ("manual", "Manual Upload"),
]
STEERING_TYPES = [
    ("0", "Not a Steering Document"),
    ("1", "Steering Document"),
    ("2", "Steering Report"),
]
LANGUAGES = [("vi", "Vietnamese"), ("en", "English"), ("fr", "French"), ("other", "Other")]
URGENT_LEVELS = ("urgent", "very_urgent", "flash", "flash_timed")
INCOMING_OPEN_STATES = ("arrived", "received", "distributed", "in_progress")
OUTGOING_OPEN_STATES = ("draft", "in_review", "approved", "signed", "numbered", "org_signed")


class EgovDocument(models.Model):
    """A document of an agency: incoming (văn bản đến), outgoing (văn bản đi) or internal.

    One model, three directions, each with its own menus, views and state machine; the
    shared fields are those of Tây Ninh 52/2019 Điều 7.2 and NĐ 30/2020 Phụ lục VI.
    The incoming actions live in ``egov_document_incoming.py``, the outgoing ones in
    ``egov_document_outgoing.py``.
    """

    _name = "egov.document"
    _description = "Document"
    _inherit = [
        "egov.mail.thread",
        "mail.activity.mixin",
        "egov.text.mixin",
        "egov.state.machine.mixin",
    ]
    _order = "sequence_date desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["subject", "number_notation", "document_identifier"]

    _egov_normalized_fields = (
        "subject",
        "number",
        "notation",
        "signer_name",
        "signer_position",
        "description",
        "recipient_places",
    )
    # Written only by the code paths that own them (registration, numbering, issue,
    # transitions); refused in write() otherwise (STYLE.md §3).
    _egov_system_fields = frozenset(
        {
            "incoming_state",
            "outgoing_state",
            "arrival_number",
            "register_id",
            "register_entry_id",
            "registered_at",
            "issued_at",
            "direction",
        }
    )
    _egov_transitions = {
        "incoming": {
            "arrived": ("received", "returned", "deleted"),
            "received": ("distributed", "in_progress", "done", "returned", "recalled", "arrived"),
            "distributed": ("in_progress", "done", "recalled"),
            "in_progress": ("done", "recalled"),
            "done": ("in_progress", "recalled"),
            "returned": ("deleted",),
        },
        "outgoing": {
            "draft": ("in_review", "approved", "cancelled"),
            "in_review": ("draft", "approved", "cancelled"),
            "approved": ("draft", "signed"),
            "signed": ("numbered", "draft"),
            "numbered": ("org_signed", "issued", "signed"),
            "org_signed": ("issued",),
            "issued": ("recalled", "replaced"),
        },
    }

    # --- Identity -----------------------------------------------------------------------
    company_id = fields.Many2one(
        "res.company",
        string="Agency",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    direction = fields.Selection(DIRECTIONS, required=True, index=True, readonly=True,
                                 default=lambda self: self.env.context.get("default_direction", "incoming"))
    incoming_state = fields.Selection(
        INCOMING_STATES, string="Incoming Status", index=True, tracking=True, readonly=True, copy=False
    )
    outgoing_state = fields.Selection(
        OUTGOING_STATES, string="Outgoing Status", index=True, tracking=True, readonly=True, copy=False
    )
    document_type_id = fields.Many2one(
        "egov.document.type", string="Document Type", index=True, tracking=True
    )
    subject = fields.Char(string="Subject", required=True, size=500, tracking=True)
    description = fields.Text(string="Notes")
    number = fields.Char(string="Number", size=11, tracking=True, copy=False)
    notation = fields.Char(string="Notation", size=30, tracking=True, copy=False)
    number_notation = fields.Char(
        string="Number and Notation", compute="_compute_number_notation", store=True, index="trigram"
    )
    issued_date = fields.Date(string="Document Date", tracking=True, copy=False)
    issuing_agency_id = fields.Many2one(
        "res.partner",
        string="Issuing Agency",
        domain=[("is_agency", "=", True)],
        index=True,
        tracking=True,
    )
    document_identifier = fields.Char(
        string="Document Identifier",
        compute="_compute_document_identifier",
        store=True,
        readonly=False,
        index="btree_not_null",
        copy=False,
        help="OrganId,yyyy/MM/dd,number/notation, as the edXML DocumentId.",
    )
    duplicate_key = fields.Char(
        compute="_compute_duplicate_key", store=True, index="btree_not_null", copy=False
    )
    # --- Registration ------------------------------------------------------------------
    register_id = fields.Many2one("egov.register", string="Document Register", index=True, copy=False,
                                  check_company=True)
    register_entry_id = fields.Many2one("egov.register.entry", string="Register Number",
                                        readonly=True, copy=False)
    arrival_number = fields.Integer(string="Arrival Number", index=True, copy=False, tracking=True)
    arrival_channel = fields.Selection(ARRIVAL_CHANNELS, string="Received Through", default="manual")
    arrived_at = fields.Datetime(
        string="Entered the System",
        copy=False,
        help="When the document entered this agency's system.",
    )
    received_at = fields.Datetime(
        string="Counted as Received",
        compute="_compute_received_at",
        store=True,
        copy=False,
        help="Receipt time counted on working hours: outside working hours a document counts "
        "as received at the start of the next working period (Tây Ninh 52/2019 Điều 10.2).",
    )
    registered_at = fields.Datetime(string="Registered On", readonly=True, copy=False)
    issued_at = fields.Datetime(string="Issued On", readonly=True, copy=False)
    sequence_date = fields.Datetime(
        compute="_compute_sequence_date", store=True, index=True,
        help="Technical: sort key, the receipt time of incoming and the creation of outgoing documents.",
    )
    year = fields.Integer(compute="_compute_year", store=True, index=True)
    # --- Signing, urgency, handling ----------------------------------------------------
    signer_competence = fields.Selection(SIGNER_COMPETENCES, string="Signing Competence", default="direct")
    signer_position = fields.Char(string="Signer Position", size=100)
    signer_name = fields.Char(string="Signer", size=50)
    urgency = fields.Selection(URGENCIES, default="normal", required=True, index=True, tracking=True)
    confidentiality = fields.Selection(
        CONFIDENTIALITIES, default="normal", required=True, index=True, tracking=True
    )
    deadline = fields.Datetime(string="Handling Deadline", index="btree_not_null", tracking=True)
    reply_deadline = fields.Date(string="Reply Due", tracking=True,
                                 help="When the document asks for a reply: the date the reply is due.")
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")
    page_count = fields.Integer(string="Pages")
    language = fields.Selection(LANGUAGES, default="vi", required=True)
    paper_copy = fields.Boolean(string="Paper Copy Too")
    steering_type = fields.Selection(STEERING_TYPES, default="0", required=True)
    recipient_places = fields.Text(string="Places of Receipt",
                                   help="The 'Nơi nhận' text as printed on the document.")
    # --- People and links --------------------------------------------------------------
    user_id = fields.Many2one(
        "res.users", string="Responsible", index=True, tracking=True,
        default=lambda self: self.env.user,
        help="The officer who drafted (outgoing) or entered (incoming) the document.",
    )
    department_id = fields.Many2one("hr.department", string="Drafting Unit", check_company=True)
    member_ids = fields.One2many("egov.document.member", "document_id", string="Members")
    recipient_ids = fields.One2many("egov.document.recipient", "document_id", string="Recipients")
    file_ids = fields.One2many("egov.document.file", "document_id", string="Files")
    file_count = fields.Integer(compute="_compute_file_count")
    response_for_ids = fields.Many2many(
        "egov.document", "egov_document_response_rel", "reply_id", "original_id",
        string="In Reply To",
    )
    reply_ids = fields.Many2many(
        "egov.document", "egov_document_response_rel", "original_id", "reply_id",
        string="Replies",
    )
    duplicate_document_id = fields.Many2one(
        "egov.document", compute="_compute_duplicate_document_id",
        string="Possible Duplicate",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("arrival_number_positive", "CHECK(arrival_number IS NULL OR arrival_number >= 0)",
         "The arrival number cannot be negative."),
    ]

    def init(self):
        # The lists a clerk opens all day: the agency's incoming/outgoing documents by state,
        # newest first. Composite indexes serve them on a province database.
        create_index(self.env.cr, "egov_document_company_incoming_idx", self._table,
                     ["company_id", "incoming_state", "sequence_date DESC"],
                     where="direction = 'incoming'")
        create_index(self.env.cr, "egov_document_company_outgoing_idx", self._table,
                     ["company_id", "outgoing_state", "sequence_date DESC"],
                     where="direction <> 'incoming'")

    # --- Computes ----------------------------------------------------------------------
    @api.depends("number", "notation")
    def _compute_number_notation(self):
        for document in self:
            if document.number and document.notation:
                if document.number.isdigit():
                    document.number_notation = number_and_notation(int(document.number), document.notation)
                else:
                    document.number_notation = f"{document.number}/{document.notation}"
            else:
                document.number_notation = document.number or document.notation or False

    @api.depends("issuing_agency_id.code_qcvn102", "issued_date", "number", "notation")
    def _compute_document_identifier(self):
        for document in self:
            code = document.issuing_agency_id.code_qcvn102
            if code and document.issued_date and document.number and document.notation:
                document.document_identifier = document_identifier(
                    code, document.issued_date, document.number, document.notation
                )
            elif not document.document_identifier:
                document.document_identifier = False

    @api.depends("direction", "issuing_agency_id", "number_notation", "issued_date")
    def _compute_duplicate_key(self):
        for document in self:
            if document.number_notation and document.issuing_agency_id:
                document.duplicate_key = "|".join(
                    [
                        document.direction,
                        str(document.issuing_agency_id.id),
                        str(document.issued_date.year if document.issued_date else ""),
                        fold_for_compare(document.number_notation),
                    ]
                )
            else:
                document.duplicate_key = False

    @api.depends("arrived_at", "company_id")
    def _compute_received_at(self):
        for document in self:
            if document.direction == "incoming" and document.arrived_at:
                calendar = document.company_id.resource_calendar_id
                document.received_at = (
                    calendar.egov_receipt_time(document.arrived_at) if calendar else document.arrived_at
                )
            else:
                document.received_at = False

    @api.depends("received_at", "create_date")
    def _compute_sequence_date(self):
        for document in self:
            document.sequence_date = document.received_at or document.create_date or fields.Datetime.now()

    @api.depends("received_at", "issued_date", "create_date")
    def _compute_year(self):
        for document in self:
            moment = document.received_at or document.issued_date or document.create_date
            document.year = moment.year if moment else fields.Date.today().year

    def _compute_file_count(self):
        counts = dict(
            self.env["egov.document.file"]._read_group(
                [("document_id", "in", self.ids)], ["document_id"], ["__count"]
            )
        )
        for document in self:
            document.file_count = counts.get(document, 0)

    @api.depends("deadline", "incoming_state", "outgoing_state")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for document in self:
            document.is_overdue = bool(
                document.deadline and document.deadline < now and document._egov_is_open()
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue documents."))
        overdue = [
            "&",
            ("deadline", "<", fields.Datetime.now()),
            "|",
            ("incoming_state", "in", INCOMING_OPEN_STATES),
            ("outgoing_state", "in", OUTGOING_OPEN_STATES),
        ]
        return overdue if (operator == "=") == value else ["!", *overdue]

    @api.depends("duplicate_key", "document_identifier", "company_id")
    def _compute_duplicate_document_id(self):
        for document in self:
            document.duplicate_document_id = document._egov_find_duplicates()[:1]

    @api.depends("direction", "subject", "number_notation", "arrival_number")
    def _compute_display_name(self):
        for document in self:
            subject = (document.subject or "").strip()
            if len(subject) > 80:
                subject = subject[:79] + "…"
            parts = [document.number_notation, subject]
            document.display_name = " – ".join(part for part in parts if part) or self.env._("New Document")

    def _egov_is_open(self):
        self.ensure_one()
        if self.direction == "incoming":
            return self.incoming_state in INCOMING_OPEN_STATES
        return self.outgoing_state in OUTGOING_OPEN_STATES

    # --- Duplicates (NĐ 30/2020 Phụ lục VI: warn on identifier and on number/notation/agency)
    def _egov_find_duplicates(self):
        """Other live documents of the same agency and direction with the same document
        identifier, or the same number/notation from the same issuing agency in the year."""
        self.ensure_one()
        conditions = []
        if self.document_identifier:
            conditions.append([("document_identifier", "=", self.document_identifier)])
        if self.duplicate_key:
            conditions.append([("duplicate_key", "=", self.duplicate_key)])
        if not conditions:
            return self.browse()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("direction", "=", self.direction),
            ("incoming_state", "not in", ("returned", "deleted", "recalled")),
        ]
        if self._origin.id:
            domain.append(("id", "!=", self._origin.id))
        either = ["|", *conditions[0], *conditions[1]] if len(conditions) == 2 else conditions[0]
        return self.sudo().search(domain + either, limit=1).sudo(False)

    def _egov_check_not_duplicate(self):
        for document in self:
            duplicate = document._egov_find_duplicates()
            if duplicate:
                raise ValidationError(
                    self.env._(
                        "%(document)s duplicates %(existing)s already in the system (same "
                        "number, notation and issuing agency, or same document identifier "
                        "%(identifier)s). It is not registered twice.",
                        document=document.number_notation or document.subject,
                        existing=duplicate.sudo().display_name,
                        identifier=document.document_identifier or "-",
                    )
                )

    # --- Constraints -------------------------------------------------------------------
    @api.constrains("confidentiality", "company_id")
    def _check_confidentiality(self):
        for document in self:
            if document.confidentiality != "normal" and not document.company_id.egov_confidential_enabled:
                raise ValidationError(
                    self.env._(
                        "%(agency)s does not handle confidential documents in the electronic "
                        "system (the provincial regulations exclude state secrets). Handle "
                        "%(document)s on paper under the law on protecting state secrets.",
                        agency=document.company_id.name,
                        document=document.subject,
                    )
                )

    @api.constrains("direction", "document_type_id")
    def _check_document_type_outgoing(self):
        for document in self:
            if document.direction != "incoming" and not document.document_type_id:
                raise ValidationError(
                    self.env._("An outgoing or internal document needs a document type.")
                )

    @api.constrains("document_identifier", "company_id", "direction")
    def _check_document_identifier_unique(self):
        for document in self.filtered("document_identifier"):
            duplicate = self.sudo().search(
                [
                    ("id", "!=", document.id),
                    ("company_id", "=", document.company_id.id),
                    ("direction", "=", document.direction),
                    ("document_identifier", "=", document.document_identifier),
                    ("incoming_state", "not in", ("returned", "deleted", "recalled")),
                ],
                limit=1,
            )
            if duplicate:
                raise ValidationError(
                    self.env._(
                        "Document identifier %(identifier)s is already used by %(existing)s in "
                        "%(agency)s.",
                        identifier=document.document_identifier,
                        existing=duplicate.display_name,
                        agency=document.company_id.name,
                    )
                )

    # --- ORM ---------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            direction = vals.get("direction") or self.env.context.get("default_direction") or "incoming"
            vals["direction"] = direction
            if direction == "incoming":
                vals.setdefault("incoming_state", "arrived")
                vals.setdefault("arrived_at", fields.Datetime.now())
            else:
                vals.setdefault("outgoing_state", "draft")
                vals.setdefault("issuing_agency_id", self._egov_company_partner_id(vals))
            for field_name in self._egov_system_fields & set(vals) - {"direction", "incoming_state", "outgoing_state", "arrived_at"}:
                if not self.env.context.get("egov_system_write"):
                    raise UserError(self._egov_guarded_message([field_name]))
            if "document_type_id" in vals and "paper_copy" not in vals and vals["document_type_id"]:
                vals["paper_copy"] = self.env["egov.document.type"].browse(vals["document_type_id"]).requires_paper
        documents = super().create(vals_list)
        for document in documents:
            role = "drafter" if document.direction != "incoming" else "clerk"
            document._egov_add_members(document.user_id, role)
        return documents

    def _egov_company_partner_id(self, vals):
        company = self.env["res.company"].browse(vals.get("company_id")) if vals.get("company_id") else self.env.company
        return company.partner_id.id

    def write(self, vals):
        if not self.env.context.get("egov_system_write"):
            guarded = self._egov_system_fields & set(vals)
            numbered = self.filtered(lambda d: d.direction != "incoming" and d.register_entry_id)
            if numbered:
                guarded |= {"number", "notation", "issued_date"} & set(vals)
            if guarded:
                raise UserError(self._egov_guarded_message(sorted(guarded)))
        return super().write(vals)

    def _egov_guarded_message(self, field_names):
        labels = ", ".join(self._fields[name]._description_string(self.env) for name in field_names)
        return self.env._(
            "%(fields)s are set by the system when the document is registered, numbered, "
            "issued or moves on; they cannot be edited by hand.",
            fields=labels,
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        for document in self:
            if document.register_entry_id or document.incoming_state not in (False, "arrived") or (
                document.outgoing_state not in (False, "draft", "cancelled")
            ):
                raise UserError(
                    self.env._(
                        "%(document)s is registered or under way and cannot be deleted.",
                        document=document.display_name,
                    )
                )

    # --- Helpers shared by the workflows -------------------------------------------------
    def _egov_state_machine(self):
        self.ensure_one()
        if self.direction == "incoming":
            return "incoming", "incoming_state"
        return "outgoing", "outgoing_state"

    def _egov_add_members(self, users, role):
        """Give ``users`` access to these documents in ``role`` (drafter, clerk, lead,
        coordinator, follower, reviewer, signer). Idempotent."""
        Member = self.env["egov.document.member"].sudo()
        existing = set(
            Member.search([("document_id", "in", self.ids), ("user_id", "in", users.ids), ("role", "=", role)])
            .mapped(lambda m: (m.document_id.id, m.user_id.id))
        )
        Member.create(
            [
                {"document_id": document.id, "user_id": user.id, "role": role}
                for document in self
                for user in users
                if (document.id, user.id) not in existing
            ]
        )

    def _egov_on_number_voided(self, entry):
        """A register number of this document was voided: the document gives it up."""
        self.ensure_one()
        if self.register_entry_id != entry:
            return
        if self.direction == "incoming":
            self._egov_move("arrived", {"arrival_number": False, "register_entry_id": False,
                                        "registered_at": False})
        else:
            self._egov_move("signed", {"register_entry_id": False, "number": False, "issued_date": False})
        self.message_post(
            body=self.env._("Number %(number)s of %(register)s was voided: %(reason)s",
                            number=entry.number_display, register=entry.register_id.name,
                            reason=entry.void_reason)
        )

    @api.model
    def _egov_format_dt(self, value):
        """A stored datetime as ISO 8601 in Asia/Ho_Chi_Minh."""
        return to_iso(value) if value else ""

    def egov_iso(self, field_name):
        """A datetime field as ISO 8601 in Asia/Ho_Chi_Minh, e.g. 2026-11-20T07:30:00+07:00."""
        self.ensure_one()
        value = self[field_name]
        return to_iso(value) if value else ""

    def action_open_files(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "egov.document.file",
            "name": self.env._("Files"),
            "view_mode": "list,form",
            "domain": [("document_id", "=", self.id)],
            "context": {"default_document_id": self.id},
        }
