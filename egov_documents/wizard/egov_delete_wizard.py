from odoo import fields, models


class EgovDeleteWizard(models.TransientModel):
    """The clerk deletes incoming documents with a reason, kept on each for audit."""

    _name = "egov.delete.wizard"
    _description = "Delete Incoming Documents"

    document_ids = fields.Many2many("egov.document", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.document_ids._egov_delete_with_reason(self.reason)
        return {"type": "ir.actions.act_window_close"}
