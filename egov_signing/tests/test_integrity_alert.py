from odoo.tests import tagged

from .common import SigningCase


@tagged("post_install", "-at_install")
class TestLeaderToldOfFailedCheck(SigningCase):
    """Kon Tum Điều 8.2: when the digital signature shows a received document is not
    intact, the clerk reports it to the agency's leader, who is told with what the check
    found."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader_b = cls._create_user(
            "leader_b", cls.agency_b, "egov_documents.group_egov_agency_leader"
        )

    def _alerts(self, document):
        return document.activity_ids.filtered(
            lambda a: a.user_id == self.leader_b and "Integrity check failed" in a.summary
        )

    def test_kon_tum_8_2_leader_is_told_when_received_document_fails_integrity(self):
        pdf = self._externally_signed(self.pki.person)
        tampered = pdf.replace(
            b"ReportLab Generated PDF document", b"ReportLab Generated PDF documenT", 1
        )
        received = self._received(tampered)
        self.assertEqual(received.signature_status, "invalid")
        (alert,) = self._alerts(received)
        self.assertIn("The signed content was changed after signing", alert.note)
        self.assertIn("QD-07.pdf", alert.note)
        message = received.message_ids.filtered(lambda m: self.leader_b.partner_id in m.partner_ids)
        self.assertTrue(message, "the leader is notified in the chatter too")
        self.assertIn("Integrity check failed", message[0].body)
        # the leader can open what he is told about
        received.with_user(self.leader_b).check_access("read")
        # checking again does not tell him twice
        received._egov_verify_signatures()
        self.assertEqual(len(self._alerts(received)), 1)

    def test_kon_tum_8_2_leader_is_not_disturbed_by_a_valid_document(self):
        received = self._received(self._externally_signed(self.pki.person))
        self.assertEqual(received.signature_status, "valid")
        self.assertFalse(self._alerts(received))
