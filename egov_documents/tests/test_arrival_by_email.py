from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MINIMAL_PDF, EgovCase

EMAIL = """Return-Path: <vanthu@ubnd.tayninh.gov.vn>
From: Van thu UBND tinh <vanthu@ubnd.tayninh.gov.vn>
To: vanban@snv.tayninh.gov.vn
Subject: =?utf-8?q?Quy=E1=BA=BFt_=C4=91=E1=BB=8Bnh_s=E1=BB=91_125/Q=C4=90-UBND?=
Message-ID: <qd125@ubnd.tayninh.gov.vn>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="BOUNDARY"

--BOUNDARY
Content-Type: text/plain; charset=utf-8

Kinh gui So Noi vu.
--BOUNDARY
Content-Type: application/pdf; name="QD-125.pdf"
Content-Disposition: attachment; filename="QD-125.pdf"
Content-Transfer-Encoding: base64

{pdf}
--BOUNDARY
Content-Type: application/octet-stream; name="setup.pdf"
Content-Disposition: attachment; filename="setup.pdf"
Content-Transfer-Encoding: base64

{exe}
--BOUNDARY--
"""


@tagged("post_install", "-at_install")
class TestArrivalByEmail(EgovCase):
    """Tây Ninh 52/2019 Điều 8.2.c: documents arrive from every source, email included."""

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_emailed_document_arrives_with_its_allowed_files_and_sender_agency(self):
        self.province.email = "vanthu@ubnd.tayninh.gov.vn"
        message = EMAIL.format(pdf=self._b64(MINIMAL_PDF), exe=self._b64(b"MZ" + b"\x00" * 100))
        document_id = (
            self.env["mail.thread"]
            .with_company(self.agency_a)
            .message_process(
                "egov.document", message, custom_values={"company_id": self.agency_a.id}
            )
        )
        document = self.env["egov.document"].browse(document_id)
        self.assertRecordValues(
            document,
            [
                {
                    "direction": "incoming",
                    "incoming_state": "arrived",
                    "arrival_channel": "email",
                    "subject": "Quyết định số 125/QĐ-UBND",
                    "issuing_agency_id": self.province.id,
                    "company_id": self.agency_a.id,
                }
            ],
        )
        self.assertEqual(document.file_ids.mapped("name"), ["QD-125.pdf"])
        refusal = document.message_ids.filtered(lambda m: "not accepted" in (m.body or ""))
        self.assertIn("setup.pdf", refusal.body)
