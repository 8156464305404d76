"""The account policy (Bến Tre QĐ 44/2017 Điều 6–7, 9.2.b; Thái Bình QĐ 17/2019 Điều 4.5, 11)
under two rule profiles whose numbers differ: Tây Ninh's (QĐ 52/2019, no account rule) and
Bến Tre's (login format, first-login change, lock after 30 days unused, revoke after 60)."""

import json
import re
from contextlib import contextmanager

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from .rpc_common import RpcCase

ADMIN = "egov_documents.group_egov_admin"


class AccountPolicyCommon:
    @classmethod
    def _setup_agencies(cls):
        cls.tay_ninh = cls.env.ref("egov_documents.rule_profile_tay_ninh")
        cls.ben_tre = cls.env.ref("egov_documents.rule_profile_ben_tre")
        calendar = cls.env.ref("egov_documents.resource_calendar_egov_office_hours")
        Company = cls.env["res.company"]
        cls.agency_bt = Company.create(
            {
                "name": "Sở Tư pháp tỉnh Bến Tre",
                "resource_calendar_id": calendar.id,
                "egov_rule_profile_id": cls.ben_tre.id,
            }
        )
        cls.agency_bt2 = Company.create(
            {
                "name": "Sở Nội vụ tỉnh Bến Tre",
                "resource_calendar_id": calendar.id,
                "egov_rule_profile_id": cls.ben_tre.id,
            }
        )
        cls.agency_tn = Company.create(
            {
                "name": "Sở Tư pháp tỉnh Tây Ninh",
                "resource_calendar_id": calendar.id,
                "egov_rule_profile_id": cls.tay_ninh.id,
            }
        )
        cls.admin_bt = cls._user("quantri.stp", cls.agency_bt, ADMIN)
        cls.admin_bt2 = cls._user("quantri.snv", cls.agency_bt2, ADMIN)
        cls.admin_tn = cls._user("quantri.stptn", cls.agency_tn, ADMIN)
        cls.officer_bt = cls._user(
            "nguyenvana.stp", cls.agency_bt, "egov_documents.group_egov_officer"
        )
        cls.officer_bt2 = cls._user(
            "tranthib.snv", cls.agency_bt2, "egov_documents.group_egov_officer"
        )

    @classmethod
    def _user(cls, login, company, groups):
        return new_test_user(
            cls.env,
            login=login,
            name=login,
            password=f"{login}-Pw2026",
            groups=groups,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
            tz="Asia/Ho_Chi_Minh",
        )


