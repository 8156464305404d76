from odoo import api, fields, models
from odoo.exceptions import UserError

#: people of the agency who can be given work: internal users of the document's agency
AGENCY_USERS = "[('company_ids', 'in', company_id), ('share', '=', False)]"
AGENCY_UNITS = "[('company_id', 'in', (company_id, False))]"


class EgovDistributeWizard(models.TransientModel):
    """The leader's distribution of an incoming document: the directive, the lead, the
    coordinators with their deadlines and who receives it for information (phiếu giải quyết,
    part 1)."""

    _name = "egov.distribute.wizard"
    _description = "Distribute a Document"
    _check_company_auto = True

    document_id = fields.Many2one("egov.document", required=True, check_company=True)
    company_id = fields.Many2one(related="document_id.company_id")
    directive = fields.Text(string="Leader's Directive")
    deadline = fields.Datetime(
        string="Handling Deadline",
        help="The document's own deadline unless you change it; a change is recorded in the "
        "document's history.",
    )
    document_deadline = fields.Datetime(related="document_id.deadline", string="Document Deadline")
    lead_department_id = fields.Many2one(
        "hr.department", string="Lead Unit", domain=AGENCY_UNITS, check_company=True
    )
    lead_user_id = fields.Many2one(
        "res.users", string="Lead Person", domain=AGENCY_USERS, check_company=True
    )
    line_ids = fields.One2many("egov.distribute.wizard.line", "wizard_id", string="Coordinators")
    informed_department_ids = fields.Many2many(
        "hr.department",
        "egov_distribute_wizard_informed_department_rel",
        string="Units for Information",
        domain=AGENCY_UNITS,
        check_company=True,
        help="Units that receive the document for information (nhận để biết): their manager "
        "sees it, with no deadline and nothing to complete.",
    )
    informed_user_ids = fields.Many2many(
        "res.users",
        "egov_distribute_wizard_informed_user_rel",
        string="People for Information",
        domain=AGENCY_USERS,
        check_company=True,
        help="People who receive the document for information (nhận để biết), with no "
        "deadline and nothing to complete.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        document = self.env["egov.document"].browse(
            values.get("document_id") or self.env.context.get("active_id")
        )
        if document and "deadline" in fields_list and not values.get("deadline"):
            # the document's own deadline (set at registration), else the rule profile's
            # default handling time (10 working days)
            values["deadline"] = document.deadline or document._egov_default_handling_deadline()
        return values

    def action_confirm(self):
        self.ensure_one()
        if bool(self.lead_department_id) == bool(self.lead_user_id):
            raise UserError(self.env._("Choose the lead: one unit or one person."))
        lead = {"department_id": self.lead_department_id.id, "user_id": self.lead_user_id.id}
        coordinators = [
            {
                "department_id": line.department_id.id,
                "user_id": line.user_id.id,
                "deadline": line.deadline or self.deadline,
                "directive": line.directive,
            }
            for line in self.line_ids
        ]
        informed = [
            {"department_id": department.id} for department in self.informed_department_ids
        ] + [{"user_id": user.id} for user in self.informed_user_ids]
        document = self.document_id
        # refuse an unknown or unstaffed recipient before anything is distributed
        document._egov_check_assignees(informed)
        document._egov_distribute(
            lead, coordinators, directive=self.directive, deadline=self.deadline
        )
        if informed:
            document._egov_inform(informed)
        return {"type": "ir.actions.act_window_close"}


class EgovDistributeWizardLine(models.TransientModel):
    _name = "egov.distribute.wizard.line"
    _description = "Coordinator to Assign"
    _check_company_auto = True

    wizard_id = fields.Many2one("egov.distribute.wizard", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="wizard_id.company_id")
    department_id = fields.Many2one(
        "hr.department", string="Unit", domain=AGENCY_UNITS, check_company=True
    )
    user_id = fields.Many2one("res.users", string="Person", domain=AGENCY_USERS, check_company=True)
    deadline = fields.Datetime()
    directive = fields.Text(string="Leader's Directive")
