from odoo import api, fields, models
from odoo.exceptions import UserError


class EgovDistributeWizard(models.TransientModel):
    """The leader's distribution of an incoming document: the directive, the lead and the
    coordinators with their deadlines (phiếu giải quyết, part 1)."""

    _name = "egov.distribute.wizard"
    _description = "Distribute a Document"

    document_id = fields.Many2one("egov.document", required=True)
    company_id = fields.Many2one(related="document_id.company_id")
    directive = fields.Text(string="Leader's Directive")
    deadline = fields.Datetime(string="Handling Deadline")
    lead_department_id = fields.Many2one(
        "hr.department", string="Lead Unit", domain="[('company_id', 'in', (company_id, False))]"
    )
    lead_user_id = fields.Many2one(
        "res.users",
        string="Lead Person",
        domain="[('company_ids', 'in', company_id), ('share', '=', False)]",
    )
    line_ids = fields.One2many("egov.distribute.wizard.line", "wizard_id", string="Coordinators")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        document = self.env["egov.document"].browse(
            values.get("document_id") or self.env.context.get("active_id")
        )
        if document and "deadline" in fields_list and not values.get("deadline"):
            # the rule profile's default handling deadline (10 working days)
            values["deadline"] = document._egov_default_handling_deadline()
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
        self.document_id._egov_distribute(
            lead, coordinators, directive=self.directive, deadline=self.deadline
        )
        return {"type": "ir.actions.act_window_close"}


class EgovDistributeWizardLine(models.TransientModel):
    _name = "egov.distribute.wizard.line"
    _description = "Coordinator to Assign"

    wizard_id = fields.Many2one("egov.distribute.wizard", required=True, ondelete="cascade")
    department_id = fields.Many2one("hr.department", string="Unit")
    user_id = fields.Many2one("res.users", string="Person")
    deadline = fields.Datetime()
    directive = fields.Text()
