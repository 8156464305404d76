from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..rules.numbering import format_number
from .egov_guard import is_system, system_env


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
    # the confidentiality of the document that took the number: record rules read it
    confidential = fields.Boolean(index=True, readonly=True)
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
    voided_by_id = fields.Many2one("res.users", readonly=True)
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

    @api.model_create_multi
    def create(self, vals_list):
        if not is_system(self.env):
            raise UserError(
                self.env._(
                    "Register numbers are taken by registration and numbering only, never entered by hand."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if not is_system(self.env):
            raise UserError(
                self.env._(
                    "Register numbers are written by registration and numbering only, and voided "
                    "with a reason through Void Number."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._("A number given from a register is never deleted: void it with a reason.")
        )

    def _void(self, reason):
        """Void these numbers, keeping them in the register with the reason. Called by the
        void wizard; the clerk must be able to change the documents that hold them."""
        if not self.env.user.has_group("egov_documents.group_egov_clerk"):
            raise AccessError(self.env._("Only a clerk voids register numbers."))
        self.check_access("read")
        self.document_id.check_access("write")
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
        system_env(self.sudo()).write(
            {
                "state": "voided",
                "void_reason": reason.strip(),
                "voided_by_id": self.env.uid,
                "voided_at": fields.Datetime.now(),
            }
        )
        for entry in self.filtered("document_id"):
            entry.document_id._egov_on_number_voided(entry.sudo())
