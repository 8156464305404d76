import importlib.util
from datetime import datetime
from pathlib import Path

from freezegun import freeze_time

from odoo.tests import tagged

from .test_workflows import WorkflowCase

STEP_ICONS = {
    "register": "fa-book",
    "present": "fa-thumbs-o-up",
    "distribute": "fa-share-alt",
    "handle": "fa-briefcase",
    "visa": "fa-check-square-o",
    "opinion": "fa-comments-o",
    "sign": "fa-pencil",
    "number": "fa-hashtag",
    "issue": "fa-paper-plane",
    "extension": "fa-calendar-plus-o",
    "assignment_returned": "fa-undo",
    "overdue": "fa-exclamation-triangle",
}


def _load_migration():
    path = Path(__file__).parents[1] / "migrations" / "18.0.1.2.0" / "post-migrate.py"
    spec = importlib.util.spec_from_file_location("egov_documents_migration_18_0_1_2_0", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestActivitySteps(WorkflowCase):
    """One activity type per workflow step (STYLE.md §12); a step's to-dos close exactly
    when that step is done, and no other to-do of the same user closes with them."""

    def _steps(self, document, user=None):
        activities = document.sudo().activity_ids
        if user:
            activities = activities.filtered(lambda a: a.user_id == user)
        return sorted(activities.mapped("egov_step"))

    def _in_review(self, **values):
        draft = self._draft_to_b()
        draft.sudo().signer_id = self.leader_a
        if values:
            draft.sudo().write(values)
        draft.with_user(self.officer_a)._egov_submit_for_review(
            [("visa", self.unit_leader_a), ("opinion", self.officer_a2)]
        )
        return draft

    def test_each_step_has_its_own_type_and_icon(self):
        Type = self.env["mail.activity.type"]
        todo = self.env.ref("mail.mail_activity_data_todo")
        for step, icon in STEP_ICONS.items():
            activity_type = Type._egov_for_step(step)
            self.assertNotEqual(activity_type, todo, f"{step} has its own type")
            self.assertEqual(activity_type.icon, icon, step)
            self.assertEqual(activity_type.res_model, "egov.document", step)
        self.assertEqual(len(Type.search([("egov_step", "in", list(STEP_ICONS))])), 12)
        self.assertEqual(
            len(set(Type.search([("egov_step", "in", list(STEP_ICONS))]).mapped("icon"))),
            12,
            "every step shows its own icon",
        )

    def test_present_to_do_takes_the_step_type_and_the_same_day_deadline(self):
        with freeze_time("2026-11-18 02:00:00"):
            document = self._incoming(self.clerk_a)
            document.with_user(self.clerk_a).action_register()
        activity = document.sudo().activity_ids
        self.assertEqual(len(activity), 1)
        self.assertRecordValues(
            activity,
            [
                {
                    "egov_step": "distribute",
                    "user_id": self.leader_a.id,
                    "activity_type_id": self.env.ref(
                        "egov_documents.mail_activity_type_egov_distribute"
                    ).id,
                    "summary": False,
                }
            ],
        )

    def test_outgoing_splits_approve_from_sign(self):
        draft = self._in_review()
        self.assertEqual(self._steps(draft), ["opinion", "visa"])
        draft.with_user(self.unit_leader_a)._egov_approval_answer("agreed", "Đồng ý")
        self.assertEqual(
            self._steps(draft, self.leader_a), ["present"], "visas passed: approve, not sign yet"
        )
        draft.with_user(self.leader_a).action_approve()
        self.assertEqual(self._steps(draft, self.leader_a), ["sign"])
        self.assertEqual(
            self._steps(draft, self.officer_a2), ["opinion"], "an open opinion stays open"
        )
        draft.with_user(self.leader_a).action_sign()
        self.assertEqual(self._steps(draft, self.leader_a), [], "signing closes the sign to-do")
        self.assertEqual(self._steps(draft, self.officer_a2), ["opinion"])

    def test_closing_one_step_leaves_the_users_other_steps_open(self):
        draft = self._in_review()
        # the same leader also has a visa to give on another step of the same document
        draft.sudo()._egov_activity_schedule("visa", self.leader_a)
        draft.with_user(self.unit_leader_a)._egov_approval_answer("agreed", "Đồng ý")
        draft.with_user(self.leader_a).action_approve()
        self.assertEqual(self._steps(draft, self.leader_a), ["sign", "visa"])
        draft.sudo()._egov_activity_close(("sign",))
        self.assertEqual(self._steps(draft, self.leader_a), ["visa"])

    def test_sign_to_do_closes_when_signed_through_the_signing_module(self):
        draft = self._in_review()
        draft.with_user(self.unit_leader_a)._egov_approval_answer("agreed", "Đồng ý")
        draft.with_user(self.leader_a).action_approve()
        self.assertEqual(self._steps(draft, self.leader_a), ["sign"])
        if hasattr(draft, "action_sign_on_paper"):
            # egov_signing is installed: its own signing path
            draft.with_user(self.leader_a).action_sign_on_paper()
            self.assertTrue(draft.signed_on_paper)
        else:
            draft.with_user(self.leader_a).action_sign()
        self.assertEqual(draft.outgoing_state, "signed")
        self.assertEqual(self._steps(draft, self.leader_a), [])

    def test_distribution_closes_distribute_and_opens_handle(self):
        with freeze_time("2026-11-18 02:00:00"):
            document = self._incoming(self.clerk_b, issuing_agency_id=self.agency_a.partner_id.id)
            document.with_user(self.clerk_b).action_register()
            document.sudo()._egov_activity_schedule("extension", self.leader_b)
            document.with_user(self.leader_b)._egov_distribute(
                {"user_id": self.officer_b.id}, deadline=datetime(2026, 11, 20, 10, 0)
            )
        self.assertEqual(self._steps(document, self.leader_b), ["extension"])
        self.assertEqual(self._steps(document, self.officer_b), ["handle"])
        handle = document.sudo().activity_ids.filtered(lambda a: a.egov_step == "handle")
        self.assertEqual(handle.activity_type_id.egov_step, "handle")

    def test_to_do_texts_are_in_the_recipients_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.leader_a.lang = "vi_VN"
        draft = self._in_review()
        draft.with_user(self.officer_a)._egov_activity_schedule(
            "visa",
            self.leader_a,
            note=lambda doc: doc.env._("Please review %(record)s.", record="X"),
        )
        activity = draft.sudo().activity_ids.filtered(lambda a: a.user_id == self.leader_a)
        self.assertIn("Đề nghị", activity.note or "", activity.note)

    def test_migration_types_old_to_dos_and_closes_those_whose_step_is_done(self):
        todo = self.env.ref("mail.mail_activity_data_todo")
        draft = self._in_review()
        signed = self._draft_to_b()
        self._signed(signed)
        with freeze_time("2026-11-18 02:00:00"):
            distributed = self._incoming(self.clerk_a)
            distributed.with_user(self.clerk_a).action_register()
            distributed.with_user(self.leader_a)._egov_distribute({"user_id": self.officer_a.id})

        def old_to_do(document, step, user):
            return document.sudo().activity_schedule(
                "mail.mail_activity_data_todo", user_id=user.id, summary="old", egov_step=step
            )

        waiting_sign = old_to_do(draft, "sign", self.leader_a)
        done_sign = old_to_do(signed, "sign", self.leader_a)
        done_distribute = old_to_do(distributed, "distribute", self.leader_a)
        open_handle = old_to_do(distributed, "handle", self.officer_a)
        retyped, closed = _load_migration().migrate_step_activities(self.env)
        self.assertEqual(closed, 2)
        self.assertFalse(done_sign.exists(), "sign on a signed document is closed")
        self.assertFalse(done_distribute.exists(), "distribute on a distributed one is closed")
        self.assertRecordValues(
            waiting_sign,
            [
                {
                    "egov_step": "present",
                    "activity_type_id": self.env.ref(
                        "egov_documents.mail_activity_type_egov_present"
                    ).id,
                }
            ],
        )
        self.assertNotEqual(open_handle.activity_type_id, todo)
        self.assertEqual(open_handle.activity_type_id.egov_step, "handle")
        self.assertGreaterEqual(retyped, 2)


@tagged("post_install", "-at_install")
class TestMessageSubtypes(WorkflowCase):
    """Followers choose what they follow: each state change posts its own subtype."""

    def _flush_tracking(self):
        """Tracking messages are written at commit (precommit hooks): write them now. A
        record created in the same transaction is not tracked, as in Odoo: each step is
        its own request."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _subtypes(self, document):
        messages = self.env["mail.message"].search(
            [("model", "=", "egov.document"), ("res_id", "=", document.id)]
        )
        return list(messages.subtype_id.get_external_id().values())

    def test_moves_of_an_incoming_document_post_their_subtypes(self):
        with freeze_time("2026-11-18 02:00:00"):
            document = self._incoming(self.clerk_a)
            self._flush_tracking()
            document.with_user(self.clerk_a).action_register()
            self._flush_tracking()
            self.assertIn("egov_documents.mt_egov_registered", self._subtypes(document))
            document.with_user(self.leader_a)._egov_distribute({"user_id": self.officer_a.id})
            self._flush_tracking()
        self.assertIn("egov_documents.mt_egov_distributed", self._subtypes(document))

    def test_outgoing_signed_and_issued_have_their_subtypes(self):
        draft = self._draft_to_b()
        self._flush_tracking()
        draft.with_user(self.officer_a)._egov_submit_for_review([("visa", self.unit_leader_a)])
        draft.with_user(self.unit_leader_a)._egov_approval_answer("agreed", "Đồng ý")
        self._flush_tracking()
        draft.with_user(self.leader_a).action_approve()
        self._flush_tracking()
        draft.with_user(self.leader_a).action_sign()
        self._flush_tracking()
        draft.with_user(self.clerk_a).action_assign_number()
        draft.with_user(self.clerk_a).action_issue()
        self._flush_tracking()
        subtypes = self._subtypes(draft)
        self.assertIn("egov_documents.mt_egov_approved", subtypes)
        self.assertIn("egov_documents.mt_egov_signed", subtypes)
        self.assertIn("egov_documents.mt_egov_issued", subtypes)

    def test_visa_disagreement_is_a_return(self):
        draft = self._draft_to_b()
        draft.with_user(self.officer_a)._egov_submit_for_review([("visa", self.unit_leader_a)])
        self._flush_tracking()
        draft.with_user(self.unit_leader_a)._egov_approval_answer("disagreed", "Sửa lại")
        self._flush_tracking()
        self.assertIn("egov_documents.mt_egov_returned", self._subtypes(draft))

    def test_a_follower_may_follow_only_issues(self):
        issued = self.env.ref("egov_documents.mt_egov_issued")
        self.assertEqual(issued.res_model, "egov.document")
        self.assertTrue(issued.default)
        self.assertIn(
            issued, self.env["mail.message.subtype"].search([("res_model", "=", "egov.document")])
        )
