from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import EgovCase


@tagged("post_install", "-at_install")
class TestPickers(EgovCase):
    """Every person and unit picker of the workflow wizards and of the document offers only
    the document's agency; agency pickers offer only the directory of agencies; and the
    server refuses what a client sends past the picker."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit_b = cls.env["hr.department"].create(
            {"name": "Phòng Ngân sách", "company_id": cls.agency_b.id}
        )
        cls.unit_a.egov_handler_user_id = cls.leader_a
        cls.shop = cls.env["res.partner"].create({"name": "Cửa hàng Văn phòng phẩm Mẫu"})
        cls.document = (
            cls.env["egov.document"]
            .with_user(cls.clerk_a)
            .create(
                {
                    "direction": "incoming",
                    "subject": "Về việc chọn người xử lý",
                    "issuing_agency_id": cls.province.id,
                    "document_type_id": cls.types["official_letter"].id,
                }
            )
        )

    def _offered(self, model, field_name, values, user=None):
        """What the picker of ``model.field_name`` offers to ``user`` on a record whose
        fields are ``values`` (the domain the web client evaluates, then name_search)."""
        user = user or self.leader_a
        field = self.env[model]._fields[field_name]
        domain = field._description_domain(self.env)
        domain = safe_eval(domain, values) if isinstance(domain, str) else domain or []
        Comodel = self.env[field.comodel_name].with_user(user).with_company(user.company_id)
        return Comodel.browse([id_ for id_, _name in Comodel.name_search("", domain, limit=500)])

    def test_pickers_offer_only_the_agency(self):
        company = {"company_id": self.agency_a.id}
        user_pickers = [
            ("egov.distribute.wizard", "lead_user_id"),
            ("egov.distribute.wizard", "informed_user_ids"),
            ("egov.distribute.wizard.line", "user_id"),
            ("egov.assignment.wizard.line", "user_id"),
            ("egov.review.wizard.line", "user_id"),
            ("egov.document", "signer_id"),
            ("egov.document.recipient", "user_id"),
            ("hr.department", "egov_handler_user_id"),
        ]
        for model, field_name in user_pickers:
            with self.subTest(picker=f"{model}.{field_name}"):
                offered = self._offered(model, field_name, company)
                self.assertIn(self.officer_a, offered)
                self.assertNotIn(self.officer_b, offered)
                self.assertNotIn(self.clerk_b, offered)
        unit_pickers = [
            ("egov.distribute.wizard", "lead_department_id"),
            ("egov.distribute.wizard", "informed_department_ids"),
            ("egov.distribute.wizard.line", "department_id"),
            ("egov.document.recipient", "department_id"),
        ]
        for model, field_name in unit_pickers:
            with self.subTest(picker=f"{model}.{field_name}"):
                offered = self._offered(model, field_name, company)
                self.assertIn(self.unit_a, offered)
                self.assertNotIn(self.unit_b, offered)

    def test_agency_pickers_offer_only_the_directory(self):
        for model, field_name in (
            ("egov.document", "issuing_agency_id"),
            ("egov.document.recipient", "partner_id"),
        ):
            with self.subTest(picker=f"{model}.{field_name}"):
                offered = self._offered(model, field_name, {"company_id": self.agency_a.id})
                self.assertIn(self.province, offered)
                self.assertNotIn(self.shop, offered)

    def test_wizard_refuses_a_person_of_another_agency(self):
        Wizard = self.env["egov.distribute.wizard"].with_user(self.leader_a)
        with self.assertRaises(UserError):
            Wizard.create({"document_id": self.document.id, "lead_user_id": self.officer_b.id})
        with self.assertRaises(UserError):
            Wizard.create(
                {
                    "document_id": self.document.id,
                    "informed_department_ids": [(6, 0, self.unit_b.ids)],
                }
            )

    def test_server_refuses_informed_recipients_of_another_agency(self):
        with self.assertRaisesRegex(UserError, "only be given to units and people of"):
            self.document._egov_check_assignees([{"user_id": self.officer_b.id}])
        with self.assertRaisesRegex(UserError, "only be given to units and people of"):
            self.document._egov_check_assignees([{"department_id": self.unit_b.id}])
