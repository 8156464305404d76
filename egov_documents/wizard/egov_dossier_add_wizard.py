from odoo import api, fields, models
from odoo.exceptions import UserError


class EgovDossierAddWizard(models.TransientModel):
    """Add documents (from a document's form or a list selection) to an open dossier of
    their agency."""

    _name = "egov.dossier.add.wizard"
    _description = "Add Documents to a Dossier"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    document_ids = fields.Many2many("egov.document", required=True, check_company=True)
    dossier_id = fields.Many2one(
        "egov.dossier",
        required=True,
        check_company=True,
        domain="[('company_id', '=', company_id), ('state', '=', 'open')]",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if (
            not values.get("document_ids")
            and self.env.context.get("active_model") == "egov.document"
        ):
            values["document_ids"] = [fields.Command.set(self.env.context.get("active_ids") or [])]
        return values

    def action_confirm(self):
        self.ensure_one()
        if self.document_ids.company_id - self.dossier_id.company_id:
            raise UserError(self.env._("A dossier keeps documents of its own agency only."))
        self.dossier_id._egov_add_documents(self.document_ids)
        return {"type": "ir.actions.act_window_close"}
