from odoo.tests import TransactionCase, tagged

from .test_dashboard_common import AGENCY_LEADER, DashboardCase


@tagged("post_install", "-at_install")
class TestDashboardActivitiesByStep(DashboardCase):
    """A step's to-dos close with the step, for everyone asked for it, and no other to-do
    closes with them: the leader's counters and his to-dos agree."""

    def _open(self, document, user=None):
        activities = document.sudo().activity_ids
        if user:
            activities = activities.filtered(lambda a: a.user_id == user)
        return sorted(activities.mapped(lambda a: (a.user_id.login, a.egov_step)))

    def test_approving_and_signing_close_their_to_dos_of_everyone_asked_not_the_opinion(self):
        draft = self.opinion_a
        draft.with_user(self.unit_leader_a)._egov_approval_answer("agreed")
        deputy = self._create_user("deputy_a", self.agency_a, AGENCY_LEADER)
        draft.sudo()._egov_activity_schedule("present", deputy)
        self.assertEqual(
            self._open(draft),
            [("deputy_a", "present"), ("leader_a", "opinion"), ("leader_a", "present")],
        )
        draft.with_user(self.leader_a).action_approve()
        # approved: the signatory is asked to sign, the presentation is over for everyone
        self.assertEqual(self._open(draft), [("leader_a", "opinion"), ("leader_a", "sign")])
        draft.with_user(self.leader_a).action_sign()
        self.assertEqual(draft.outgoing_state, "signed")
        self.assertEqual(self._open(draft), [("leader_a", "opinion")])
        done = self.env["mail.message"].search(
            [("model", "=", "egov.document"), ("res_id", "=", draft.id)]
        )
        self.assertTrue(done.filtered(lambda m: m.mail_activity_type_id), "marked done, kept")

    def test_answering_an_opinion_closes_only_that_reviewers_opinion(self):
        draft = self.opinion_a
        draft.with_user(self.unit_leader_a)._egov_approval_answer("agreed")
        self.assertEqual(self._open(draft), [("leader_a", "opinion"), ("leader_a", "present")])
        draft.with_user(self.leader_a)._egov_approval_answer("agreed")
        self.assertEqual(self._open(draft), [("leader_a", "present")])

    def test_distributing_closes_the_to_do_of_every_leader_it_was_presented_to(self):
        document = self.presented_a
        deputy = self._create_user("deputy_a", self.agency_a, AGENCY_LEADER)
        document.sudo()._egov_activity_schedule("distribute", deputy, "Distribute")
        document.sudo()._egov_activity_schedule("extension", deputy, "Extension requested")
        self.assertEqual(
            self._open(document),
            [("deputy_a", "distribute"), ("deputy_a", "extension"), ("leader_a", "distribute")],
        )
        document.with_user(deputy)._egov_distribute(
            {"department_id": self.unit_a.id}, directive="Phòng Văn xã tham mưu trả lời"
        )
        self.assertEqual(
            self._open(document), [("deputy_a", "extension"), ("unit_leader_a", "handle")]
        )
        done = self.env["mail.message"].search(
            [
                ("model", "=", "egov.document"),
                ("res_id", "=", document.id),
                ("mail_activity_type_id", "!=", False),
            ]
        )
        self.assertEqual(len(done), 2, "both leaders' to-dos are marked done, not deleted")
        self.assertTrue(all("Phòng Văn xã tham mưu trả lời" in str(m.body) for m in done))

    def test_completing_an_assignment_closes_only_its_handlers_to_do(self):
        document = self.distributed_a
        self.assertEqual(
            self._open(document), [("officer_a", "handle"), ("unit_leader_a", "handle")]
        )
        coordinator = document.assignment_ids.filtered(lambda a: a.role == "coordinator")
        coordinator.with_user(self.officer_a)._egov_complete("Đã phối hợp cung cấp số liệu")
        self.assertEqual(self._open(document), [("unit_leader_a", "handle")])

    def test_leaders_to_dos_are_the_documents_his_counters_show(self):
        tiles = self._tiles(self.leader_a)
        awaiting = self.env["egov.document"]
        for key in ("awaiting_directive", "awaiting_opinion", "awaiting_signature"):
            awaiting |= self._listed(self.leader_a, tiles[key])
        to_dos = self.env["mail.activity"].search(
            [("user_id", "=", self.leader_a.id), ("res_model", "=", "egov.document")]
        )
        self.assertEqual(set(to_dos.mapped("res_id")), set(awaiting.ids))
        self.assertEqual(len(awaiting), 3)


@tagged("post_install", "-at_install")
class TestDemoProvinceToDos(TransactionCase):
    """In the demo province (addon egov_demo, when installed), every leader's open to-dos
    are on exactly the documents his counters say await him; none stays on a document
    already signed or issued."""

    def setUp(self):
        super().setUp()
        if self.env["ir.module.module"]._get("egov_demo").state != "installed":
            self.skipTest("the demo province (egov_demo) is not installed")

    def test_demo_leaders_open_to_dos_are_the_documents_awaiting_them(self):
        leaders = self.env["res.users"].search(
            [("groups_id", "in", self.env.ref(AGENCY_LEADER).ids), ("login", "like", ".")]
        )
        self.assertTrue(leaders.filtered(lambda u: u.login == "nam.ubnd"))
        for leader in leaders:
            dashboard = (
                self.env["egov.dashboard"]
                .with_user(leader)
                .with_context(allowed_company_ids=leader.company_ids.ids)
            )
            awaiting = self.env["egov.document"]
            for tile_set in dashboard.egov_dashboard_tiles():
                for tile in tile_set["tiles"]:
                    if tile["key"] in (
                        "awaiting_directive",
                        "awaiting_opinion",
                        "awaiting_signature",
                    ):
                        awaiting |= dashboard.env["egov.document"].search(tile["action"]["domain"])
            to_dos = self.env["mail.activity"].search(
                [("user_id", "=", leader.id), ("res_model", "=", "egov.document")]
            )
            with self.subTest(leader=leader.login):
                self.assertEqual(set(to_dos.mapped("res_id")), set(awaiting.ids))

    def test_no_approve_and_sign_to_do_stays_on_a_signed_document(self):
        stale = self.env["mail.activity"].search(
            [("res_model", "=", "egov.document"), ("egov_step", "=", "sign")]
        )
        documents = self.env["egov.document"].browse(stale.mapped("res_id"))
        self.assertFalse(
            documents.filtered(
                lambda d: d.outgoing_state in ("signed", "numbered", "org_signed", "issued")
            )
        )
