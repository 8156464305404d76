from odoo.tests import new_test_user, tagged

from .test_dashboard_common import CLERK, UNIT_LEADER, DashboardCase


@tagged("post_install", "-at_install")
class TestDashboardCounters(DashboardCase):
    """Each role's counters (NĐ 30/2020: the clerk registers, numbers and issues; the
    leader directs and signs; units and officers handle by their deadlines) count exactly
    what the list they open shows, through the user's own record rules."""

    def _assert_counters(self, user, expected, companies=None):
        tiles = self._tiles(user, companies)
        self.assertEqual({key: tile["count"] for key, tile in tiles.items()}, expected)
        for key, tile in tiles.items():
            with self.subTest(user=user.login, tile=key):
                self.assertEqual(tile["count"], len(self._listed(user, tile, companies)))
        return tiles

    def test_clerk_counts_documents_to_register_number_issue_and_returned(self):
        tiles = self._assert_counters(
            self.clerk_a, {"to_register": 2, "to_number": 1, "to_issue": 1, "returned": 1}
        )
        self.assertEqual(self._listed(self.clerk_a, tiles["to_register"]), self.arrived_a)
        self.assertEqual(self._listed(self.clerk_a, tiles["to_number"]), self.signed_a)
        self.assertEqual(self._listed(self.clerk_a, tiles["to_issue"]), self.numbered_a)
        self.assertEqual(self._listed(self.clerk_a, tiles["returned"]), self.returned_a)

    def test_two_agencies_never_mix_their_counters(self):
        self._assert_counters(
            self.clerk_b, {"to_register": 1, "to_number": 0, "to_issue": 0, "returned": 0}
        )
        self._assert_counters(
            self.leader_b,
            {
                "awaiting_directive": 0,
                "awaiting_opinion": 0,
                "awaiting_signature": 0,
                "agency_overdue": 0,
            },
        )

    def test_clerk_of_two_agencies_counts_only_the_agencies_selected_in_his_session(self):
        clerk = self._create_user("clerk_ab", self.agency_a, CLERK)
        clerk.company_ids = self.agency_a | self.agency_b
        self.assertEqual(self._tiles(clerk, self.agency_a)["to_register"]["count"], 2)
        self.assertEqual(self._tiles(clerk, self.agency_b)["to_register"]["count"], 1)
        self._assert_counters(
            clerk,
            {"to_register": 3, "to_number": 1, "to_issue": 1, "returned": 1},
            self.agency_a | self.agency_b,
        )

    def test_leader_counts_documents_awaiting_directive_opinion_signature_and_overdue(self):
        tiles = self._assert_counters(
            self.leader_a,
            {
                "awaiting_directive": 1,
                "awaiting_opinion": 1,
                "awaiting_signature": 1,
                "agency_overdue": 1,
            },
        )
        self.assertEqual(self._listed(self.leader_a, tiles["awaiting_directive"]), self.presented_a)
        self.assertEqual(self._listed(self.leader_a, tiles["awaiting_opinion"]), self.opinion_a)
        self.assertEqual(self._listed(self.leader_a, tiles["awaiting_signature"]), self.to_sign_a)
        self.assertEqual(self._listed(self.leader_a, tiles["agency_overdue"]), self.distributed_a)

    def test_unit_leader_counts_work_to_assign_drafts_to_visa_and_overdue_of_the_unit(self):
        tiles = self._assert_counters(
            self.unit_leader_a, {"to_assign": 1, "awaiting_opinion": 1, "unit_overdue": 1}
        )
        lead = self.distributed_a.assignment_ids.filtered(lambda a: a.role == "lead")
        self.assertEqual(self._listed(self.unit_leader_a, tiles["to_assign"]), lead)
        self.assertEqual(self._listed(self.unit_leader_a, tiles["unit_overdue"]), lead)
        # his visa is asked on the draft that also waits for the leader's opinion
        self.assertEqual(
            self._listed(self.unit_leader_a, tiles["awaiting_opinion"]), self.opinion_a
        )

    def test_officer_counts_his_work_due_soon_overdue_and_drafts_sent_back(self):
        tiles = self._assert_counters(
            self.officer_a, {"my_work": 1, "due_soon": 1, "overdue": 0, "drafts_returned": 1}
        )
        self.assertEqual(self._listed(self.officer_a, tiles["drafts_returned"]), self.sent_back_a)

    def test_each_role_sees_its_own_tile_set_and_several_roles_see_each_set(self):
        def set_keys(user):
            return [tile_set["key"] for tile_set in self._dashboard(user).egov_dashboard_tiles()]

        self.assertEqual(set_keys(self.clerk_a), ["clerk"])
        self.assertEqual(set_keys(self.leader_a), ["agency_leader"])
        self.assertEqual(set_keys(self.unit_leader_a), ["unit_leader"])
        self.assertEqual(set_keys(self.officer_a), ["officer"])
        both = self._create_user("clerk_unit_leader_a", self.agency_a, CLERK)
        both.groups_id |= self.env.ref(UNIT_LEADER)
        self.assertEqual(set_keys(both), ["unit_leader", "clerk"])
        outsider = new_test_user(self.env, login="hr_only", groups="base.group_user")
        self.assertEqual(set_keys(outsider), [], "no egov role, no tile to count")

    def test_a_tile_opens_the_list_of_exactly_what_it_counts(self):
        tile = self._tiles(self.clerk_a)["to_register"]
        action = tile["action"]
        self.assertEqual(action["type"], "ir.actions.act_window")
        self.assertEqual(action["res_model"], "egov.document")
        self.assertEqual(action["name"], tile["label"])
        self.assertEqual([view_type for _view, view_type in action["views"]], ["list", "form"])
        self.assertEqual(
            action["views"][0][0],
            self.env.ref("egov_documents.egov_document_view_list_incoming").id,
        )

    def test_all_counters_of_a_user_take_one_query(self):
        both = self._create_user("leader_clerk_a", self.agency_a, CLERK)
        both.groups_id |= self.env.ref("egov_documents.group_egov_agency_leader")
        for user in (self.clerk_a, self.leader_a, self.officer_a, both):
            dashboard = self._dashboard(user)
            dashboard.egov_dashboard_tiles()  # caches of rules and groups are warm after login
            with self.subTest(user=user.login), self.assertQueryCount(1):
                dashboard.egov_dashboard_tiles()
