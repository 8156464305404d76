from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

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
    _description = "Document Register"
    _order = "company_id, direction, sequence, id"
    _check_company_auto = True

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
        "ir.sequence", string="Number Series", readonly=True, copy=False, ondelete="restrict"
    )
    next_number = fields.Integer(
        compute="_compute_next_number",
        help="The number the next registered document of this year will take.",
    )
    entry_ids = fields.One2many("egov.register.entry", "register_id", string="Numbers Taken")

    @api.depends("sequence_id")
    def _compute_next_number(self):
        today = fields.Date.context_today(self)
        ranges = self.env["ir.sequence.date_range"].sudo().search(
            [
                ("sequence_id", "in", self.sequence_id.ids),
                ("date_from", "<=", today),
                ("date_to", ">=", today),
            ]
        )
        next_by_sequence = {date_range.sequence_id.id: date_range.number_next for date_range in ranges}
        for register in self:
            register.next_number = next_by_sequence.get(register.sequence_id.id, 1)

    @api.model_create_multi
    def create(self, vals_list):
        registers = super().create(vals_list)
        for register in registers:
            register.sequence_id = self.env["ir.sequence"].sudo().create(
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

    def write(self, vals):
        if "company_id" in vals and self.entry_ids:
            raise UserError(
                self.env._("A register that has numbers taken cannot move to another agency.")
            )
        return super().write(vals)

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
        register = register or registers.filtered(lambda r: not r.document_type_ids)[:1]
        if not register:
            raise UserError(
                self.env._(
                    "Agency %(agency)s has no %(kind)s register for %(type)s documents. Ask the "
                    "administrator to create one.",
                    agency=company.name,
                    kind=dict(self._fields["direction"]._description_selection(self.env))[direction],
                    type=document_type.name or "",
                )
            )
        return register

    def _take_number(self, document, on_date):
        """Take the next number of ``on_date``'s year for ``document`` and record it.

        Must be called from the registering/numbering code path only. Returns the
        ``egov.register.entry``.
        """
        self.ensure_one()
        # Queue concurrent clerks on this register. The row is also updated so that a
        # transaction that waited here fails with a serialization error and is retried
        # with a snapshot that sees the number taken before it.
        # A lost race is an expected concurrency error, retried by Odoo: not logged as a
        # bad query.
        self.env.cr.execute(
            "SELECT id FROM egov_register WHERE id = %s FOR UPDATE", [self.id], log_exceptions=False
        )
        self.env.cr.execute(
            "UPDATE egov_register SET write_date = now() AT TIME ZONE 'UTC' WHERE id = %s",
            [self.id],
            log_exceptions=False,
        )
        number = int(self.sequence_id.sudo()._next(sequence_date=on_date))
        return self.env["egov.register.entry"].sudo().create(
            {
                "register_id": self.id,
                "year": on_date.year,
                "number": number,
                "document_id": document.id,
            }
        )

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
