"""The account policy of the provincial regulations (Bến Tre QĐ 44/2017 Điều 6–7, 9.2.b;
Thái Bình QĐ 17/2019 Điều 4.5, 11), every number read from the agency's rule profile:

- the login format ``tencanhan.tendonvi`` (exceptions listed per agency);
- the password changed at the first login, and its minimum length through Odoo's own
  ``auth_password_policy``;
- an account never used N days after its creation locked, one without login for M days
  revoked (a batched cron), and locks on request or for a violation by an administrator;
  every lock logged in ``egov.account.lock`` with its reason, and reversible;
- one document role per user on the ordinary user form, and a per-agency administrator who
  manages only the accounts of his agency, through the private methods below.

The rules apply to what people do; the superuser's own setup (module data, migrations, test
fixtures, which run as the superuser) is exempt.
"""

import re
from datetime import datetime, time, timedelta

import pytz

from odoo import SUPERUSER_ID, Command, api, fields, models
from odoo.exceptions import AccessDenied, AccessError, UserError, ValidationError

from .egov_account_lock import LOCK_KINDS
from .egov_cron import check_scheduler, lock_batch
from .egov_guard import is_system, system_env

ROLE_GROUPS = {
    "officer": "egov_documents.group_egov_officer",
    "clerk": "egov_documents.group_egov_clerk",
    "unit_leader": "egov_documents.group_egov_unit_leader",
    "agency_leader": "egov_documents.group_egov_agency_leader",
}
#: the role a user shows when he holds several: the highest
ROLE_PRECEDENCE = ("agency_leader", "unit_leader", "clerk", "officer")
ROLES = [
    ("officer", "Officer"),
    ("clerk", "Clerk"),
    ("unit_leader", "Unit Leader"),
    ("agency_leader", "Agency Leader"),
]
ADMIN_GROUP = "egov_documents.group_egov_admin"
#: what an agency administrator may set on an account of his agency
ACCOUNT_FIELDS = ("name", "login", "email", "egov_role", "egov_is_admin")
DEFAULT_TZ = "Asia/Ho_Chi_Minh"

# The accounts the cron looks at: internal, active, of one agency, neither the superuser nor
# a settings administrator (locking those out would lock the province out of its database).
_CRON_ACCOUNTS = """active AND NOT share AND id != 1 AND company_id = %s
    AND NOT EXISTS (SELECT 1 FROM res_groups_users_rel g
                     WHERE g.uid = res_users.id AND g.gid = %s)"""
_LAST_UNLOCK = """(SELECT MAX(k.unlocked_at) FROM egov_account_lock k
                    WHERE k.user_id = res_users.id)"""
_UNUSED = f"""{_CRON_ACCOUNTS}
    AND NOT EXISTS (SELECT 1 FROM res_users_log l WHERE l.create_uid = res_users.id)
    AND GREATEST(create_date, {_LAST_UNLOCK}) < %s"""
_INACTIVE = f"""{_CRON_ACCOUNTS}
    AND GREATEST(create_date, (SELECT MAX(l.create_date) FROM res_users_log l
                                WHERE l.create_uid = res_users.id), {_LAST_UNLOCK}) < %s"""


def policy_applies(env):
    """The account rules apply to everyone but the superuser's own setup."""
    return env.uid != SUPERUSER_ID or is_system(env)


