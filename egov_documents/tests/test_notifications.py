from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .test_workflows import WorkflowCase


@tagged("post_install", "-at_install")
class TestNotifications(WorkflowCase):
    """Who is told what, in Vietnamese (the recipient's language), through Odoo's inbox or
    email, and never about a document they may not read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        # the clerks and leaders work in Vietnamese; the test users start in English
        (cls.clerk_a | cls.leader_a | cls.officer_a | cls.clerk_b | cls.leader_b).write(
            {"lang": "vi_VN"}
        )

    def _notified(self, document, user):
        """Messages on ``document`` that reached ``user``'s inbox or mailbox."""
        return (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", "egov.document"),
                    ("res_id", "=", document.id),
                    ("partner_ids", "in", user.partner_id.ids),
                ]
            )
        )

    def test_urgent_document_reaches_the_leader_in_vietnamese(self):
        self.clerk_a.lang = "en_US"  # whoever presents, the leader reads Vietnamese
        with freeze_time("2026-11-18 02:00:00"):
            document = self._incoming(self.clerk_a, urgency="flash")
            document.with_user(self.clerk_a).action_register()
        bodies = " ".join(self._notified(document, self.leader_a).mapped("body"))
        self.assertIn("phải xử lý ngay", bodies)
        self.assertNotIn("must be handled", bodies)

    def test_urgent_arrival_notifies_the_clerks_at_once(self):
        clerk_a2 = self._create_user("clerk_a2", self.agency_a, "egov_documents.group_egov_clerk")
        document = self._incoming(self.clerk_a, urgency="urgent")
        for clerk in (self.clerk_a, clerk_a2):
            self.assertTrue(self._notified(document, clerk), clerk.login)
        self.assertFalse(
            self._notified(self._incoming(self.clerk_a, number="16"), clerk_a2),
            "an ordinary document notifies nobody on arrival",
        )

    def test_a_user_of_another_agency_is_never_notified(self):
        with freeze_time("2026-11-18 02:00:00"):
            document = self._incoming(self.clerk_a, urgency="flash")
            document.with_user(self.clerk_a).action_register()
        readers = document._egov_notify(
            self.clerk_a | self.clerk_b | self.leader_b, lambda doc: "x"
        )
        self.assertEqual(readers, self.clerk_a)
        for outsider in (self.clerk_b, self.leader_b, self.officer_b):
            self.assertFalse(self._notified(document, outsider), outsider.login)
            self.assertFalse(
                self.env["mail.notification"]
                .sudo()
                .search(
                    [
                        ("res_partner_id", "=", outsider.partner_id.id),
                        ("mail_message_id.res_id", "=", document.id),
                        ("mail_message_id.model", "=", "egov.document"),
                    ]
                ),
                outsider.login,
            )

    def test_new_assignment_notifies_the_handler(self):
        with freeze_time("2026-11-18 02:00:00"):
            document = self._incoming(self.clerk_a)
            document.with_user(self.clerk_a).action_register()
            document.with_user(self.leader_a)._egov_distribute({"user_id": self.officer_a.id})
        self.assertTrue(self._notified(document, self.officer_a))

    def test_email_preference_sends_the_notification_by_email(self):
        self.leader_a.notification_type = "email"
        with freeze_time("2026-11-18 02:00:00"):
            document = self._incoming(self.clerk_a, urgency="flash")
            document.with_user(self.clerk_a).action_register()
        notifications = (
            self.env["mail.notification"]
            .sudo()
            .search(
                [
                    ("res_partner_id", "=", self.leader_a.partner_id.id),
                    ("mail_message_id.res_id", "=", document.id),
                ]
            )
        )
        self.assertIn("email", notifications.mapped("notification_type"))

    def test_deadline_reminder_and_escalation_are_in_vietnamese(self):
        with freeze_time("2026-11-18 02:00:00"):
            document = self._incoming(self.clerk_b, issuing_agency_id=self.agency_a.partner_id.id)
            document.with_user(self.clerk_b).action_register()
            document.with_user(self.leader_b)._egov_distribute(
                {"user_id": self.officer_b.id}, deadline=datetime(2026, 11, 20, 10, 0)
            )
        Assignment = self.env["egov.assignment"]
        with freeze_time("2026-11-19 12:00:00"):
            Assignment._cron_deadline_reminders()
        with freeze_time("2026-11-20 11:00:00"):
            Assignment._cron_deadline_reminders()
        bodies = " ".join(document.sudo().message_ids.mapped("body"))
        self.assertIn("Nhắc hạn", bodies)
        self.assertIn("Quá hạn", bodies)
        self.assertTrue(self._notified(document, self.officer_b))
        self.assertTrue(self._notified(document, self.leader_b))

    def test_visa_refusal_tells_the_drafter(self):
        draft = self._draft_to_b()
        draft.with_user(self.officer_a)._egov_submit_for_review([("visa", self.unit_leader_a)])
        draft.with_user(self.unit_leader_a)._egov_approval_answer("disagreed", "Sửa lại")
        self.assertTrue(self._notified(draft, self.officer_a))
