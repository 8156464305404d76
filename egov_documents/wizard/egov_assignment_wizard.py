from odoo import fields, models
from odoo.exceptions import UserError

from .egov_distribute_wizard import AGENCY_USERS

ASSIGNMENT_STEPS = [
    ("progress", "Report Progress"),
    ("complete", "Complete"),
    ("return", "Return"),
    ("extension", "Request Extension"),
    ("split", "Assign to Officers"),
]


class EgovAssignmentWizard(models.TransientModel):
    """What the handler of an assignment does: report progress, complete with a result,
    return it, ask for more time, or (a unit leader) assign it on to officers."""

    _name = "egov.assignment.wizard"
    _description = "Act on an Assignment"
    _check_company_auto = True

    assignment_id = fields.Many2one("egov.assignment", required=True, check_company=True)
    company_id = fields.Many2one(related="assignment_id.company_id")
    step = fields.Selection(ASSIGNMENT_STEPS, required=True)
    progress = fields.Integer(string="Progress (%)")
    note = fields.Text()
    proposal = fields.Text()
    result_document_id = fields.Many2one(
        "egov.document",
        domain="[('company_id', '=', company_id), ('direction', '!=', 'incoming')]",
        check_company=True,
    )
    new_deadline = fields.Datetime(string="Requested Deadline")
    dossier_id = fields.Many2one(
        "egov.dossier",
        string="File in Dossier",
        domain="[('company_id', '=', company_id), ('state', '=', 'open')]",
        help="On completion, the document joins this open dossier.",
    )
    line_ids = fields.One2many("egov.assignment.wizard.line", "wizard_id", string="Officers")

    def action_confirm(self):
        self.ensure_one()
        assignment = self.assignment_id
        if self.step == "progress":
            assignment._egov_report_progress(self.progress, self.note)
        elif self.step == "complete":
            assignment._egov_complete(
                self.note,
                self.result_document_id or None,
                self.proposal,
                dossier=self.dossier_id or None,
            )
        elif self.step == "return":
            assignment._egov_return(self.note)
        elif self.step == "extension":
            if not self.new_deadline:
                raise UserError(self.env._("Choose the requested deadline."))
            assignment._egov_request_extension(self.new_deadline, self.note)
        else:
            if not self.line_ids:
                raise UserError(self.env._("Add at least one officer."))
            assignment._egov_split(
                [
                    {
                        "user_id": line.user_id.id,
                        "role": line.role,
                        "deadline": line.deadline,
                        "directive": line.directive,
                    }
                    for line in self.line_ids
                ]
            )
        return {"type": "ir.actions.act_window_close"}


class EgovAssignmentWizardLine(models.TransientModel):
    _name = "egov.assignment.wizard.line"
    _description = "Officer to Assign"
    _check_company_auto = True

    wizard_id = fields.Many2one("egov.assignment.wizard", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="wizard_id.company_id")
    user_id = fields.Many2one(
        "res.users", string="Officer", required=True, domain=AGENCY_USERS, check_company=True
    )
    role = fields.Selection(
        [("lead", "Lead"), ("coordinator", "Coordinator")], default="lead", required=True
    )
    deadline = fields.Datetime()
    directive = fields.Text(string="Leader's Directive")