@tagged("post_install", "-at_install")
class TestAccountPolicy(AccountPolicyCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_agencies()

    @contextmanager
    def _refused_with(self, exception, pattern):
        """Refused with a message matching ``pattern``, the transaction rolled back to
        before the attempt (as a request's would be)."""
        with self.assertRaises(exception) as caught:
            yield
        self.assertRegex(str(caught.exception), pattern)

    def _create(self, admin, login, **vals):
        Users = self.env["res.users"].with_user(admin).with_company(admin.company_id)
        return Users._egov_create_account({"name": login.title(), "login": login, **vals})

    def _backdate(self, user, created):
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE res_users SET create_date = %s WHERE id = %s", [created, user.id]
        )
        self.env.invalidate_all()

    def _logged_in(self, user, when):
        self.env.flush_all()
        self.env.cr.execute(
            """INSERT INTO res_users_log (create_uid, write_uid, create_date, write_date)
               VALUES (%s, %s, %s, %s)""",
            [user.id, user.id, when, when],
        )
        self.env.invalidate_all()

    def _run_cron(self, when):
        with freeze_time(when):
            self.env["res.users"]._cron_egov_account_policy()
        self.env.invalidate_all()

    # --- Login format (Bến Tre Điều 6) ----------------------------------------------------
    def test_ben_tre_6_login_format_refused_with_clear_message(self):
        for bad in ("Nguyen Van A", "nguyenvana", "nguyễnvăna.stp", "nguyen.van.a"):
            with (
                self.subTest(login=bad),
                self._refused_with(ValidationError, "tencanhan.tendonvi"),
            ):
                self._create(self.admin_bt, bad)
        self.assertFalse(
            self.env["res.users"]
            .with_context(active_test=False)
            .search([("name", "=", "Nguyen Van A")])
        )
        user = self._create(self.admin_bt, "lethic.stp")
        self.assertEqual(user.sudo().company_id, self.agency_bt)
        # renaming goes through the same rule
        with self._refused_with(ValidationError, "tencanhan.tendonvi"):
            user.with_user(self.admin_bt)._egov_update_account({"login": "le_thi_c"})
        self.assertEqual(user.sudo().login, "lethic.stp")

    def test_ben_tre_6_login_exceptions_per_agency(self):
        self.agency_bt.egov_login_exceptions = "vanthu\nketnoi_truc"
        self.assertTrue(self._create(self.admin_bt, "vanthu"))
        with self._refused_with(ValidationError, "tencanhan.tendonvi"):
            self._create(self.admin_bt2, "ketnoi_truc")

    def test_tay_ninh_no_login_format(self):
        user = self._create(self.admin_tn, "clerk_x")
        self.assertEqual(user.sudo().login, "clerk_x")
        self.assertFalse(user.sudo().egov_must_change_password)

    # --- First login and password length (Bến Tre Điều 7) -------------------------------------
    def test_ben_tre_7_new_account_must_change_password(self):
        user = self._create(self.admin_bt, "phamvand.stp", password="Matkhau@2026")
        self.assertTrue(user.sudo().egov_must_change_password)
        # the user changes it: the flag goes
        user.with_user(user).change_password("Matkhau@2026", "Riengtoi#2026")
        self.assertFalse(user.sudo().egov_must_change_password)
        # a password set again by the administrator must be replaced again
        user.with_user(self.admin_bt)._egov_update_account({"password": "Capmoi@2026"})
        self.assertTrue(user.sudo().egov_must_change_password)
        # nobody clears the flag by hand, not even the user himself
        with self.assertRaises(UserError):
            user.with_user(user).write({"egov_must_change_password": False})

    def test_password_min_length_from_profile(self):
        self.assertEqual(
            self.env["res.users"].with_user(self.officer_bt).get_password_policy()["minlength"], 8
        )
        with self._refused_with(UserError, "at least 8 characters"):
            self._create(self.admin_bt, "hoangvane.stp", password="Ngan@1")
        self.assertFalse(self.env["res.users"].search([("login", "=", "hoangvane.stp")]))
        self.ben_tre.password_min_length = 14
        self.assertEqual(
            self.env["res.users"].with_user(self.officer_bt).get_password_policy()["minlength"], 14
        )
        with self._refused_with(UserError, "at least 14 characters"):
            self._create(self.admin_bt, "hoangvane.stp", password="Matkhau@2026")
        self.assertTrue(self._create(self.admin_bt, "hoangvane.stp", password="Matkhau@2026!!"))

    # --- Locks by the cron (Bến Tre Điều 7.1.a, 7.2) ------------------------------------------
    def test_ben_tre_7_1_unused_account_locked_on_day_31_not_30(self):
        user = self._create(self.admin_bt, "vothif.stp")
        self._backdate(user, "2026-10-01 02:00:00")  # 09:00 on 1 October, Hồ Chí Minh time
        self._run_cron("2026-10-31 16:00:00")  # 23:00 on day 30
        self.assertTrue(user.sudo().active)
        self._run_cron("2026-11-01 01:00:00")  # 08:00 on day 31
        self.assertFalse(user.sudo().active)
        lock = user.sudo().egov_lock_id
        self.assertEqual((lock.kind, lock.company_id), ("auto_unused", self.agency_bt))
        self.assertIn("30 days", lock.reason)
        self.assertIn("44/2017", lock.reason)

    def test_ben_tre_7_1_number_read_from_profile(self):
        self.ben_tre.lock_unused_days = 45
        user = self._create(self.admin_bt, "vothif.stp")
        self._backdate(user, "2026-10-01 02:00:00")
        self._run_cron("2026-11-01 01:00:00")  # day 31: under 45 days
        self.assertTrue(user.sudo().active)
        self._run_cron("2026-11-16 01:00:00")  # day 46
        self.assertFalse(user.sudo().active)

    def test_tay_ninh_no_automatic_lock(self):
        user = self._create(self.admin_tn, "vothif.stptn")
        self._backdate(user, "2026-01-01 02:00:00")
        self._run_cron("2026-11-01 01:00:00")
        self.assertTrue(user.sudo().active)
        self.assertFalse(user.sudo().egov_lock_ids)

    def test_ben_tre_7_2_no_login_revoked_on_day_61_not_60(self):
        user = self.officer_bt
        self._backdate(user, "2026-01-05 02:00:00")
        self._logged_in(user, "2026-09-01 03:00:00")
        self._run_cron("2026-10-31 16:00:00")  # day 60 after the login
        self.assertTrue(user.active)
        self._run_cron("2026-11-01 01:00:00")  # day 61
        self.assertFalse(user.active)
        self.assertEqual(user.egov_lock_id.kind, "auto_inactive")
        self.assertIn("60 days", user.egov_lock_id.reason)

    def test_ben_tre_7_2_never_logged_in_revoked_61_days_after_creation(self):
        self.ben_tre.lock_unused_days = 0  # only Điều 7.2 applies
        user = self._create(self.admin_bt, "vothif.stp")
        self._backdate(user, "2026-09-01 02:00:00")
        self._run_cron("2026-10-31 16:00:00")  # day 60 after creation
        self.assertTrue(user.sudo().active)
        self._run_cron("2026-11-01 01:00:00")  # day 61
        self.assertEqual(user.sudo().egov_lock_id.kind, "auto_inactive")

    def test_ben_tre_7_2_login_resets_the_clock(self):
        user = self.officer_bt
        self._backdate(user, "2026-01-05 02:00:00")
        self._logged_in(user, "2026-09-01 03:00:00")
        self._logged_in(user, "2026-10-20 03:00:00")
        self._run_cron("2026-11-01 01:00:00")
        self.assertTrue(user.active)
        self._run_cron("2026-12-20 01:00:00")  # day 61 after the last login
        self.assertFalse(user.active)

    def test_ben_tre_unlock_restarts_the_clock(self):
        user = self._create(self.admin_bt, "vothif.stp")
        self._backdate(user, "2026-10-01 02:00:00")
        self._run_cron("2026-11-01 01:00:00")
        with freeze_time("2026-11-02 02:00:00"):
            user.sudo().egov_lock_id.with_user(self.admin_bt).action_unlock()
        self._run_cron("2026-11-03 01:00:00")
        self.assertTrue(user.sudo().active)
        self._run_cron("2026-12-03 01:00:00")  # day 31 after the unlock, still never used
        self.assertFalse(user.sudo().active)
        self.assertEqual(len(user.sudo().egov_lock_ids), 2)

    def test_cron_run_by_the_scheduler_only(self):
        with self.assertRaises(AccessError):
            self.env["res.users"].with_user(self.admin_bt)._cron_egov_account_policy()

    # --- Locks by an administrator, logged and reversible (Bến Tre Điều 7.3, 9.2.b) ------------
    def test_ben_tre_9_2_b_lock_on_request_or_violation_with_reason(self):
        wizard = self.env["egov.account.lock.wizard"].with_user(self.admin_bt)
        with self._refused_with(UserError, "reason"):
            self.officer_bt.with_user(self.admin_bt)._egov_lock("violation", "  ")
        self.assertTrue(self.officer_bt.active)
        wizard.create(
            {
                "user_ids": [Command.set(self.officer_bt.ids)],
                "kind": "violation",
                "reason": "Chia sẻ mật khẩu",
            }
        ).action_confirm()
        self.assertFalse(self.officer_bt.active)
        lock = self.officer_bt.egov_lock_id
        self.assertEqual(
            (lock.kind, lock.reason, lock.locked_by_id, lock.company_id),
            ("violation", "Chia sẻ mật khẩu", self.admin_bt, self.agency_bt),
        )
        with self._refused_with(UserError, "already locked"):
            self.officer_bt.with_user(self.admin_bt)._egov_lock("request", "Nghỉ phép")
        self.officer_bt.with_user(self.admin_bt).action_egov_unlock()
        self.assertTrue(self.officer_bt.active)
        self.assertEqual((lock.state, lock.unlocked_by_id), ("unlocked", self.admin_bt))

    def test_lock_report_per_agency(self):
        self.officer_bt.with_user(self.admin_bt)._egov_lock("request", "Theo đề nghị")
        self.officer_bt2.with_user(self.admin_bt2)._egov_lock("violation", "Vi phạm")
        Locks = self.env["egov.account.lock"].with_user(self.admin_bt)
        self.assertEqual(Locks.search([]).company_id, self.agency_bt)
        groups = self.env["egov.account.lock"].read_group([], ["company_id"], ["company_id"])
        counts = {group["company_id"][0]: group["company_id_count"] for group in groups}
        self.assertEqual((counts[self.agency_bt.id], counts[self.agency_bt2.id]), (1, 1))

    def test_agency_admin_manages_only_his_agency(self):
        with self.assertRaises(AccessError):
            self.officer_bt2.with_user(self.admin_bt)._egov_lock("request", "Thử")
        with self.assertRaises(AccessError):
            self.officer_bt2.with_user(self.admin_bt)._egov_update_account({"egov_role": "clerk"})
        with self.assertRaises(AccessError):
            self.officer_bt.with_user(self.officer_bt2)._egov_lock("request", "Thử")
        self.assertTrue(self.officer_bt2.active)
        self.assertEqual(self.officer_bt2.egov_role, "officer")

    # --- Roles on the ordinary user form --------------------------------------------------------
    def test_roles_one_selection_on_the_user_form(self):
        manager = new_test_user(
            self.env,
            login="quantri.tinh",
            groups="base.group_erp_manager,base.group_user",
            company_id=self.agency_bt.id,
            company_ids=[Command.set(self.agency_bt.ids)],
        )
        user = self.officer_bt.with_user(manager)
        ref = self.env.ref
        user.egov_role = "clerk"
        self.assertEqual(user.egov_role, "clerk")
        self.assertIn(ref("egov_documents.group_egov_clerk"), user.groups_id)
        user.egov_role = "agency_leader"
        self.assertFalse(ref("egov_documents.group_egov_clerk") in user.groups_id)
        self.assertIn(ref("egov_documents.group_egov_unit_leader"), user.groups_id)
        user.egov_is_admin = True
        self.assertTrue(user.has_group(ADMIN))
        form = self.env.ref("base.view_users_form")
        arch = self.env["res.users"].get_views([(form.id, "form")])["views"]["form"]["arch"]
        self.assertRegex(arch, r'<field name="egov_role"')
        self.assertEqual(arch.count("<header"), 1)
        self.assertNotRegex(arch, r'<group[^>]*groups="base.group_no_one"[^>]*name="egov_account"')

    def test_agency_admin_assigns_roles_never_settings(self):
        user = self.officer_bt.with_user(self.admin_bt)
        user._egov_update_account(
            {
                "egov_role": "clerk",
                "groups_id": [Command.link(self.env.ref("base.group_system").id)],
            }
        )
        self.assertEqual(self.officer_bt.egov_role, "clerk")
        self.assertFalse(self.officer_bt.has_group("base.group_system"))


