from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import EgovCase


@tagged("post_install", "-at_install")
class TestDistributionDelegation(EgovCase):
    """Kon Tum Điều 8.3 and 9: the clerk presents incoming documents to the leader "hoặc
    người được ủy quyền", who distributes them; the authorised person acts on the leader's
    behalf, only during the authorised period."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.deputy_a = cls._create_user(
            "deputy_a", cls.agency_a, "egov_documents.group_egov_officer"
        )
        cls.admin_a = cls._create_user("admin_a", cls.agency_a, "egov_documents.group_egov_admin")
        cls.unit_leader_a = cls._create_user(
            "unit_leader_a", cls.agency_a, "egov_documents.group_egov_unit_leader"
        )
        cls.Delegations = cls.env["egov.document.delegation"]

    def _delegate(self, user=None, delegate=None, start=date(2026, 11, 16), end=date(2026, 11, 30)):
        user = user or self.leader_a
        return (
            self.Delegations.with_user(user)
            .with_company(self.agency_a)
            .create(
                {
                    "company_id": self.agency_a.id,
                    "leader_id": self.leader_a.id,
                    "delegate_id": (delegate or self.deputy_a).id,
                    "date_from": start,
                    "date_to": end,
                }
            )
        )

    def _registered(self):
        document = self._incoming(self.clerk_a)
        document.with_user(self.clerk_a).action_register()
        return document

    def _distribute_as(self, user, document):
        wizard = (
            self.env["egov.distribute.wizard"]
            .with_user(user)
            .with_company(user.company_id)
            .create(
                {
                    "document_id": document.id,
                    "directive": "Phòng Văn xã chủ trì",
                    "lead_department_id": self.unit_a.id,
                }
            )
        )
        return wizard.action_confirm()

    @freeze_time("2026-11-20 03:00:00")
    def test_kon_tum_9_delegate_distributes_on_behalf_of_leader_during_period(self):
        self._delegate()
        document = self._registered()
        self.assertEqual(document.leader_id, self.leader_a)
        as_deputy = document.with_user(self.deputy_a)
        self.assertTrue(as_deputy.can_distribute, "the delegate sees the Distribute button")
        self.assertIn(
            self.deputy_a,
            document.activity_ids.filtered(lambda a: a.egov_step == "distribute").user_id,
            "the delegate gets the to-do presented to the leader",
        )
        self._distribute_as(self.deputy_a, document)
        self.assertRecordValues(
            document,
            [
                {
                    "incoming_state": "distributed",
                    "distributed_by_id": self.deputy_a.id,
                    "distributed_for_id": self.leader_a.id,
                }
            ],
        )
        self.assertEqual(document.assignment_ids.department_id, self.unit_a)
        note = document.message_ids.filtered(lambda m: "thay mặt" in (m.body or ""))
        self.assertTrue(note, "the history says the delegate acted on the leader's behalf")
        self.assertIn(self.leader_a.name, note[0].body)
        self.assertFalse(
            document.activity_ids.filtered(lambda a: a.egov_step == "distribute"),
            "the distribution closes the to-dos of the leader and of the delegate",
        )

    def test_kon_tum_8_3_expired_delegation_grants_nothing(self):
        with freeze_time("2026-11-20 03:00:00"):
            self._delegate(end=date(2026, 11, 25))
            document = self._registered()
        with freeze_time("2026-12-01 03:00:00"):
            document.invalidate_recordset()
            self.assertFalse(document.with_user(self.deputy_a).can_distribute)
            with self.assertRaises(AccessError):
                self._distribute_as(self.deputy_a, document)
        self.assertEqual(document.incoming_state, "received", "nothing moved")
        self.assertFalse(document.assignment_ids)

    @freeze_time("2026-11-20 03:00:00")
    def test_kon_tum_8_3_withdrawn_delegation_grants_nothing(self):
        delegation = self._delegate()
        document = self._registered()
        delegation.with_user(self.leader_a).active = False
        with self.assertRaises(AccessError):
            self._distribute_as(self.deputy_a, document)
        self.assertEqual(document.incoming_state, "received")

    @freeze_time("2026-11-20 03:00:00")
    def test_kon_tum_8_3_only_the_leader_or_the_agency_admin_delegates(self):
        with self.assertRaises(AccessError):
            self._delegate(user=self.clerk_a)
        with self.assertRaises(AccessError) as refusal:
            self._delegate(user=self.unit_leader_a)
        self.assertIn("or an administrator of", str(refusal.exception))
        self.assertFalse(self.Delegations.sudo().search([]), "no delegation was created")
        by_admin = self._delegate(user=self.admin_a)
        self.assertEqual(by_admin.leader_id, self.leader_a)
        # the delegate cannot extend his own delegation
        with self.assertRaises(AccessError):
            by_admin.with_user(self.deputy_a).date_to = date(2027, 12, 31)
        self.assertEqual(by_admin.date_to, date(2026, 11, 30))

    @freeze_time("2026-11-20 03:00:00")
    def test_kon_tum_8_3_delegate_belongs_to_the_leaders_agency(self):
        with self.assertRaises(UserError):
            self._delegate(delegate=self.officer_b)
        with self.assertRaises(ValidationError) as refusal:
            self._delegate(start=date(2026, 11, 30), end=date(2026, 11, 16))
        self.assertIn("before it starts", str(refusal.exception))
        self.assertFalse(self.Delegations.sudo().search([]))

    @freeze_time("2026-11-20 03:00:00")
    def test_kon_tum_9_delegation_made_after_presentation_shares_the_waiting_documents(self):
        document = self._registered()
        with self.assertRaises(AccessError):
            document.with_user(self.deputy_a).check_access("read")
        self._delegate()
        document.with_user(self.deputy_a).check_access("read")
        self._distribute_as(self.deputy_a, document)
        self.assertEqual(document.distributed_for_id, self.leader_a)

    @freeze_time("2026-11-20 03:00:00")
    def test_leader_distributing_himself_is_not_on_anyones_behalf(self):
        self._delegate()
        document = self._registered()
        self._distribute_as(self.leader_a, document)
        self.assertRecordValues(
            document, [{"distributed_by_id": self.leader_a.id, "distributed_for_id": False}]
        )
