import psycopg2

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .egov_guard import system_env

DIRECTIONS = [
    ("incoming", "Incoming"),
    ("outgoing", "Outgoing"),
    ("internal", "Internal"),
]


class EgovRegister(models.Model):
    """A register (sổ đăng ký) and its number series.

    One per agency, direction and set of document types. Numbers run 1..N per calendar
    year and restart on 1 January (NĐ 30/2020 Điều 15.1, 22.2). The series is a gap-free
    ``ir.sequence`` with yearly date ranges. A number is taken only by ``_take_number``,
    called when the clerk registers or numbers a document, inside that transaction: a
    rollback gives the number back, and the register row lock makes concurrent clerks
    queue (the loser of a race is retried by Odoo with a fresh snapshot), so no number is
    ever given twice or skipped.
    """

    _name = "egov.register"
    _inherit = ["egov.guarded.mixin"]
    _description = "Document Register"
    _order = "company_id, direction, sequence, id"
    _check_company_auto = True
    # the number series belongs to this register alone: created with it, never chosen
    _egov_system_fields = frozenset({"sequence_id"})

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code printed on the register cover, e.g. VBĐ, VBĐi.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    direction = fields.Selection(DIRECTIONS, required=True, index=True)
    document_type_ids = fields.Many2many(
        "egov.document.type",
        string="Document Types",
        help="Types numbered in this register. Empty: every type no other register of the "
        "same direction claims.",
    )
    is_confidential = fields.Boolean(
        string="Confidential Register",
        help="Separate number series for confidential documents (NĐ 30/2020 Điều 15.2).",
    )
    sequence_id = fields.Many2one(
        "ir.sequence",
        string="Number Series",
        readonly=True,
        copy=False,
        ondelete="restrict",
        check_company=True,
    )
    next_number = fields.Integer(
        compute="_compute_next_number",
        help="The number the next registered document of this year will take.",
    )
    entry_ids = fields.One2many("egov.register.entry", "register_id", string="Numbers Taken")

    @api.depends("sequence_id")
    def _compute_next_number(self):
        today = fields.Date.context_today(self)
        ranges = (
            self.env["ir.sequence.date_range"]
            .sudo()
            .search(
                [
                    ("sequence_id", "in", self.sequence_id.ids),
                    ("date_from", "<=", today),
                    ("date_to", ">=", today),
                ]
            )
        )
        next_by_sequence = {
            date_range.sequence_id.id: date_range.number_next for date_range in ranges
        }
        # the entries are the truth: the range's counter is advanced after the entry is made
        highest = dict(
            self.env["egov.register.entry"]
            .sudo()
            ._read_group(
                [("register_id", "in", self.ids), ("year", "=", today.year)],
                ["register_id"],
                ["number:max"],
            )
        )
        for register in self:
            register.next_number = max(
                next_by_sequence.get(register.sequence_id.id, 1), (highest.get(register) or 0) + 1
            )

    @api.model_create_multi
    def create(self, vals_list):
        registers = super().create(vals_list)
        for register in registers:
            system_env(register).sequence_id = (
                self.env["ir.sequence"]
                .sudo()
                .create(
                    {
                        "name": register.name,
                        "code": f"egov.register.{register.id}",
                        "implementation": "no_gap",
                        "use_date_range": True,
                        "padding": 0,
                        "number_increment": 1,
                        "company_id": register.company_id.id,
                    }
                )
            )
        return registers

    @api.constrains("company_id", "direction", "is_confidential")
    def _check_confidential_enabled(self):
        for register in self.filtered("is_confidential"):
            if not register.company_id.egov_confidential_enabled:
                raise ValidationError(
                    self.env._(
                        "Agency %(agency)s does not handle confidential documents, so it cannot "
                        "have the confidential register %(register)s. Enable confidential "
                        "documents on the agency first.",
                        agency=register.company_id.name,
                        register=register.name,
                    )
                )

    @api.model
    def _find_for(self, company, direction, document_type, confidential=False):
        """The register a document of ``document_type`` is numbered in: one that lists the
        type, else one that lists no type at all."""
        registers = self.search(
            [
                ("company_id", "=", company.id),
                ("direction", "=", direction),
                ("is_confidential", "=", confidential),
            ]
        )
        register = registers.filtered(lambda r: document_type in r.document_type_ids)[:1]
        if direction != "incoming" and document_type.is_legal_normative:
            # each QPPL kind has its own series (NĐ 30/2020 Điều 15.1): never the catch-all
            if not register:
                self.browse()._egov_check_numbers_type(document_type, company)
            return register
        register = register or registers.filtered(lambda r: not r.document_type_ids)[:1]
        if not register:
            raise UserError(
                self.env._(
                    "Agency %(agency)s has no %(kind)s register for %(type)s documents. Ask the "
                    "administrator to create one.",
                    agency=company.name,
                    kind=dict(self._fields["direction"]._description_selection(self.env))[
                        direction
                    ],
                    type=document_type.name or "",
                )
            )
        return register

    @api.constrains("document_type_ids", "direction")
    def _check_legal_normative_alone(self):
        """A register that numbers a kind of legal normative document numbers that kind only:
        each QPPL kind has its own number series (NĐ 30/2020 Điều 15.1)."""
        for register in self.filtered(lambda r: r.direction != "incoming"):
            types = register.document_type_ids
            if types.filtered("is_legal_normative") and len(types) > 1:
                raise ValidationError(
                    self.env._(
                        "Register %(register)s numbers a kind of legal normative document "
                        "(QPPL): it must list that one type only, as each QPPL kind has its own "
                        "number series (NĐ 30/2020 Điều 15.1).",
                        register=register.name,
                    )
                )

    def _egov_check_numbers_type(self, document_type, company=None):
        """Refuse to number a legal normative document in a register that is not its kind's
        own (an empty ``self``: the agency has none), and another type in a QPPL kind's
        register."""
        if self and self.direction == "incoming":
            return
        qppl_kinds = self.document_type_ids.filtered("is_legal_normative")
        if qppl_kinds and document_type not in qppl_kinds:
            raise UserError(
                self.env._(
                    "Register %(register)s is the number series of %(kind)s only: %(type)s is "
                    "numbered in another register (NĐ 30/2020 Điều 15.1).",
                    register=self.name,
                    kind=qppl_kinds[0].name,
                    type=document_type.name,
                )
            )
        if self and (not document_type.is_legal_normative or document_type in qppl_kinds):
            return
        if not document_type.is_legal_normative:
            return
        raise UserError(
            self.env._(
                "%(type)s is a legal normative document (QPPL): it is numbered in its own "
                "register with its own series (NĐ 30/2020 Điều 15.1). Ask the administrator "
                "of %(agency)s to create an outgoing register listing only %(type)s.",
                type=document_type.name,
                agency=(company or self.company_id).name,
            )
        )

    def _take_number(self, document, on_date):
        """Take the next number of ``on_date``'s year for ``document`` and record it.

        Must be called from the registering/numbering code path only. Returns the
        ``egov.register.entry``.

        Odoo runs every transaction in REPEATABLE READ: a row that another clerk updated
        after this transaction's snapshot can no longer be updated here without a
        serialization failure, and Odoo's retries of the whole request run out under
        steady contention. So nothing shared is updated before the number is known:

        1. the register row is locked (``FOR UPDATE``, never updated), which queues the
           clerks of this register: whoever held it has committed or rolled back;
        2. the entries of the year are the series. The candidate is the highest entry this
           snapshot sees plus one (or the year's range start if an administrator set it
           higher), then each candidate is probed against the unique index
           ``(register_id, year, number)``, which sees every committed entry, including
           those taken after this snapshot: a taken number moves to the next one;
        3. the sequence's yearly range is brought in step for the register's "next
           number" when this snapshot still may write it.

        A rollback gives the number back (the entry goes with it), so the series stays
        without gaps or duplicates.
        """
        self.ensure_one()
        self.env.flush_all()
        cr = self.env.cr
        cr.execute("SELECT id FROM egov_register WHERE id = %s FOR UPDATE", [self.id])
        year = on_date.year
        cr.execute(
            "SELECT COALESCE(MAX(number), 0) FROM egov_register_entry"
            " WHERE register_id = %s AND year = %s",
            [self.id, year],
        )
        number = cr.fetchone()[0] + 1
        sequence = self.sequence_id.sudo()
        date_range = (
            self.env["ir.sequence.date_range"]
            .sudo()
            .search(
                [
                    ("sequence_id", "=", sequence.id),
                    ("date_from", "<=", on_date),
                    ("date_to", ">=", on_date),
                ],
                limit=1,
            )
        )
        if date_range:
            number = max(number, date_range.number_next)
        while True:
            cr.execute("SAVEPOINT egov_take_number")
            try:
                cr.execute(
                    "INSERT INTO egov_register_entry (register_id, year, number, state)"
                    " VALUES (%s, %s, %s, 'used')",
                    [self.id, year, number],
                    log_exceptions=False,
                )
            except psycopg2.errors.UniqueViolation:
                cr.execute("ROLLBACK TO SAVEPOINT egov_take_number")
                number += 1
                continue
            cr.execute("ROLLBACK TO SAVEPOINT egov_take_number")
            break
        entry = system_env(self.env["egov.register.entry"], sudo=True).create(
            {
                "register_id": self.id,
                "year": year,
                "number": number,
                "document_id": document.id,
                "confidential": document.confidentiality != "normal",
            }
        )
        cr.execute("SAVEPOINT egov_take_number")
        try:
            if date_range:
                cr.execute(
                    "UPDATE ir_sequence_date_range SET number_next = GREATEST(number_next, %s)"
                    " WHERE id = %s",
                    [number + 1, date_range.id],
                    log_exceptions=False,
                )
            elif sequence:
                sequence._create_date_range_seq(on_date).number_next = number + 1
                self.env.flush_all()
        except (psycopg2.errors.SerializationFailure, psycopg2.errors.LockNotAvailable):
            # Another clerk wrote the range after this snapshot and left it at least at
            # its own number + 1; the next clerk brings it in step.
            cr.execute("ROLLBACK TO SAVEPOINT egov_take_number")
            if date_range:
                date_range.invalidate_recordset(["number_next"])
        else:
            cr.execute("RELEASE SAVEPOINT egov_take_number")
            if date_range:
                date_range.invalidate_recordset(["number_next"])
        return entry

    def action_open_entries(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "egov_documents.action_egov_register_entry"
        )
        action["domain"] = [("register_id", "=", self.id)]
        action["context"] = {"default_register_id": self.id}
        return action

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for register, vals in zip(self, vals_list, strict=True):
            vals["name"] = self.env._("%s (copy)", register.name)
            vals["document_type_ids"] = [Command.set(register.document_type_ids.ids)]
        return vals_list
