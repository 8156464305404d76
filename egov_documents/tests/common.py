import base64
from datetime import date

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.egov_documents.models.egov_guard import system_env


def _minimal_pdf():
    """A one-page PDF with a correct cross-reference table (the file check parses it)."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj" % number + body + b"endobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


MINIMAL_PDF = _minimal_pdf()


class EgovCase(TransactionCase):
    """Two agencies of one province with a clerk, an officer and a leader each."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env.ref("egov_documents.resource_calendar_egov_office_hours")
        cls.province = cls.env["res.partner"].create(
            {
                "name": "UBND tỉnh Mẫu",
                "is_company": True,
                "is_agency": True,
                "code_qcvn102": "000.00.00.H98",
                "code_qd20": "H98",
                "agency_abbreviation": "UBND",
                "agency_level": "province",
            }
        )
        cls.agency_a = cls._create_agency("Sở Nội vụ tỉnh Mẫu", "000.00.12.H98", "H98.12", "SNV")
        cls.agency_b = cls._create_agency("Sở Tài chính tỉnh Mẫu", "000.00.15.H98", "H98.15", "STC")
        cls.types = {
            xmlid: cls.env.ref(f"egov_documents.document_type_{xmlid}")
            for xmlid in ("decision", "official_letter", "report", "plan")
        }
        cls.registers = {}
        for company in (cls.agency_a, cls.agency_b):
            Register = cls.env["egov.register"].with_company(company)
            cls.registers[company.id] = {
                "incoming": Register.create(
                    {"name": "Sổ văn bản đến", "direction": "incoming", "company_id": company.id}
                ),
                "outgoing": Register.create(
                    {"name": "Sổ văn bản đi", "direction": "outgoing", "company_id": company.id}
                ),
            }
        cls.clerk_a = cls._create_user("clerk_a", cls.agency_a, "egov_documents.group_egov_clerk")
        cls.officer_a = cls._create_user(
            "officer_a", cls.agency_a, "egov_documents.group_egov_officer"
        )
        cls.leader_a = cls._create_user(
            "leader_a", cls.agency_a, "egov_documents.group_egov_agency_leader"
        )
        cls.clerk_b = cls._create_user("clerk_b", cls.agency_b, "egov_documents.group_egov_clerk")
        cls.officer_b = cls._create_user(
            "officer_b", cls.agency_b, "egov_documents.group_egov_officer"
        )
        cls.unit_a = cls.env["hr.department"].create(
            {
                "name": "Phòng Văn xã",
                "company_id": cls.agency_a.id,
                "egov_abbreviation": "VX",
                # no manager: its work goes to the unit's work recipient
                "egov_handler_user_id": cls.leader_a.id,
            }
        )

    @classmethod
    def _directory_agency(cls, vals):
        """The directory entry of the agency with this identifier code: the one already in
        the database (the demo province has the ministries), updated with ``vals``, else a
        new one."""
        existing = cls.env["res.partner"].search(
            [("code_qcvn102", "=", vals["code_qcvn102"])], limit=1
        )
        if existing:
            existing.write({key: value for key, value in vals.items() if key != "code_qcvn102"})
            return existing
        return cls.env["res.partner"].create(vals)

    @classmethod
    def _create_agency(cls, name, code, code_qd20, abbreviation):
        company = cls.env["res.company"].create(
            {
                "name": name,
                "code_qcvn102": code,
                "code_qd20": code_qd20,
                "agency_abbreviation": abbreviation,
                "agency_level": "department",
                "agency_parent_id": cls.province.id,
                "resource_calendar_id": cls.calendar.id,
                "email": f"vanthu@{abbreviation.lower()}.example.gov.vn",
            }
        )
        return company

    @classmethod
    def _create_user(cls, login, company, group):
        return new_test_user(
            cls.env,
            login=login,
            groups=group,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
            name=login.replace("_", " ").title(),
            tz="Asia/Ho_Chi_Minh",
        )

    def _incoming(self, user, **values):
        vals = {
            "direction": "incoming",
            "subject": "Về việc triển khai kế hoạch cải cách hành chính năm 2026",
            "issuing_agency_id": self.province.id,
            "number": "15",
            "notation": "QĐ-UBND",
            "issued_date": date(2026, 11, 16),
            "document_type_id": self.types["decision"].id,
            **values,
        }
        Documents = self.env["egov.document"].with_user(user).with_company(user.company_id)
        if "arrived_at" in vals:
            # the fixture plays the arrival channel, which sets the arrival time
            return system_env(Documents).create(vals).with_env(Documents.env)
        return Documents.create(vals)

    def _outgoing(self, user, **values):
        vals = {
            "direction": "outgoing",
            "subject": "Báo cáo kết quả thực hiện nhiệm vụ năm 2026",
            "document_type_id": self.types["report"].id,
            **values,
        }
        return self.env["egov.document"].with_user(user).with_company(user.company_id).create(vals)

    def _signed(self, document):
        """Put an outgoing draft in the signed state (the approval workflow is tested elsewhere)."""
        system_env(document.sudo()).write({"outgoing_state": "signed"})
        return document

    @staticmethod
    def _b64(data):
        return base64.b64encode(data).decode()
