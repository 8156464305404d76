from odoo import api, fields, models
from odoo.exceptions import UserError

from .egov_guard import is_system

DECISIONS = [("approved", "Approved"), ("refused", "Refused")]


class EgovDossierDestructionApproval(models.Model):
    """One approver's decision on destroying a dossier, kept for ever (the approval trail
    survives the destruction). ``round`` counts the listings of the dossier: a new listing
    needs every approval again."""

    _name = "egov.dossier.destruction.approval"
    _description = "Destruction Approval"
    _inherit = ["egov.guarded.mixin"]
    _order = "dossier_id, round, decided_at, id"
    _check_company_auto = True

    _egov_system_fields = frozenset(
        {"dossier_id", "user_id", "round", "decision", "decided_at", "note"}
    )

    dossier_id = fields.Many2one(
        "egov.dossier", required=True, index=True, ondelete="restrict", check_company=True
    )
    company_id = fields.Many2one(related="dossier_id.company_id", store=True, index=True)
    user_id = fields.Many2one("res.users", string="Approver", required=True, readonly=True)
    round = fields.Integer(string="Listing", required=True, readonly=True)
    decision = fields.Selection(DECISIONS, required=True, readonly=True)
    decided_at = fields.Datetime(required=True, readonly=True)
    note = fields.Text(readonly=True)

    _sql_constraints = [
        (
            "one_decision",
            "UNIQUE(dossier_id, round, user_id)",
            "An approver decides once per listing.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        if not is_system(self.env):
            raise UserError(
                self.env._("Approvals are given with Approve Destruction, never created by hand.")
            )
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The approval trail of a destruction is kept."))
