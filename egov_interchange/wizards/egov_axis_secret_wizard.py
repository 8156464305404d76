from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class EgovAxisSecretWizard(models.TransientModel):
    """Set the secret of a registered agency system or of the upstream account. The typed
    value is encrypted into ``egov.axis.secret`` and wiped from the wizard at once."""

    _name = "egov.axis.secret.wizard"
    _description = "Set Axis Secret"

    agency_id = fields.Many2one("egov.axis.agency")
    upstream_id = fields.Many2one("egov.axis.upstream")
    secret = fields.Char()

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        model, active_id = self.env.context.get("active_model"), self.env.context.get("active_id")
        if model == "egov.axis.agency" and "agency_id" in fields_list:
            values["agency_id"] = active_id
        elif model == "egov.axis.upstream" and "upstream_id" in fields_list:
            values["upstream_id"] = active_id
        return values

    def action_apply(self):
        self.ensure_one()
        if not self.env.user.has_group("base.group_system"):
            raise AccessError(self.env._("Only settings administrators manage the axis hub."))
        target = self.agency_id or self.upstream_id
        if not target:
            raise UserError(self.env._("Choose the agency system or the upstream account."))
        secret, self.secret = self.secret, False
        if not secret:
            raise UserError(self.env._("Type the secret to store."))
        target._egov_set_secret(secret)
        return {"type": "ir.actions.act_window_close"}
