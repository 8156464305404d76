from odoo.tests import HttpCase, tagged

from .test_dashboard_common import DashboardCase


@tagged("post_install", "-at_install")
class TestDashboardTours(HttpCase, DashboardCase):
    """In the browser, each role logs in, lands on its dashboard and opens a counter's
    list, which has as many rows as the counter says (static/tests/tours)."""

    def test_clerk_lands_on_the_dashboard_and_opens_documents_to_register(self):
        self.start_tour("/odoo", "egov_reports_dashboard_clerk", login=self.clerk_a.login)

    def test_agency_leader_lands_on_the_dashboard_and_opens_documents_to_sign(self):
        self.start_tour("/odoo", "egov_reports_dashboard_agency_leader", login=self.leader_a.login)

    def test_unit_leader_lands_on_the_dashboard_and_opens_work_to_assign(self):
        self.start_tour(
            "/odoo", "egov_reports_dashboard_unit_leader", login=self.unit_leader_a.login
        )

    def test_officer_lands_on_the_dashboard_and_opens_his_work(self):
        self.start_tour("/odoo", "egov_reports_dashboard_officer", login=self.officer_a.login)
