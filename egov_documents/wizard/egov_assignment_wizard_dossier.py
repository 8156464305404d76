from odoo import api, models


class EgovAssignmentWizard(models.TransientModel):
    """Completing an assignment suggests the work dossier from the catalogue."""

    _inherit = "egov.assignment.wizard"  # pylint: disable=consider-merging-classes-inherited

    @api.onchange("assignment_id", "step")
    def _onchange_suggest_dossier(self):
        if self.step == "complete" and not self.dossier_id:
            self.dossier_id = self.assignment_id.suggested_dossier_id
