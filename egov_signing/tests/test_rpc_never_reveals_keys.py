import base64
import json

from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from .common import PASSPHRASE, demo_material


@tagged("post_install", "-at_install")
class TestRpcNeverRevealsKeys(HttpCase):
    """Over JSON-RPC, even the administrator gets the public part of a certificate only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.p12 = demo_material()["pki"].organisation.pkcs12(PASSPHRASE.encode())
        cls.certificate = cls.env["egov.signing.certificate"].create(
            {
                "kind": "organisation",
                "company_id": cls.env.ref("base.main_company").id,
                "pkcs12_file": base64.b64encode(cls.p12),
                "pkcs12_passphrase": PASSPHRASE,
            }
        )
        cls.env.flush_all()
        cls.env.cr.execute(
            "SELECT ciphertext FROM egov_signing_secret WHERE certificate_id = %s",
            [cls.certificate.id],
        )
        cls.ciphertexts = [row[0] for row in cls.env.cr.fetchall()]

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def _assert_no_secret(self, payload):
        text = json.dumps(payload, ensure_ascii=False)
        for secret in (
            PASSPHRASE,
            base64.b64encode(self.p12).decode()[:64],
            *(c[5:69] for c in self.ciphertexts),
        ):
            self.assertNotIn(secret, text)

    def test_administrator_search_read_returns_no_key_material(self):
        self.authenticate("admin", "admin")
        records = self._call(
            "egov.signing.certificate", "search_read", [("id", "=", self.certificate.id)]
        )
        self.assertEqual(len(records), 1)
        self.assertEqual(records[0]["subject_common_name"], "Ủy ban nhân dân tỉnh Tây Ninh")
        self.assertTrue(records[0]["has_key_material"])
        self.assertFalse(records[0]["pkcs12_file"])
        self.assertFalse(records[0]["pkcs12_passphrase"])
        self._assert_no_secret(records)
        web = self._call(
            "egov.signing.certificate",
            "web_read",
            [self.certificate.id],
            specification={
                name: {}
                for name in ("pkcs12_file", "pkcs12_passphrase", "pkcs11_pin", "certificate_pem")
            },
        )
        self._assert_no_secret(web)
        self.assertFalse(web[0]["pkcs12_passphrase"])

    def test_the_secret_model_and_the_signer_are_out_of_reach(self):
        self.authenticate("admin", "admin")
        with self.assertRaises(JsonRpcException):
            self._call("egov.signing.secret", "search_read", [], fields=["ciphertext"])
        with self.assertRaises(JsonRpcException):
            self._call("egov.signing.certificate", "_egov_signer", [self.certificate.id])
        exported = self._call(
            "egov.signing.certificate",
            "export_data",
            [self.certificate.id],
            ["pkcs12_file", "pkcs12_passphrase", "name"],
        )
        self._assert_no_secret(exported)
