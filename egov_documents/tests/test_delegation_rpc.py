from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .rpc_common import RpcCase


@tagged("post_install", "-at_install")
class TestDelegationOverRpc(RpcCase):
    """Kon Tum Điều 8.3, 9 over real HTTP JSON-RPC: only a delegation in force, inside the
    agency, lets someone other than a leader distribute."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for tag in ("a", "b"):
            cls.arrived[tag].with_env(cls._as("clerk", tag)).action_register()
        cls.today = fields.Date.today()

    def _delegation(self, tag, delegate, start, end):
        return (
            self.env["egov.document.delegation"]
            .sudo()
            .create(
                {
                    "company_id": self._company(tag).id,
                    "leader_id": self.users["agency_leader", tag].id,
                    "delegate_id": delegate.id,
                    "date_from": start,
                    "date_to": end,
                }
            )
        )

    def _distribute_over_rpc(self, document):
        wizard_id, error = self.rpc(
            "egov.distribute.wizard",
            "create",
            {"document_id": document.id, "lead_user_id": self.rpc_user.id},
        )
        if error:
            return error
        _result, error = self.rpc("egov.distribute.wizard", "action_confirm", [wizard_id])
        return error

    def test_kon_tum_8_3_delegate_of_another_agency_cannot_distribute(self):
        # B's officer holds a delegation of B's leader: it grants nothing at A
        self._delegation(
            "b", self.users["officer", "b"], self.today - timedelta(days=1), self.today
        )
        document = self.arrived["a"]
        self.login("officer", "b")
        error = self._distribute_over_rpc(document)
        self.assertTrue(error and error.clean, error)
        self.assertEqual(self.orm(document).incoming_state, "received")
        self.assertFalse(self.orm(document).assignment_ids)

    def test_kon_tum_8_3_delegation_to_another_agencys_user_is_refused_over_rpc(self):
        self.login("agency_leader", "a")
        _id, error = self.rpc(
            "egov.document.delegation",
            "create",
            {
                "company_id": self.agency_a.id,
                "leader_id": self.users["agency_leader", "a"].id,
                "delegate_id": self.users["officer", "b"].id,
                "date_from": str(self.today),
                "date_to": str(self.today + timedelta(days=5)),
            },
        )
        self.assertTrue(error and error.clean, error)
        self.assertFalse(
            self.env["egov.document.delegation"]
            .sudo()
            .search([("delegate_id", "=", self.users["officer", "b"].id)])
        )

    def test_kon_tum_8_3_expired_delegation_cannot_distribute(self):
        self._delegation(
            "a",
            self.users["officer2", "a"],
            self.today - timedelta(days=10),
            self.today - timedelta(days=1),
        )
        document = self.arrived["a"]
        self.login("officer2", "a")
        error = self._distribute_over_rpc(document)
        self.assertTrue(error and error.clean, error)
        self.assertEqual(self.orm(document).incoming_state, "received")

    def test_kon_tum_8_3_officer_cannot_grant_himself_a_delegation(self):
        self.login("officer", "a")
        _id, error = self.rpc(
            "egov.document.delegation",
            "create",
            {
                "company_id": self.agency_a.id,
                "leader_id": self.users["agency_leader", "a"].id,
                "delegate_id": self.users["officer", "a"].id,
                "date_from": str(self.today),
                "date_to": str(self.today + timedelta(days=5)),
            },
        )
        self.assertTrue(error and error.clean, error)
        self.assertFalse(
            self.env["egov.document.delegation"]
            .sudo()
            .search([("delegate_id", "=", self.users["officer", "a"].id)])
        )

    def test_kon_tum_9_delegation_in_force_distributes_on_behalf_over_rpc(self):
        self._delegation("a", self.users["officer2", "a"], self.today, self.today)
        document = self.arrived["a"]
        self.login("officer2", "a")
        error = self._distribute_over_rpc(document)
        self.assertFalse(error, error)
        self.assertRecordValues(
            self.orm(document),
            [
                {
                    "incoming_state": "distributed",
                    "distributed_by_id": self.users["officer2", "a"].id,
                    "distributed_for_id": self.users["agency_leader", "a"].id,
                }
            ],
        )
