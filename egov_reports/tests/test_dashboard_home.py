from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .test_dashboard_common import CLERK, DashboardCase

DASHBOARD = "egov_reports.action_egov_dashboard"


@tagged("post_install", "-at_install")
class TestDashboardHome(HttpCase, DashboardCase):
    """After login each role lands on its dashboard, not in Discuss: the dashboard is the
    home action of egov users, and a home action a user chose stays his."""

    def _session_info_after_login(self, login):
        self.authenticate(login, login)
        return self.make_jsonrpc_request("/web/session/get_session_info", {})

    def test_every_role_lands_on_the_dashboard_after_logging_in(self):
        dashboard = self.env.ref(DASHBOARD)
        discuss = self.env.ref("mail.action_discuss")
        for user in (self.clerk_a, self.leader_a, self.unit_leader_a, self.officer_a):
            with self.subTest(login=user.login):
                info = self._session_info_after_login(user.login)
                self.assertEqual(info["home_action_id"], dashboard.id)
                self.assertNotEqual(info["home_action_id"], discuss.id)
                page = self.url_open("/odoo")
                self.assertEqual(page.status_code, 200)
                self.assertIn(f'"home_action_id": {dashboard.id}', page.text)

    def test_a_user_who_chose_another_home_action_keeps_it(self):
        incoming = self.env.ref("egov_documents.action_egov_document_incoming")
        user = new_test_user(self.env, login="own_home", groups="base.group_user")
        user.action_id = incoming.id
        user.groups_id |= self.env.ref(CLERK)
        self.assertEqual(user.action_id.id, incoming.id)
        self.assertEqual(self._session_info_after_login("own_home")["home_action_id"], incoming.id)

    def test_a_user_given_an_egov_role_gets_the_dashboard_others_do_not(self):
        user = new_test_user(self.env, login="new_staff", groups="base.group_user")
        self.assertFalse(user.action_id, "not an egov user: no egov home action")
        user.write({"groups_id": [(4, self.env.ref(CLERK).id)]})
        self.assertEqual(user.action_id.id, self.env.ref(DASHBOARD).id)

    def test_a_user_added_to_a_role_from_the_group_gets_the_dashboard(self):
        user = new_test_user(self.env, login="added_by_group", groups="base.group_user")
        self.env.ref(CLERK).write({"users": [(4, user.id)]})
        self.assertEqual(user.action_id.id, self.env.ref(DASHBOARD).id)

    def test_existing_egov_users_get_the_dashboard_at_install(self):
        self.officer_b.action_id = False
        self.env["res.users"]._egov_set_dashboard_home_for_all()
        self.assertEqual(self.officer_b.action_id.id, self.env.ref(DASHBOARD).id)

    def _call_dashboard(self, companies):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw/egov.dashboard/egov_dashboard_tiles",
            {
                "model": "egov.dashboard",
                "method": "egov_dashboard_tiles",
                "args": [],
                "kwargs": {"context": {"allowed_company_ids": companies.ids}},
            },
        )

    def test_the_dashboard_over_rpc_counts_only_the_callers_agency(self):
        self.authenticate(self.clerk_b.login, self.clerk_b.login)
        tile_sets = self._call_dashboard(self.agency_b)
        counts = {tile["key"]: tile["count"] for s in tile_sets for tile in s["tiles"]}
        self.assertEqual(counts, {"to_register": 1, "to_number": 0, "to_issue": 0, "returned": 0})
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException) as caught:
            self._call_dashboard(self.agency_a | self.agency_b)
        self.assertEqual(str(caught.exception), "odoo.exceptions.AccessError")
