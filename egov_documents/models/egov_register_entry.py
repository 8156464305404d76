from odoo import api, fields, models
from odoo.exceptions import UserError

from ..rules.numbering import format_number


class EgovRegisterEntry(models.Model):
    """One number taken from a register in a year, with the document that took it.

    Entries are never deleted: a number given in error is voided with a reason and
    stays in the register, as the register books must show every number.
    """

    _name = "egov.register.entry"
    _description = "Register Number"
    _order = "register_id, year desc, number desc"
    _rec_name = "number_display"

    register_id = fields.Many2one("egov.register", required=True, index=True, ondelete="restrict")
    company_id = fields.Many2one(related="register_id.company_id", store=True, index=True)
    direction = fields.Selection(related="register_id.direction", store=True)
    year = fields.Integer(required=True)
    number = fields.Integer(string="Sequence Number", required=True)
    number_display = fields.Char(string="Number", compute="_compute_number_display", store=True)
    document_id = fields.Many2one("egov.document", index=True, ondelete="restrict")
    state = fields.Selection(
        [("used", "Used"), ("voided", "Voided")], default="used", required=True
    )
    void_reason = fields.Text()
    voided_by_id = fields.Many2one("res.users", string="Voided By", readonly=True)
    voided_at = fields.Datetime(string="Voided On", readonly=True)

    _sql_constraints = [
        (
            "number_unique_per_register_year",
            "UNIQUE(register_id, year, number)",
            "This number has already been given in this register for this year.",
        ),
    ]

    @api.depends("number")
    def _compute_number_display(self):
        for entry in self:
            entry.number_display = format_number(entry.number) if entry.number else False


    def write(self, vals):
        protected = {"register_id", "year", "number", "document_id"} & set(vals)
        if protected and not self.env.context.get("egov_register_write"):
            raise UserError(
                self.env._(
                    "Register numbers are written by registration and numbering only; "
                    "%(fields)s cannot be changed by hand.",
                    fields=", ".join(sorted(protected)),
                )
            )
        return super().write(vals)

    def unlink(self):
        raise UserError(
            self.env._("A number given from a register is never deleted: void it with a reason.")
        )

    def _void(self, reason):
        """Void these numbers, keeping them in the register with the reason."""
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for voiding the number."))
        for entry in self:
            if entry.state == "voided":
                raise UserError(
                    self.env._(
                        "Number %(number)s of %(register)s is already voided.",
                        number=entry.number_display,
                        register=entry.register_id.name,
                    )
                )
        self.write(
            {
                "state": "voided",
                "void_reason": reason.strip(),
                "voided_by_id": self.env.uid,
                "voided_at": fields.Datetime.now(),
            }
        )
        for entry in self.filtered("document_id"):
            entry.document_id._egov_on_number_voided(entry)
