from odoo import fields, models


class EgovVoidNumberWizard(models.TransientModel):
    """Ask the clerk why a register number is voided."""

    _name = "egov.void.number.wizard"
    _description = "Void a Register Number"

    entry_id = fields.Many2one("egov.register.entry", required=True, ondelete="cascade")
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.entry_id._void(self.reason)
        return {"type": "ir.actions.act_window_close"}
