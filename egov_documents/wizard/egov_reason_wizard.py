from odoo import fields, models

REASON_ACTIONS = [
    ("return_to_sender", "Return to Sender"),
    ("recall", "Recall"),
]


class EgovReasonWizard(models.TransientModel):
    """Ask for the reason of a step the other side sees: returning an incoming document
    to its sender, recalling an issued one."""

    _name = "egov.reason.wizard"
    _description = "Reason for a Document Step"

    document_ids = fields.Many2many("egov.document", required=True)
    action = fields.Selection(REASON_ACTIONS, required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        if self.action == "return_to_sender":
            self.document_ids._egov_return_to_sender(self.reason)
        else:
            self.document_ids._egov_recall(self.reason)
        return {"type": "ir.actions.act_window_close"}
