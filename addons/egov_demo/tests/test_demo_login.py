from odoo.tests import HttpCase, get_db_name, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.egov_demo.hooks import DEMO_PASSWORD

from .common import DEMO_ROLES

INCOMING_LIST = "/odoo/action-egov_documents.action_egov_document_incoming"


@tagged("post_install", "-at_install")
class TestDemoLogin(HttpCase):
    """Every demo user logs in with the documented demo password, through the real login."""

    def _authenticate(self, login, password):
        return self.make_jsonrpc_request(
            "/web/session/authenticate",
            {"db": get_db_name(), "login": login, "password": password},
        )

    def test_every_demo_user_logs_in_with_the_demo_password(self):
        for roles in DEMO_ROLES.values():
            for login in roles.values():
                user = self.env["res.users"].search([("login", "=", login)])
                with self.subTest(login=login):
                    session_info = self._authenticate(login, DEMO_PASSWORD)
                    self.assertEqual(session_info["uid"], user.id)
                    self.assertEqual(session_info["user_context"]["lang"], "vi_VN")

    def test_a_wrong_password_is_refused(self):
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException) as caught:
            self._authenticate("lan.snv", "not-the-demo-password")
        self.assertEqual(str(caught.exception), "odoo.exceptions.AccessDenied")


@tagged("post_install", "-at_install")
class TestDemoClerkBrowser(HttpCase):
    def test_clerk_of_so_noi_vu_opens_the_incoming_list_in_vietnamese(self):
        self.start_tour(INCOMING_LIST, "egov_demo_clerk_incoming_list", login="lan.snv")
