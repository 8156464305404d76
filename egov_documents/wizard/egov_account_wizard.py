from odoo import api, fields, models

from ..models.egov_account_lock import LOCK_KINDS
from ..models.res_users import ROLES


class EgovAccountWizard(models.TransientModel):
    """An account of the agency, created or changed by its administrator (who cannot edit
    users directly: the private methods of ``res.users`` check that the account is his
    agency's and write only these fields)."""

    _name = "egov.account.wizard"
    _description = "Agency Account"

    user_id = fields.Many2one("res.users", string="Account", readonly=True)
    name = fields.Char(required=True)
    login = fields.Char(required=True, help="tencanhan.tendonvi, e.g. nguyenvana.stp")
    email = fields.Char()
    egov_role = fields.Selection(ROLES, string="Document Role", required=True, default="officer")
    egov_is_admin = fields.Boolean(string="Document Administrator")
    password = fields.Char(
        help="Optional: a first password, which the user replaces at his first login."
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        user = self.env["res.users"].browse(self.env.context.get("egov_account_user_id"))
        if user:
            user._egov_check_account_admin()
            user = user.sudo()
            values.update(
                user_id=user.id,
                name=user.name,
                login=user.login,
                email=user.email,
                egov_role=user.egov_role or "officer",
                egov_is_admin=user.egov_is_admin,
            )
        return values

    def action_confirm(self):
        self.ensure_one()
        vals = {
            "name": self.name,
            "login": self.login.strip(),
            "email": self.email,
            "egov_role": self.egov_role,
            "egov_is_admin": self.egov_is_admin,
            "password": self.password,
        }
        if self.user_id:
            self.user_id._egov_update_account(vals)
        else:
            self.env["res.users"]._egov_create_account(vals)
        return {"type": "ir.actions.act_window_close"}


class EgovAccountLockWizard(models.TransientModel):
    """Lock an account on request or for a violation, with the reason."""

    _name = "egov.account.lock.wizard"
    _description = "Lock an Account"

    user_ids = fields.Many2many("res.users", string="Accounts", required=True)
    kind = fields.Selection(
        [kind for kind in LOCK_KINDS if not kind[0].startswith("auto_")],
        required=True,
        default="request",
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.user_ids._egov_lock(self.kind, self.reason)
        return {"type": "ir.actions.act_window_close"}
