"""The lock log of user accounts (Bến Tre QĐ 44/2017 Điều 7, 9.2.b; Thái Bình QĐ 17/2019
Điều 4.5, 11): every lock of an account, automatic or by an administrator, with its reason,
who locked it and who unlocked it. The kinds follow Bến Tre Điều 7: 1.a never used 30 days
after creation, 1.b password not changed or account compromised, 1.c on request of the
agency managing the official, 1.d violation; 2. no login for 60 days since creation or the
last login: revoked."""

from odoo import api, fields, models
from odoo.exceptions import UserError

from .egov_guard import system_env

LOCK_KINDS = [
    ("auto_unused", "Never used after creation"),
    ("auto_inactive", "Revoked: no login for too long"),
    ("security", "Password not changed or account compromised"),
    ("request", "On request"),
    ("violation", "Violation"),
]


class EgovAccountLock(models.Model):
    _name = "egov.account.lock"
    _description = "Account Lock"
    _inherit = ["egov.guarded.mixin"]
    _order = "locked_at desc, id desc"
    _check_company_auto = True
    _rec_name = "user_id"

    _egov_system_fields = frozenset(
        {
            "user_id",
            "company_id",
            "kind",
            "reason",
            "locked_at",
            "locked_by_id",
            "unlocked_at",
            "unlocked_by_id",
            "unlock_reason",
        }
    )

    user_id = fields.Many2one(
        "res.users",
        string="Account",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
        context={"active_test": False},
    )
    login = fields.Char(related="user_id.login")
    company_id = fields.Many2one(
        "res.company", string="Agency", required=True, index=True, readonly=True
    )
    kind = fields.Selection(LOCK_KINDS, required=True, readonly=True)
    reason = fields.Text(required=True, readonly=True)
    locked_at = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    locked_by_id = fields.Many2one("res.users", readonly=True)
    unlocked_at = fields.Datetime(readonly=True)
    unlocked_by_id = fields.Many2one("res.users", readonly=True)
    unlock_reason = fields.Text(readonly=True)
    state = fields.Selection(
        [("locked", "Locked"), ("unlocked", "Unlocked")],
        compute="_compute_state",
        store=True,
    )

    @api.depends("unlocked_at")
    def _compute_state(self):
        for lock in self:
            lock.state = "unlocked" if lock.unlocked_at else "locked"

    def action_unlock(self):
        """Unlock the accounts of these locks (an administrator of their agency)."""
        self._egov_unlock(self.env._("Unlocked by the administrator."))
        return True

    def _egov_unlock(self, reason):
        for lock in self:
            lock.user_id._egov_check_account_admin()
            if lock.unlocked_at:
                raise UserError(
                    self.env._(
                        "The account %(login)s was already unlocked on %(date)s.",
                        login=lock.login,
                        date=fields.Datetime.to_string(lock.unlocked_at),
                    )
                )
        locks = system_env(self, sudo=True)
        locks.write(
            {
                "unlocked_at": fields.Datetime.now(),
                "unlocked_by_id": self.env.uid,
                "unlock_reason": reason,
            }
        )
        locks.user_id.write({"active": True})