@tagged("post_install", "-at_install")
class TestAccountPolicyHttp(AccountPolicyCommon, HttpCase):
    """What a user sees at the login page: the forced change, the locked account."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_agencies()

    def _token(self, url):
        page = self.url_open(url).text
        return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)

    def _login(self, login, password):
        return self.url_open(
            "/web/login",
            data={"login": login, "password": password, "csrf_token": self._token("/web/login")},
        )

    def test_ben_tre_7_password_change_forced_at_first_login(self):
        Users = self.env["res.users"].with_user(self.admin_bt).with_company(self.agency_bt)
        user = Users._egov_create_account(
            {"name": "Phạm Văn D", "login": "phamvand.stp", "password": "Matkhau@2026"}
        )
        self.assertEqual(
            self._login("phamvand.stp", "Matkhau@2026").request.path_url, "/egov/change_password"
        )
        self.assertEqual(self.url_open("/odoo").request.path_url, "/egov/change_password")
        # nor over JSON-RPC: the administrator who gave the password cannot work as the user
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": "egov.document",
                        "method": "search_read",
                        "args": [[]],
                        "kwargs": {"fields": ["subject"]},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertIn("Change the password", response.json()["error"]["data"]["message"])

        def change(old, new, confirm=None):
            return self.url_open(
                "/egov/change_password",
                data={
                    "old_password": old,
                    "new_password": new,
                    "confirm_password": confirm or new,
                    "csrf_token": self._token("/egov/change_password"),
                },
            )

        self.assertIn(
            "confirmation differ", change("Matkhau@2026", "Riengtoi#2026", "Khac#2026").text
        )
        self.assertIn("at least 8 characters", change("Matkhau@2026", "Ngan@1").text)
        self.assertIn("current password is wrong", change("Sai@20266", "Riengtoi#2026").text)
        self.assertTrue(user.sudo().egov_must_change_password)
        self.assertEqual(change("Matkhau@2026", "Riengtoi#2026").request.path_url, "/odoo")
        self.env.invalidate_all()
        self.assertFalse(user.sudo().egov_must_change_password)
        self.url_open("/web/session/logout")
        self.assertEqual(self._login("phamvand.stp", "Riengtoi#2026").request.path_url, "/odoo")

    def test_tay_ninh_first_login_not_forced(self):
        Users = self.env["res.users"].with_user(self.admin_tn).with_company(self.agency_tn)
        Users._egov_create_account(
            {"name": "Clerk X", "login": "clerk_x", "password": "Matkhau@2026"}
        )
        self.assertEqual(self._login("clerk_x", "Matkhau@2026").request.path_url, "/odoo")

    def test_ben_tre_locked_account_told_why_at_login(self):
        self.officer_bt.with_user(self.admin_bt)._egov_lock(
            "violation", "Chia sẻ mật khẩu cho người khác"
        )
        page = self._login("nguyenvana.stp", "nguyenvana.stp-Pw2026").text
        self.assertIn("This account is locked since", page)
        self.assertIn("Chia sẻ mật khẩu cho người khác", page)
        # without its password, nothing is told about the account
        page = self._login("nguyenvana.stp", "wrong-password").text
        self.assertIn("Wrong login/password", page)
        self.assertNotIn("Chia sẻ", page)
        self.officer_bt.egov_lock_id.with_user(self.admin_bt).action_unlock()
        self.assertEqual(
            self._login("nguyenvana.stp", "nguyenvana.stp-Pw2026").request.path_url, "/odoo"
        )


@tagged("post_install", "-at_install")
class TestAccountPolicyRpc(AccountPolicyCommon, HttpCase):
    """An agency administrator attacking over JSON-RPC: other agencies' accounts, the
    settings groups, the private methods."""

    _counter = RpcCase._counter
    _post_json = RpcCase._post_json
    rpc = RpcCase.rpc

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_agencies()

    def _as(self, user):
        self.authenticate(user.login, f"{user.login}-Pw2026")
        self.rpc_user = user

    def _refused(self, model, method, *args, **kwargs):
        result, error = self.rpc(model, method, *args, **kwargs)
        self.assertTrue(error, f"{model}.{method} was accepted: {result}")
        self.assertTrue(error.clean, f"{model}.{method} crashed: {error.name} {error}")
        return error

    def test_agency_admin_cannot_reach_other_agency_or_settings(self):
        self._as(self.admin_bt)
        system_group = self.env.ref("base.group_system").id
        other, own = self.officer_bt2.id, self.officer_bt.id
        self._refused("res.users", "write", [other], {"name": "Đổi tên"})
        self._refused("res.users", "write", [own], {"groups_id": [Command.link(system_group)]})
        self._refused("res.users", "write", [own], {"egov_role": "agency_leader"})
        self._refused("res.users", "_egov_update_account", [other], {"egov_role": "clerk"})
        self._refused("res.users", "_egov_lock", [other], "request", "Thử")
        self._refused("res.users", "action_egov_lock_wizard", [other])
        self._refused("res.users", "action_egov_edit_account", [other])
        wizard, error = self.rpc(
            "egov.account.wizard",
            "create",
            {"user_id": other, "name": "X", "login": "x.snv", "egov_role": "agency_leader"},
        )
        if not error:
            self._refused("egov.account.wizard", "action_confirm", [wizard])
        wizard, error = self.rpc(
            "egov.account.lock.wizard",
            "create",
            {"user_ids": [Command.set([other])], "kind": "request", "reason": "Thử"},
        )
        if not error:
            self._refused("egov.account.lock.wizard", "action_confirm", [wizard])
        self._refused("res.users", "write", [self.admin_bt.id], {"egov_must_change_password": True})
        self.env.invalidate_all()
        other_user = self.officer_bt2.sudo()
        self.assertTrue(other_user.active)
        self.assertEqual((other_user.name, other_user.egov_role), ("tranthib.snv", "officer"))
        self.assertFalse(self.officer_bt.has_group("base.group_system"))

    def test_agency_admin_manages_his_agency_over_rpc(self):
        self._as(self.admin_bt)
        wizard, error = self.rpc(
            "egov.account.wizard",
            "create",
            {
                "name": "Lê Văn G",
                "login": "levang.stp",
                "egov_role": "clerk",
                "password": "Matkhau@2026",
            },
        )
        self.assertFalse(error)
        _result, error = self.rpc("egov.account.wizard", "action_confirm", [wizard])
        self.assertFalse(error)
        user = self.env["res.users"].search([("login", "=", "levang.stp")])
        self.assertEqual((user.company_ids, user.egov_role), (self.agency_bt, "clerk"))
        self.assertTrue(user.egov_must_change_password)
        # a login out of the format is refused with the rule's message
        wizard, _error = self.rpc(
            "egov.account.wizard",
            "create",
            {"name": "Bad", "login": "Le Van H", "egov_role": "officer"},
        )
        error = self._refused("egov.account.wizard", "action_confirm", [wizard])
        self.assertIn("tencanhan.tendonvi", error)
        # another admin's lock list stays his
        self.officer_bt2.with_user(self.admin_bt2)._egov_lock("request", "Theo đề nghị")
        lock = self.officer_bt2.sudo().egov_lock_id
        self._refused("egov.account.lock", "action_unlock", [lock.id])
        result, _error = self.rpc("egov.account.lock", "search_read", [], ["id"])
        self.assertNotIn(lock.id, [row["id"] for row in result or []])
        self.env.invalidate_all()
        self.assertFalse(self.officer_bt2.active)
