from odoo import models


class EgovDocument(models.Model):
    """To-dos that a move starts: the approval of an outgoing draft asks its signatory to
    sign (the moves that end steps are ``_EGOV_STEPS_ENDED_BY_MOVE`` in egov_document.py)."""

    _inherit = "egov.document"  # pylint: disable=consider-merging-classes-inherited

    def _egov_move(self, target, vals=None):
        result = super()._egov_move(target, vals)
        if target == "approved":
            for document in self.filtered(lambda d: d.direction != "incoming"):
                # the approver signs when the draft names no signatory (action_approve)
                signer = document.signer_id or self.env.user
                document._egov_activity_schedule("sign", signer, note=document.display_name)
        return result
