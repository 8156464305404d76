from odoo import fields, models
from odoo.exceptions import UserError

from ..models.egov_approval_step import STEP_KINDS
from .egov_distribute_wizard import AGENCY_USERS


class EgovReviewWizard(models.TransientModel):
    """Send a draft for review (visas in turn, opinions in parallel), or answer a review."""

    _name = "egov.review.wizard"
    _description = "Review a Draft"
    _check_company_auto = True

    document_id = fields.Many2one("egov.document", required=True, check_company=True)
    company_id = fields.Many2one(related="document_id.company_id")
    mode = fields.Selection(
        [("submit", "Submit"), ("answer", "Answer")], required=True, default="submit"
    )
    line_ids = fields.One2many("egov.review.wizard.line", "wizard_id", string="Reviewers")
    decision = fields.Selection(
        [("agreed", "Agree"), ("disagreed", "Disagree"), ("other", "Other Opinion")],
        default="agreed",
    )
    comment = fields.Text()

    def action_confirm(self):
        self.ensure_one()
        if self.mode == "submit":
            if not self.line_ids:
                raise UserError(self.env._("Add at least one reviewer."))
            self.document_id._egov_submit_for_review(
                [(line.kind, line.user_id) for line in self.line_ids.sorted("sequence")]
            )
        else:
            self.document_id._egov_approval_answer(self.decision, self.comment)
        return {"type": "ir.actions.act_window_close"}


class EgovReviewWizardLine(models.TransientModel):
    _name = "egov.review.wizard.line"
    _description = "Reviewer"
    _order = "sequence, id"
    _check_company_auto = True

    wizard_id = fields.Many2one("egov.review.wizard", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="wizard_id.company_id")
    sequence = fields.Integer(default=10)
    kind = fields.Selection(STEP_KINDS, required=True, default="visa")
    user_id = fields.Many2one(
        "res.users", string="Reviewer", required=True, domain=AGENCY_USERS, check_company=True
    )
