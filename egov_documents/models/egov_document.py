from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import create_index

from ..rules.identifiers import document_identifier
from ..rules.numbering import number_and_notation
from ..rules.text import fold_for_compare
from ..rules.worktime import to_iso
from .egov_guard import is_system, system_env
from .egov_register import DIRECTIONS
from .mail_activity import ALL_STEPS

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

OFFICER = "egov_documents.group_egov_officer"
CLERK = "egov_documents.group_egov_clerk"
UNIT_LEADER = "egov_documents.group_egov_unit_leader"
AGENCY_LEADER = "egov_documents.group_egov_agency_leader"
#: fields a plain write may change on a frozen document: the internal notes
FROZEN_EDITABLE = ("description",)
#: what the clerk (before distribution) and the leaders may still change on a registered
#: incoming document (egov_document_distribution.py decides who)
HANDLING_TERMS = frozenset({"deadline", "urgency"})
#: and, until the document is issued, who it goes to
BEFORE_ISSUE_EDITABLE = (
    "recipient_ids",
    "recipient_places",
    "paper_copy",
    "paper_copy_permanent",
    "appraisal_request",
    "page_count",
)


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
    # transitions, exchange), proven by egov_guard's sentinel (STYLE.md §3).
    _egov_system_fields = frozenset(
        {
            "incoming_state",
            "outgoing_state",
            "direction",
            "arrival_number",
            "register_entry_id",
            "registered_at",
            "arrived_at",
            "presented_at",
            "present_due",
            "directive",
            "distributed_at",
            "distributed_by_id",
            "completed_at",
            "return_reason",
            "recall_reason",
            "origin_recipient_id",
            "approved_at",
            "approved_by_id",
            "signed_at",
            "signed_by_id",
            "issued_at",
            "issued_by_id",
            "change_note",
            "replaces_id",
            "corrects_id",
            "approval_round",
            # outage back-fill and deletion with a reason (egov_incident_document.py)
            "backfilled",
            "incident_id",
            "delete_reason",
            "deleted_at",
            "deleted_by_id",
            # who the leader sent it to for information (egov_document_distribution.py)
            "informed_department_ids",
            "informed_user_ids",
        }
    )
    # A caller may choose the direction of a new document; its state and arrival time
    # are the system's (create() sets them).
    _egov_system_fields_on_create = frozenset({"direction"})
    _egov_system_fields_filled_by_create = frozenset(
        {"incoming_state", "outgoing_state", "arrived_at"}
    )
    # Outgoing numbers, notations and dates come from numbering only.
    _egov_outgoing_numbering_fields = frozenset({"number", "notation", "issued_date"})

    # The workflow declaration (DESIGN.md "Integrity model"): per direction, each move
    # and the group that may make it. Moves without a group happen only as the
    # consequence of another action (a recall received from the sender).
    _egov_transitions = {
        "incoming": {
            "arrived": {"received": CLERK, "returned": CLERK, "deleted": CLERK},
            "received": {
                "distributed": UNIT_LEADER,
                "in_progress": OFFICER,
                "done": UNIT_LEADER,
                "returned": CLERK,
                "recalled": None,
                "arrived": CLERK,
            },
            "distributed": {"in_progress": OFFICER, "done": OFFICER, "recalled": None},
            "in_progress": {"done": OFFICER, "recalled": None},
            "done": {"in_progress": UNIT_LEADER, "recalled": None},
            "returned": {"deleted": CLERK},
        },
        "outgoing": {
            "draft": {"in_review": OFFICER, "approved": UNIT_LEADER, "cancelled": OFFICER},
            "in_review": {"draft": OFFICER, "approved": UNIT_LEADER, "cancelled": OFFICER},
            "approved": {"draft": UNIT_LEADER, "signed": UNIT_LEADER},
            "signed": {"numbered": CLERK, "draft": UNIT_LEADER},
            "numbered": {"org_signed": CLERK, "issued": CLERK, "signed": CLERK},
            "org_signed": {"issued": CLERK},
            "issued": {"recalled": CLERK, "replaced": CLERK},
        },
    }
    # What a plain write may still change in each state (every other field is frozen;
    # a state not listed freezes nothing but the system fields). Registered incoming and
    # signed outgoing documents change only through their flows: update, replace,
    # correct, a new file version from the signing path (Kon Tum Điều 14.8, Thái Bình
    # Điều 4.6).
    _egov_frozen_states = {
        "incoming": dict.fromkeys(
            ("received", "distributed", "in_progress", "done", "returned", "recalled", "deleted"),
            FROZEN_EDITABLE,
        ),
        "outgoing": {
            "approved": FROZEN_EDITABLE + BEFORE_ISSUE_EDITABLE + ("register_id",),
            "signed": FROZEN_EDITABLE + BEFORE_ISSUE_EDITABLE + ("register_id",),
            "numbered": FROZEN_EDITABLE + BEFORE_ISSUE_EDITABLE,
            "org_signed": FROZEN_EDITABLE + BEFORE_ISSUE_EDITABLE,
            "issued": FROZEN_EDITABLE,
            "recalled": FROZEN_EDITABLE,
            "replaced": FROZEN_EDITABLE,
            "cancelled": FROZEN_EDITABLE,
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
    direction = fields.Selection(
        DIRECTIONS,
        required=True,
        index=True,
        readonly=True,
        default=lambda self: self.env.context.get("default_direction", "incoming"),
    )
    incoming_state = fields.Selection(
        INCOMING_STATES,
        string="Incoming Status",
        index=True,
        tracking=True,
        readonly=True,
        copy=False,
    )
    outgoing_state = fields.Selection(
        OUTGOING_STATES,
        string="Outgoing Status",
        index=True,
        tracking=True,
        readonly=True,
        copy=False,
    )
    document_type_id = fields.Many2one("egov.document.type", index=True, tracking=True)
    subject = fields.Char(required=True, size=500, tracking=True)
    description = fields.Text(string="Notes")
    number = fields.Char(size=11, tracking=True, copy=False)
    notation = fields.Char(size=30, tracking=True, copy=False)
    number_notation = fields.Char(
        string="Number and Notation",
        compute="_compute_number_notation",
        store=True,
        index="trigram",
    )
    issued_date = fields.Date(string="Document Date", tracking=True, copy=False)
    issuing_agency_id = fields.Many2one(
        "res.partner",
        domain=[("is_agency", "=", True)],
        index=True,
        tracking=True,
    )
    document_identifier = fields.Char(
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
    register_id = fields.Many2one(
        "egov.register", string="Document Register", index=True, copy=False, check_company=True
    )
    register_entry_id = fields.Many2one(
        "egov.register.entry",
        string="Register Number",
        readonly=True,
        copy=False,
        check_company=True,
    )
    arrival_number = fields.Integer(index=True, copy=False, tracking=True)
    arrival_channel = fields.Selection(
        ARRIVAL_CHANNELS, string="Received Through", default="manual"
    )
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
        compute="_compute_sequence_date",
        store=True,
        index=True,
        help="Technical: sort key, the receipt time of incoming and the creation of outgoing documents.",
    )
    year = fields.Integer(compute="_compute_year", store=True, index=True)
    # --- Signing, urgency, handling ----------------------------------------------------
    signer_competence = fields.Selection(
        SIGNER_COMPETENCES, string="Signing Competence", default="direct"
    )
    signer_position = fields.Char(size=100)
    signer_name = fields.Char(string="Signer", size=50)
    urgency = fields.Selection(
        URGENCIES, default="normal", required=True, index=True, tracking=True
    )
    confidentiality = fields.Selection(
        CONFIDENTIALITIES, default="normal", required=True, index=True, tracking=True
    )
    deadline = fields.Datetime(string="Handling Deadline", index="btree_not_null", tracking=True)
    reply_deadline = fields.Date(
        string="Reply Due",
        tracking=True,
        help="When the document asks for a reply: the date the reply is due.",
    )
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")
    page_count = fields.Integer(string="Pages")
    language = fields.Selection(LANGUAGES, default="vi", required=True)
    paper_copy = fields.Boolean(string="Paper Copy Too")
    steering_type = fields.Selection(STEERING_TYPES, default="0", required=True)
    recipient_places = fields.Text(
        string="Places of Receipt", help="The 'Nơi nhận' text as printed on the document."
    )
    # --- People and links --------------------------------------------------------------
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        index=True,
        tracking=True,
        check_company=True,
        default=lambda self: self.env.user,
        help="The officer who drafted (outgoing) or entered (incoming) the document.",
    )
    department_id = fields.Many2one("hr.department", string="Drafting Unit", check_company=True)
    member_ids = fields.One2many("egov.document.member", "document_id", string="Members")
    recipient_ids = fields.One2many("egov.document.recipient", "document_id", string="Recipients")
    file_ids = fields.One2many("egov.document.file", "document_id", string="Files")
    file_count = fields.Integer(compute="_compute_file_count")
    response_for_ids = fields.Many2many(
        "egov.document",
        "egov_document_response_rel",
        "reply_id",
        "original_id",
        string="In Reply To",
        check_company=True,
    )
    reply_ids = fields.Many2many(
        "egov.document",
        "egov_document_response_rel",
        "original_id",
        "reply_id",
        string="Replies",
        check_company=True,
    )
    duplicate_document_id = fields.Many2one(
        "egov.document",
        compute="_compute_duplicate_document_id",
        string="Possible Duplicate",
    )
    active = fields.Boolean(default=True)
    # What the current user may do now, read from the workflow declaration (views show the
    # buttons from these flags instead of repeating state lists).
    can_register = fields.Boolean(compute="_compute_can_moves")
    can_return = fields.Boolean(compute="_compute_can_moves")
    can_distribute = fields.Boolean(compute="_compute_can_moves")
    can_submit = fields.Boolean(compute="_compute_can_moves")
    can_approve = fields.Boolean(compute="_compute_can_moves")
    can_sign = fields.Boolean(compute="_compute_can_moves")
    can_number = fields.Boolean(compute="_compute_can_moves")
    can_org_sign = fields.Boolean(compute="_compute_can_moves")
    can_issue = fields.Boolean(compute="_compute_can_moves")
    can_recall = fields.Boolean(compute="_compute_can_moves")
    can_replace = fields.Boolean(compute="_compute_can_moves")

    _sql_constraints = [
        (
            "arrival_number_positive",
            "CHECK(arrival_number IS NULL OR arrival_number >= 0)",
            "The arrival number cannot be negative.",
        ),
    ]

    def init(self):
        # The lists a clerk opens all day: the agency's incoming/outgoing documents by state,
        # newest first. Composite indexes serve them on a province database.
        create_index(
            self.env.cr,
            "egov_document_company_incoming_idx",
            self._table,
            ["company_id", "incoming_state", "sequence_date DESC"],
            where="direction = 'incoming'",
        )
        create_index(
            self.env.cr,
            "egov_document_company_outgoing_idx",
            self._table,
            ["company_id", "outgoing_state", "sequence_date DESC"],
            where="direction <> 'incoming'",
        )

    # --- Computes ----------------------------------------------------------------------
    @api.depends("number", "notation")
    def _compute_number_notation(self):
        for document in self:
            if document.number and document.notation:
                if document.number.isdigit():
                    document.number_notation = number_and_notation(
                        int(document.number), document.notation
                    )
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
                    calendar.egov_receipt_time(document.arrived_at)
                    if calendar
                    else document.arrived_at
                )
            else:
                document.received_at = False

    @api.depends("received_at", "create_date")
    def _compute_sequence_date(self):
        for document in self:
            document.sequence_date = (
                document.received_at or document.create_date or fields.Datetime.now()
            )

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
            document.display_name = " – ".join(part for part in parts if part) or self.env._(
                "New Document"
            )

    #: flag → (direction kind, target state) in ``_egov_transitions``
    _EGOV_CAN_FLAGS = {
        "can_register": ("incoming", "received"),
        "can_return": ("incoming", "returned"),
        "can_delete": ("incoming", "deleted"),
        "can_distribute": ("incoming", "distributed"),
        "can_submit": ("outgoing", "in_review"),
        "can_approve": ("outgoing", "approved"),
        "can_sign": ("outgoing", "signed"),
        "can_number": ("outgoing", "numbered"),
        "can_org_sign": ("outgoing", "org_signed"),
        "can_issue": ("outgoing", "issued"),
        "can_recall": ("outgoing", "recalled"),
        "can_replace": ("outgoing", "replaced"),
    }

    @api.depends("incoming_state", "outgoing_state", "direction")
    @api.depends_context("uid")
    def _compute_can_moves(self):
        for document in self:
            machine = document._egov_state_machine()[0]
            allowed = set((document.egov_allowed_moves or "").split())
            for flag, (flag_machine, target) in self._EGOV_CAN_FLAGS.items():
                document[flag] = flag_machine == machine and target in allowed

    #: machine → target state → the to-do steps that move ends, for everyone who was asked
    #: (``mail_activity.py``); a reviewer's or handler's own answer closes only their to-do
    _EGOV_STEPS_ENDED_BY_MOVE = {
        "incoming": {
            "received": ("register",),
            "returned": ("register", "distribute"),
            "distributed": ("distribute",),
            "in_progress": ("distribute",),
            "done": ("distribute", "handle", "assignment_returned", "extension", "overdue"),
            "recalled": ALL_STEPS,
            "deleted": ALL_STEPS,
        },
        "outgoing": {
            "draft": ("visa", "opinion", "present", "sign"),
            "approved": ("present",),
            "signed": ("present", "sign"),
            "numbered": ("sign", "number"),
            "issued": ("sign", "number", "issue"),
            "recalled": ("issue",),
            "replaced": ("issue",),
            "cancelled": ALL_STEPS,
        },
    }

    def _egov_move(self, target, vals=None):
        result = super()._egov_move(target, vals)
        for machine, documents in self.grouped(lambda d: d._egov_state_machine()[0]).items():
            steps = self._EGOV_STEPS_ENDED_BY_MOVE.get(machine, {}).get(target)
            if steps:
                documents._egov_activity_close(steps)
        return result

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
                        existing=document._egov_reference_for_user(duplicate),
                        identifier=document.document_identifier or "-",
                    )
                )

    def _egov_reference_for_user(self, other):
        """How to name ``other`` (a document found with sudo) to the current user: its
        number and subject when they may read it, else only that one exists."""
        other = other.with_env(self.env).sudo(False)
        if other.has_access("read"):
            return other.display_name
        return self.env._("a document you are not allowed to read")

    # --- Constraints -------------------------------------------------------------------
    @api.constrains("confidentiality", "company_id")
    def _check_confidentiality(self):
        for document in self:
            if (
                document.confidentiality != "normal"
                and not document.company_id.egov_confidential_enabled
            ):
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
                        existing=document._egov_reference_for_user(duplicate),
                        agency=document.company_id.name,
                    )
                )

    # --- ORM ---------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._egov_check_create_vals(vals_list)
        system = is_system(self.env)
        for vals in vals_list:
            direction = (
                vals.get("direction") or self.env.context.get("default_direction") or "incoming"
            )
            if direction not in dict(DIRECTIONS):
                raise UserError(
                    self.env._("Unknown document direction %(direction)s.", direction=direction)
                )
            vals["direction"] = direction
            if (
                not system
                and direction != "incoming"
                and self._egov_outgoing_numbering_fields & set(vals)
            ):
                raise UserError(
                    self._egov_guarded_message(
                        sorted(self._egov_outgoing_numbering_fields & set(vals))
                    )
                )
        # the state and the arrival time are the system's, whatever a caller sent
        for vals in vals_list:
            if vals["direction"] == "incoming":
                if not system or "incoming_state" not in vals:
                    vals["incoming_state"] = "arrived"
                if not system or not vals.get("arrived_at"):
                    vals["arrived_at"] = fields.Datetime.now()
            else:
                if not system or "outgoing_state" not in vals:
                    vals["outgoing_state"] = "draft"
                vals.setdefault("issuing_agency_id", self._egov_company_partner_id(vals))
            if "document_type_id" in vals and "paper_copy" not in vals and vals["document_type_id"]:
                # the type's own flag, or the rule profile's types and cases
                vals["paper_copy"] = self._egov_profile_paper_copy(vals)
        documents = super().create(vals_list)
        for document in documents:
            role = "drafter" if document.direction != "incoming" else "clerk"
            document._egov_add_members(document.user_id, role)
        return documents

    def _egov_company_partner_id(self, vals):
        company = (
            self.env["res.company"].browse(vals.get("company_id"))
            if vals.get("company_id")
            else self.env.company
        )
        return company.partner_id.id

    def _egov_frozen_fields(self, vals):
        frozen = super()._egov_frozen_fields(vals)
        if self.filtered(lambda d: d.direction != "incoming"):
            frozen |= self._egov_outgoing_numbering_fields & set(vals)
        terms = HANDLING_TERMS & set(vals)
        if terms and all(document.direction == "incoming" for document in self):
            # a registered document's deadline and urgency: the clerk's until it is
            # distributed, a leader's while it is handled, never an officer's
            refused = self.filtered(lambda d: not d._egov_may_change_handling_terms())
            if refused:
                raise UserError(
                    self.env._(
                        "Only the clerk, before the document is distributed, or a leader may "
                        "change the handling deadline and urgency of %(document)s.",
                        document=refused[0].display_name,
                    )
                )
            frozen -= terms
        return frozen

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        for document in self:
            if (
                document.register_entry_id
                or document.incoming_state not in (False, "arrived")
                or (document.outgoing_state not in (False, "draft", "cancelled"))
            ):
                raise UserError(
                    self.env._(
                        "%(document)s is registered or under way and cannot be deleted.",
                        document=document.display_name,
                    )
                )

    def _egov_check_recipients_editable(self):
        """Recipients are chosen until the document is issued; afterwards its lines are the
        record of the delivery."""
        for document in self:
            if (
                document.direction == "incoming"
                or document.outgoing_state not in OUTGOING_OPEN_STATES
            ):
                raise UserError(
                    self.env._(
                        "The recipients of %(document)s can no longer change: it is %(state)s.",
                        document=document.display_name,
                        state=document._egov_state_label(*document._egov_state_fields()),
                    )
                )

    def _egov_check_files_editable(self, operation="write"):
        """Files change freely while an incoming document waits for registration and an
        outgoing one is drafted or reviewed. Once a leader approved it, a clerk may still
        add the paper-signed original, digitised, until the document is issued; nothing is
        replaced or removed (Kon Tum Điều 14.8). ``egov_signing`` narrows this further:
        after a digital signature, only the signing path adds a version."""
        for document in self:
            if document.direction == "incoming":
                editable = document.incoming_state == "arrived"
            else:
                editable = document.outgoing_state in ("draft", "in_review") or (
                    operation == "create"
                    and document.outgoing_state in ("signed", "numbered")
                    and self.env.user.has_group(CLERK)
                )
            if not editable:
                raise UserError(
                    self.env._(
                        "The files of %(document)s can no longer change: it is %(state)s.",
                        document=document.display_name,
                        state=document._egov_state_label(*document._egov_state_fields()),
                    )
                )

    def _egov_state_fields(self):
        """``(state field, current state)`` of this document."""
        self.ensure_one()
        field_name = self._egov_state_machine()[1]
        return field_name, self[field_name]

    # --- Helpers shared by the workflows -------------------------------------------------
    def _egov_state_machine(self):
        self.ensure_one()
        if self.direction == "incoming":
            return "incoming", "incoming_state"
        return "outgoing", "outgoing_state"

    def _egov_add_members(self, users, role):
        """Give ``users`` access to these documents in ``role`` (drafter, clerk, lead,
        coordinator, follower, reviewer, signer). Idempotent."""
        Member = system_env(self.env["egov.document.member"], sudo=True)
        existing = set(
            Member.search(
                [("document_id", "in", self.ids), ("user_id", "in", users.ids), ("role", "=", role)]
            ).mapped(lambda m: (m.document_id.id, m.user_id.id))
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
            self._egov_move(
                "arrived",
                {"arrival_number": False, "register_entry_id": False, "registered_at": False},
            )
        else:
            self._egov_move(
                "signed", {"register_entry_id": False, "number": False, "issued_date": False}
            )
        self.message_post(
            body=self.env._(
                "Number %(number)s of %(register)s was voided: %(reason)s",
                number=entry.number_display,
                register=entry.register_id.name,
                reason=entry.void_reason,
            )
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
