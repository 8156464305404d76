from odoo import api, fields, models
from odoo.exceptions import UserError


class EgovInterchangeRecallWizard(models.TransientModel):
    """The clerk's answer to a recall requested by the sender over the axis."""

    _name = "egov.interchange.recall.wizard"
    _description = "Answer a Recall Request"

    document_id = fields.Many2one("egov.document", required=True, readonly=True)
    # read with the user's own rights: the wizard never shows another agency's request
    request_reason = fields.Text(
        related="document_id.egov_recall_request_reason", related_sudo=False
    )
    decision = fields.Selection(
        [("agree", "Agree: remove the document"), ("refuse", "Refuse")],
        required=True,
        default="agree",
    )
    reason = fields.Text(string="Reason for Refusing")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "egov.document":
            values["document_id"] = self.env.context.get("active_id")
        return values

    def action_confirm(self):
        self.ensure_one()
        if not self.document_id:
            raise UserError(self.env._("Choose the document whose recall you answer."))
        self.document_id._egov_axis_answer_recall(self.decision == "agree", self.reason)
        return {"type": "ir.actions.act_window_close"}
