"""Attacker tests over real HTTP JSON-RPC: only a system administrator changes which
regulation an agency runs on."""

from odoo.tests import tagged

from .rpc_common import RpcCase


@tagged("post_install", "-at_install")
class TestRuleProfileRpc(RpcCase):
    def setUp(self):
        super().setUp()
        self.ben_tre = self.env.ref("egov_documents.rule_profile_ben_tre")
        self.tay_ninh = self.env.ref("egov_documents.rule_profile_tay_ninh")

    def test_clerk_cannot_write_create_or_delete_a_rule_profile_over_rpc(self):
        self.login("clerk")
        result, error = self.rpc(
            "egov.rule.profile", "read", self.ben_tre.ids, ["lock_unused_days"]
        )
        self.assertIsNone(error, "every user reads the profiles")
        self.assertEqual(result[0]["lock_unused_days"], 30)
        attempts = [
            ("write", [self.ben_tre.ids, {"lock_unused_days": 3650}]),
            ("create", [{"name": "Mine", "code": "mine", "regulation": "none"}]),
            ("unlink", [self.ben_tre.ids]),
            ("copy", [self.ben_tre.ids]),
        ]
        for method, args in attempts:
            with self.subTest(method=method):
                _result, error = self.rpc("egov.rule.profile", method, *args)
                self.assertTrue(error, f"{method} must be refused")
                self.assertTrue(error.clean, error)
        citation = self.ben_tre.citation_ids[:1]
        _result, error = self.rpc(
            "egov.rule.profile.citation", "write", citation.ids, {"article": "Điều 99"}
        )
        self.assertTrue(error and error.clean, error)
        self.assertEqual(self.orm(self.ben_tre).lock_unused_days, 30)
        self.assertNotEqual(self.orm(citation).article, "Điều 99")

    def test_clerk_and_agency_admin_cannot_switch_the_agency_profile_over_rpc(self):
        company = self._company("a")
        for role in ("clerk", "agency_leader", "administrator"):
            with self.subTest(role=role):
                self.login(role)
                _result, error = self.rpc(
                    "res.company", "write", company.ids, {"egov_rule_profile_id": self.ben_tre.id}
                )
                self.assertTrue(error and error.clean, error)
        _result, error = self.rpc(
            "res.company",
            "create",
            {"name": "Cơ quan giả", "egov_rule_profile_id": self.ben_tre.id},
        )
        self.assertTrue(error and error.clean, error)
        self.assertFalse(self.orm(company).egov_rule_profile_id)
        self.assertEqual(self.orm(company)._egov_rule_profile(), self.tay_ninh)

    def test_clerk_cannot_set_the_province_profile_parameter_over_rpc(self):
        self.login("clerk")
        _result, error = self.rpc(
            "ir.config_parameter",
            "set_param",
            "egov_documents.province_rule_profile",
            "egov_documents.rule_profile_ben_tre",
        )
        self.assertTrue(error and error.clean, error)
        self.assertEqual(self.orm(self._company("a"))._egov_rule_profile(), self.tay_ninh)

    def test_clerk_cannot_run_the_late_registration_cron_over_rpc(self):
        self.login("clerk")
        _result, error = self.rpc("egov.document", "_cron_flag_late_registration")
        self.assertTrue(error and error.clean, error)
