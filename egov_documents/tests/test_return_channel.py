from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MINIMAL_PDF, EgovCase
from .test_arrival_by_email import EMAIL


@tagged("post_install", "-at_install")
class TestReturnThroughArrivalChannel(EgovCase):
    """Issue 11 / NĐ 30/2020 Điều 21.2: a returned document tells its sender through the
    channel it came by; by email, a reply to the sending address with the reason."""

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def _emailed(self):
        message = EMAIL.format(pdf=self._b64(MINIMAL_PDF), exe=self._b64(b"MZ" + b"\x00" * 10))
        document_id = (
            self.env["mail.thread"]
            .with_company(self.agency_a)
            .message_process(
                "egov.document", message, custom_values={"company_id": self.agency_a.id}
            )
        )
        return self.env["egov.document"].browse(document_id)

    def _return(self, document, reason):
        wizard = (
            self.env["egov.reason.wizard"]
            .with_user(self.clerk_a)
            .with_company(self.agency_a)
            .create({"action": "return_to_sender", "document_ids": [document.id], "reason": reason})
        )
        wizard.action_confirm()

    def test_document_returned_from_email_is_answered_by_email_with_the_reason(self):
        document = self._emailed()
        reason = "Văn bản gửi nhầm cơ quan: đề nghị gửi Sở Tài chính."
        self._return(document, reason)
        self.assertEqual(document.incoming_state, "returned")
        mail = (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", "egov.document"), ("res_id", "=", document.id)])
        )
        self.assertEqual(len(mail), 1, "one reply to the sender")
        self.assertEqual(mail.email_to, "vanthu@ubnd.tayninh.gov.vn")
        self.assertIn(reason, mail.body_html)
        self.assertIn(self.agency_a.name, mail.body_html)
        self.assertIn("<qd125@ubnd.tayninh.gov.vn>", mail.headers, "a reply in the same thread")
        note = document.message_ids.filtered(lambda m: "by email to" in (m.body or ""))
        self.assertTrue(note, "the chatter records where the return went")

    def test_document_returned_from_another_channel_sends_no_email(self):
        document = self._incoming(self.clerk_a, arrival_channel="paper")
        self._return(document, "Thiếu trang 2.")
        self.assertEqual(document.incoming_state, "returned")
        self.assertFalse(
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", "egov.document"), ("res_id", "=", document.id)])
        )

    def test_return_without_reason_is_refused_and_sends_nothing(self):
        document = self._emailed()
        with self.assertRaisesRegex(Exception, "reason"):
            self._return(document, "   ")
        self.assertEqual(document.incoming_state, "arrived")
        self.assertFalse(
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", "egov.document"), ("res_id", "=", document.id)])
        )