class ResUsers(models.Model):
    _inherit = "res.users"  # pylint: disable=consider-merging-classes-inherited

    egov_role = fields.Selection(
        ROLES,
        string="Document Role",
        compute="_compute_egov_role",
        inverse="_inverse_egov_role",
        help="The user's role in the electronic documents of the agency.",
    )
    egov_is_admin = fields.Boolean(
        string="Document Administrator",
        compute="_compute_egov_role",
        inverse="_inverse_egov_is_admin",
        help="Configures registers, document types and working calendars, and manages the "
        "accounts of the agency.",
    )
    egov_must_change_password = fields.Boolean(
        string="Must Change Password",
        readonly=True,
        copy=False,
        help="Set when the account is created or its password is set by an administrator: "
        "the user chooses his own password at the next login.",
    )
    egov_lock_ids = fields.One2many(
        "egov.account.lock", "user_id", string="Account Locks", readonly=True
    )
    egov_lock_id = fields.Many2one(
        "egov.account.lock", string="Current Lock", compute="_compute_egov_lock_id"
    )
    egov_lock_kind = fields.Selection(LOCK_KINDS, string="Locked", compute="_compute_egov_lock_id")

    # --- Roles -------------------------------------------------------------------------------
    @api.depends("groups_id")
    def _compute_egov_role(self):
        groups = {role: self.env.ref(xmlid) for role, xmlid in ROLE_GROUPS.items()}
        admin = self.env.ref(ADMIN_GROUP)
        for user in self:
            user.egov_role = next(
                (role for role in ROLE_PRECEDENCE if groups[role] in user.groups_id), False
            )
            user.egov_is_admin = admin in user.groups_id

    def _inverse_egov_role(self):
        groups = {role: self.env.ref(xmlid) for role, xmlid in ROLE_GROUPS.items()}
        for user in self:
            commands = [Command.unlink(group.id) for group in groups.values()]
            if user.egov_role:
                commands.append(Command.link(groups[user.egov_role].id))
            user.groups_id = commands

    def _inverse_egov_is_admin(self):
        admin = self.env.ref(ADMIN_GROUP)
        for user in self:
            if user.egov_is_admin != (admin in user.groups_id):
                command = Command.link if user.egov_is_admin else Command.unlink
                user.groups_id = [command(admin.id)]

    @api.depends("egov_lock_ids.state", "egov_lock_ids.kind")
    def _compute_egov_lock_id(self):
        for user in self:
            lock = user.egov_lock_ids.filtered(lambda lock: lock.state == "locked")[:1]
            user.egov_lock_id = lock
            user.egov_lock_kind = lock.kind

    # --- Login format and forced password change -------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not is_system(self.env) and any(
            "egov_must_change_password" in vals for vals in vals_list
        ):
            raise UserError(self._egov_flag_message())
        users = super().create(vals_list)
        if policy_applies(self.env):
            users._egov_check_login()
            forced = users.filtered(
                lambda user: not user.share and user._egov_profile().force_password_change
            )
            if forced:
                system_env(forced, sudo=True).write({"egov_must_change_password": True})
        return users

    def write(self, vals):
        if "egov_must_change_password" in vals and not is_system(self.env):
            raise UserError(self._egov_flag_message())
        result = super().write(vals)
        if {"login", "company_id"} & set(vals) and policy_applies(self.env):
            self._egov_check_login()
        return result

    def _egov_flag_message(self):
        return self.env._(
            "Whether a user must change his password is set by the system (at creation, when "
            "an administrator sets the password, and when the user changes it)."
        )

    def _egov_profile(self):
        """The rule profile of the user's agency (empty when none is configured)."""
        self.ensure_one()
        company = self.sudo().company_id
        return company._egov_rule_profile() if company else self.env["egov.rule.profile"]

    def _egov_check_login(self):
        """Logins follow the profile's format (tencanhan.tendonvi) unless the agency lists
        them as exceptions (Bến Tre Điều 6.1)."""
        for user in self.sudo():
            if user.share or not user.login or not user.company_id:
                continue
            profile = user._egov_profile()
            if not profile.login_pattern:
                continue
            if user.login.lower() in user.company_id._egov_login_exception_set():
                continue
            if not re.fullmatch(profile.login_pattern, user.login):
                raise ValidationError(
                    self.env._(
                        "The login %(login)s does not follow the format of %(regulation)s: "
                        "the person's name, a dot, then the unit's name (tencanhan.tendonvi), "
                        "in lowercase letters without accents and digits, e.g. nguyenvana.stp. "
                        "If this login must stay, the administrator lists it among the "
                        "agency's logins outside the format.",
                        login=user.login,
                        regulation=profile.regulation,
                    )
                )

    def _change_password(self, new_passwd):
        result = super()._change_password(new_passwd)
        for user in self:
            if user.id == self.env.uid:
                if user.egov_must_change_password:
                    system_env(user, sudo=True).write({"egov_must_change_password": False})
            elif policy_applies(self.env) and user._egov_profile().force_password_change:
                # a password an administrator set is known to him: the user replaces it
                system_env(user, sudo=True).write({"egov_must_change_password": True})
        return result

    # --- Password length through auth_password_policy ----------------------------------------
    @api.model
    def get_password_policy(self):
        policy = super().get_password_policy()
        profile = self.env.user._egov_profile()
        if profile:
            policy["minlength"] = profile.password_min_length
        return policy

    def _check_password_policy(self, passwords):
        """Odoo's password policy with the minimum length of the agency's rule profile."""
        if not policy_applies(self.env):
            return
        profiles = self.env["egov.rule.profile"].union(*(user._egov_profile() for user in self))
        if not profiles:
            return super()._check_password_policy(passwords)
        minlength = max(profiles.mapped("password_min_length"))
        for password in passwords:
            if password and len(password) < minlength:
                raise UserError(
                    self.env._(
                        "The password must have at least %(minimum)s characters (%(regulation)s)"
                        "; this one has %(count)s.",
                        minimum=minlength,
                        regulation=", ".join(profiles.mapped("regulation")),
                        count=len(password),
                    )
                )

    # --- The message a locked account sees at login -----------------------------------------
    @classmethod
    def _login(cls, db, credential, user_agent_env):
        try:
            return super()._login(db, credential, user_agent_env)
        except AccessDenied as error:
            if error.args != AccessDenied().args:
                raise
            message = cls._egov_locked_message(credential)
            if message:
                raise AccessDenied(message) from None
            raise

    @classmethod
    def _egov_locked_message(cls, credential):
        """Why the account is locked, told only to whoever knows its password."""
        login, password = credential.get("login"), credential.get("password")
        if credential.get("type", "password") != "password" or not login or not password:
            return None
        with cls.pool.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            user = (
                env[cls._name]
                .with_context(active_test=False)
                .search([("login", "=", login), ("active", "=", False)], limit=1)
            )
            lock = user.egov_lock_id
            if not lock:
                return None
            cr.execute("SELECT COALESCE(password, '') FROM res_users WHERE id = %s", [user.id])
            if not user._crypt_context().verify(password, cr.fetchone()[0]):
                return None
            env = env(context={"lang": user.lang or "en_US"})
            lock = lock.with_env(env)
            local = pytz.utc.localize(lock.locked_at).astimezone(
                pytz.timezone(user.tz or DEFAULT_TZ)
            )
            return env._(
                "This account is locked since %(date)s (%(kind)s): "
                "%(reason)s. Ask your agency's administrator to unlock it.",
                date=local.strftime("%d/%m/%Y %H:%M"),
                kind=dict(lock._fields["kind"]._description_selection(env))[lock.kind],
                reason=lock.reason,
            )

    # --- Locks ---------------------------------------------------------------------------------
    def _egov_check_account_admin(self):
        """The caller manages these accounts: a settings user manager any account; an
        agency's document administrator only the internal accounts of his agencies, never
        one of a settings administrator."""
        caller = self.env.user
        if caller._is_superuser() or caller.has_group("base.group_erp_manager"):
            return
        if not caller.has_group(ADMIN_GROUP):
            raise AccessError(
                self.env._("Only an administrator manages the accounts of an agency.")
            )
        for user in self.sudo().with_context(active_test=False):
            if (
                user.share
                or user.company_id not in caller.company_ids
                or user.company_ids - caller.company_ids
                or user.has_group("base.group_erp_manager")
            ):
                raise AccessError(
                    self.env._(
                        "An agency's administrator manages only the accounts of his own agency."
                    )
                )

    def _egov_lock(self, kind, reason):
        """Lock these accounts with ``reason``: ``request`` or ``violation`` by an
        administrator of their agency, ``auto_unused``/``auto_inactive`` by the cron."""
        if kind not in dict(LOCK_KINDS):
            raise UserError(self.env._("Unknown kind of lock: %(kind)s.", kind=kind))
        if kind.startswith("auto_"):
            check_scheduler(self.env)
        else:
            self._egov_check_account_admin()
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason of the lock."))
        users = self.sudo().with_context(active_test=False)
        for user in users:
            if user.id in (SUPERUSER_ID, self.env.uid):
                raise UserError(self.env._("You cannot lock your own account or the system's."))
            if not user.active:
                raise UserError(
                    self.env._("The account %(login)s is already locked.", login=user.login)
                )
        now = fields.Datetime.now()
        system_env(self.env["egov.account.lock"], sudo=True).create(
            [
                {
                    "user_id": user.id,
                    "company_id": user.company_id.id,
                    "kind": kind,
                    "reason": reason.strip(),
                    "locked_at": now,
                    "locked_by_id": self.env.uid,
                }
                for user in users
            ]
        )
        system_env(users, sudo=True).write({"active": False})
        return True

    def action_egov_unlock(self):
        """Unlock these accounts (an administrator of their agency)."""
        self._egov_check_account_admin()
        locks = self.sudo().with_context(active_test=False).egov_lock_id
        if not locks:
            raise UserError(self.env._("These accounts are not locked."))
        locks.with_env(self.env)._egov_unlock(self.env._("Unlocked by the administrator."))
        return True

    @api.model
    def _cron_egov_account_policy(self, batch_size=500):
        """Lock the accounts never used N days after their creation (or their last unlock),
        revoke those without login for M days; N and M from each agency's rule profile,
        counted in whole days of the agency's calendar (locked on day N + 1)."""
        check_scheduler(self.env)
        system_group = self.env.ref("base.group_system").id
        now = fields.Datetime.now()
        agencies = (
            self.sudo()
            .with_context(active_test=True)
            ._read_group([("share", "=", False)], ["company_id"])
        )
        for (company,) in agencies:
            profile = company._egov_rule_profile()
            if not profile:
                continue
            tz = pytz.timezone(company.resource_calendar_id.tz or DEFAULT_TZ)
            today = pytz.utc.localize(now).astimezone(tz).date()

            def day_start(days, tz=tz, today=today):
                start = tz.localize(datetime.combine(today - timedelta(days=days), time.min))
                return start.astimezone(pytz.utc).replace(tzinfo=None)

            rules = (
                (
                    "auto_unused",
                    _UNUSED,
                    profile.lock_unused_days,
                    self.env._(
                        "Never logged in within %(days)s days of its creation (%(regulation)s).",
                        days=profile.lock_unused_days,
                        regulation=profile.regulation,
                    ),
                ),
                (
                    "auto_inactive",
                    _INACTIVE,
                    profile.revoke_inactive_days,
                    self.env._(
                        "No login for %(days)s days: access revoked (%(regulation)s).",
                        days=profile.revoke_inactive_days,
                        regulation=profile.regulation,
                    ),
                ),
            )
            for kind, condition, days, reason in rules:
                if days <= 0:
                    continue
                params = [company.id, system_group, day_start(days)]
                while users := lock_batch(self, condition, params, "id", batch_size):
                    users._egov_lock(kind, reason)
        return True

    # --- Accounts managed by the agency's administrator --------------------------------------
    @api.model
    def _egov_create_account(self, vals):
        """Create an account of the caller's current agency with ``vals`` (name, login,
        email, role, administrator) and optionally ``password``."""
        company = self.env.company
        caller = self.env.user
        if not (caller.has_group("base.group_erp_manager") or caller._is_superuser()) and (
            not caller.has_group(ADMIN_GROUP) or company not in caller.company_ids
        ):
            raise AccessError(
                self.env._("Only an administrator manages the accounts of an agency.")
            )
        values = {name: vals[name] for name in ACCOUNT_FIELDS if name in vals}
        values.update(company_id=company.id, company_ids=[Command.set(company.ids)])
        user = system_env(self, sudo=True).create(values)
        if vals.get("password"):
            user._change_password(vals["password"])
        return user.with_env(self.env)

    def _egov_update_account(self, vals):
        """Change the account fields an agency administrator manages."""
        self._egov_check_account_admin()
        values = {name: vals[name] for name in ACCOUNT_FIELDS if name in vals}
        users = system_env(self, sudo=True).with_context(active_test=False)
        if values:
            users.write(values)
        if vals.get("password"):
            users._change_password(vals["password"])
        return True

    def action_egov_edit_account(self):
        """Open the account form of the agency administrator on this user."""
        self.ensure_one()
        self._egov_check_account_admin()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Account"),
            "res_model": "egov.account.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"egov_account_user_id": self.id},
        }

    def action_egov_lock_wizard(self):
        """Ask the kind and reason of a lock of these accounts."""
        self._egov_check_account_admin()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Lock Account"),
            "res_model": "egov.account.lock.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_user_ids": self.ids},
        }
