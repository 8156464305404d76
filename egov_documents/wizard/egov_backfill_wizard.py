from odoo import api, fields, models


class EgovBackfillWizard(models.TransientModel):
    """The clerk enters the documents handled on paper during a closed incident, each with
    its real arrival (incoming) or issue (outgoing) time as written in the paper register
    (Thái Bình QĐ 17/2019 Điều 8.1): they take their numbers in order of the real times,
    flagged as back-filled."""

    _name = "egov.backfill.wizard"
    _description = "Back-fill Documents Handled on Paper"
    _check_company_auto = True

    incident_id = fields.Many2one("egov.incident", required=True, check_company=True)
    company_id = fields.Many2one(related="incident_id.company_id")
    line_ids = fields.One2many("egov.backfill.wizard.line", "wizard_id", string="Documents")

    def action_confirm(self):
        self.ensure_one()
        arrivals = [(line.document_id, line.real_at) for line in self.line_ids]
        self.incident_id._egov_backfill(arrivals)
        return self.incident_id.action_open_documents()


class EgovBackfillWizardLine(models.TransientModel):
    _name = "egov.backfill.wizard.line"
    _description = "Document Handled on Paper"

    wizard_id = fields.Many2one("egov.backfill.wizard", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="wizard_id.company_id")
    document_id = fields.Many2one(
        "egov.document",
        required=True,
        domain="[('company_id', '=', company_id), ('backfilled', '=', False), '|', "
        "'&', ('direction', '=', 'incoming'), ('incoming_state', '=', 'arrived'), "
        "'&', ('direction', '!=', 'incoming'), ('outgoing_state', '=', 'signed')]",
    )
    real_at = fields.Datetime(
        string="Real Arrival or Issue Time",
        required=True,
        help="When the paper document really arrived (incoming) or was issued (outgoing), as "
        "written in the paper register.",
    )

    @api.onchange("document_id")
    def _onchange_document_id(self):
        if self.document_id and not self.real_at and self.wizard_id.incident_id:
            self.real_at = self.wizard_id.incident_id.started_at
