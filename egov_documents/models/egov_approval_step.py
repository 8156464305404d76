from odoo import api, fields, models
from odoo.exceptions import UserError

from .egov_guard import is_system

STEP_KINDS = [
    ("visa", "Visa (in turn)"),
    ("opinion", "Opinion (in parallel)"),
]
STEP_STATES = [
    ("waiting", "Waiting"),
    ("pending", "To Answer"),
    ("agreed", "Agreed"),
    ("disagreed", "Disagreed"),
    ("other", "Other Opinion"),
    ("cancelled", "Cancelled"),
]
ANSWERED_STATES = ("agreed", "disagreed", "other")


class EgovApprovalStep(models.Model):
    """One reviewer's step in the review circuit of a record using
    ``egov.approval.mixin``: a visa, given in turn, or an opinion, asked of several
    people at once. Each answer is agree / disagree / other, with a comment, and is kept
    as the history of opinions on the draft (NĐ 30/2020 Phụ lục VI)."""

    _name = "egov.approval.step"
    _description = "Review Step"
    _order = "res_model, res_id, round, sequence, id"

    res_model = fields.Char(required=True, index=True)
    res_id = fields.Many2oneReference(model_field="res_model", required=True, index=True)
    company_id = fields.Many2one("res.company", required=True, index=True)
    round = fields.Integer(
        default=1,
        required=True,
        help="Review round: a draft sent back and resubmitted starts a new round.",
    )
    sequence = fields.Integer(default=10)
    kind = fields.Selection(STEP_KINDS, required=True, default="visa")
    user_id = fields.Many2one("res.users", string="Reviewer", required=True, index=True)
    state = fields.Selection(STEP_STATES, required=True, default="waiting", index=True)
    comment = fields.Text()
    requested_by_id = fields.Many2one("res.users", default=lambda self: self.env.user)
    requested_at = fields.Datetime(default=fields.Datetime.now)
    decided_at = fields.Datetime(string="Answered On", readonly=True)

    @api.depends("user_id", "kind", "state")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for step in self:
            step.display_name = f"{kinds.get(step.kind, '')}: {step.user_id.name or ''}"

    @api.model_create_multi
    def create(self, vals_list):
        if not is_system(self.env):
            raise UserError(
                self.env._("Review steps are opened by Submit for Review, never by hand.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if not is_system(self.env):
            raise UserError(
                self.env._(
                    "A review step is answered through Give Visa / Opinion, never edited by hand."
                )
            )
        return super().write(vals)
