from odoo.tests import tagged

from odoo.addons.egov_documents.rules.identifiers import check_qcvn102, check_qd20

from .common import AGENCY_XMLIDS, DEMO_ROLES, ROLE_GROUPS, DemoProvinceCase


@tagged("post_install", "-at_install")
class TestDemoProvince(DemoProvinceCase):
    """The sample province is complete: five agencies with their codes, units, a user for
    every role, registers, external agencies, and a Vietnamese interface."""

    def test_five_agencies_with_valid_codes_on_level_one_h53(self):
        agencies = self.env["res.company"].browse(
            [company.id for company in self.agencies.values()]
        )
        self.assertEqual(len(agencies), 5)
        self.assertEqual(
            self.env["res.company"].search_count([]),
            5,
            "The main company is the UBND tỉnh, not a sixth company",
        )
        for agency in agencies:
            self.assertEqual(check_qcvn102(agency.code_qcvn102), agency.code_qcvn102)
            self.assertEqual(check_qd20(agency.code_qd20), agency.code_qd20)
            self.assertTrue(agency.code_qcvn102.endswith(".H53"), agency.code_qcvn102)
            self.assertTrue(agency.code_qd20.startswith("H53"), agency.code_qd20)
            self.assertTrue(agency.partner_id.is_agency)
        self.assertRecordValues(
            agencies,
            [
                {
                    "name": "UBND tỉnh Tây Ninh",
                    "code_qcvn102": "000.00.00.H53",
                    "code_qd20": "H53",
                    "agency_abbreviation": "UBND",
                    "agency_level": "province",
                    "agency_parent_id": False,
                },
                {
                    "name": "Sở Nội vụ tỉnh Tây Ninh",
                    "code_qcvn102": "000.00.05.H53",
                    "code_qd20": "H53.05",
                    "agency_abbreviation": "SNV",
                    "agency_level": "department",
                    "agency_parent_id": self.province.partner_id.id,
                },
                {
                    "name": "Sở Tài chính tỉnh Tây Ninh",
                    "code_qcvn102": "000.00.07.H53",
                    "code_qd20": "H53.07",
                    "agency_abbreviation": "STC",
                    "agency_level": "department",
                    "agency_parent_id": self.province.partner_id.id,
                },
                {
                    "name": "UBND huyện Hòa Thành",
                    "code_qcvn102": "000.00.31.H53",
                    "code_qd20": "H53.31",
                    "agency_abbreviation": "UBND",
                    "agency_level": "department",
                    "agency_parent_id": self.province.partner_id.id,
                },
                {
                    "name": "UBND xã Trường Tây",
                    "code_qcvn102": "000.12.31.H53",
                    "code_qd20": "H53.31.12",
                    "agency_abbreviation": "UBND",
                    "agency_level": "commune",
                    "agency_parent_id": self.agencies["egov_demo.company_hoa_thanh"].partner_id.id,
                },
            ],
        )
        office_hours = self.env.ref("egov_documents.resource_calendar_egov_office_hours")
        self.assertEqual(agencies.resource_calendar_id, office_hours)

    def test_external_agencies_are_partners_not_companies(self):
        external = self.env["res.partner"].search(
            [
                ("is_agency", "=", True),
                ("code_qcvn102", "in", ["000.00.00.G09", "000.00.00.G22", "000.00.00.H70"]),
            ]
        )
        self.assertEqual(
            sorted(external.mapped("name")),
            ["Bộ Nội vụ", "UBND tỉnh Bình Phước", "Văn phòng Chính phủ"],
        )
        self.assertFalse(self.env["res.company"].search([("partner_id", "in", external.ids)]))
        for partner in external:
            self.assertEqual(check_qcvn102(partner.code_qcvn102), partner.code_qcvn102)
            self.assertEqual(check_qd20(partner.code_qd20), partner.code_qd20)

    def test_units_of_the_three_main_agencies_have_abbreviations(self):
        Departments = self.env["hr.department"]
        expected = {
            "base.main_company": {"VP", "KT", "VX"},
            "egov_demo.company_snv": {"VP", "TCBC", "CCHC"},
            "egov_demo.company_stc": {"VP", "NS"},
        }
        for xmlid, abbreviations in expected.items():
            units = Departments.search([("company_id", "=", self.agencies[xmlid].id)])
            self.assertLessEqual(abbreviations, set(units.mapped("egov_abbreviation")), xmlid)
        demo_unit_ids = (
            self.env["ir.model.data"]
            .search([("module", "=", "egov_demo"), ("model", "=", "hr.department")])
            .mapped("res_id")
        )
        demo_units = Departments.browse(demo_unit_ids)
        self.assertEqual(set(demo_units.company_id.ids), {c.id for c in self.agencies.values()})
        for unit in demo_units:
            self.assertTrue(unit.egov_abbreviation, unit.display_name)

    def test_every_role_has_a_user_in_the_province_and_both_departments(self):
        for agency_xmlid in ("base.main_company", "egov_demo.company_snv", "egov_demo.company_stc"):
            roles = DEMO_ROLES[agency_xmlid]
            self.assertLessEqual({"clerk", "officer", "unit_leader", "agency_leader"}, set(roles))
        for agency_xmlid, roles in DEMO_ROLES.items():
            agency = self.agencies[agency_xmlid]
            for role, login in roles.items():
                user = self.user(login)
                self.assertEqual(len(user), 1, login)
                self.assertTrue(user.active, login)
                self.assertTrue(user.has_group(ROLE_GROUPS[role]), f"{login} is {role}")
                self.assertEqual(user.company_id, agency, login)
                self.assertIn(agency, user.company_ids, login)

    def test_roles_are_distinct_officer_is_not_clerk_unit_leader_is_not_agency_leader(self):
        self.assertFalse(self.user("minh.snv").has_group(ROLE_GROUPS["clerk"]))
        self.assertFalse(self.user("minh.snv").has_group(ROLE_GROUPS["unit_leader"]))
        self.assertFalse(self.user("ha.snv").has_group(ROLE_GROUPS["agency_leader"]))
        self.assertFalse(self.user("ha.snv").has_group(ROLE_GROUPS["clerk"]))
        self.assertFalse(self.user("lan.snv").has_group(ROLE_GROUPS["agency_leader"]))
        self.assertFalse(self.user("hung.snv").has_group(ROLE_GROUPS["admin"]))

    def test_only_the_administrator_manages_every_agency(self):
        admin = self.user("admin.ubnd")
        self.assertTrue(admin.has_group("base.group_system"))
        self.assertTrue(admin.has_group(ROLE_GROUPS["admin"]))
        self.assertEqual(len(admin.company_ids), 5)
        for roles in DEMO_ROLES.values():
            for login in roles.values():
                if login != "admin.ubnd":
                    self.assertEqual(len(self.user(login).company_ids), 1, login)
                    self.assertFalse(self.user(login).has_group("base.group_system"), login)

    def test_logins_follow_name_dot_unit_and_users_speak_vietnamese(self):
        logins = [login for roles in DEMO_ROLES.values() for login in roles.values()]
        users = self.Users.search([("login", "in", logins)])
        self.assertEqual(len(users), len(logins))
        for user in users:
            self.assertRegex(user.login, r"^[a-z]+\.[a-z]+$")
            self.assertEqual((user.lang, user.tz), ("vi_VN", "Asia/Ho_Chi_Minh"), user.login)

    def test_every_demo_user_is_an_employee_of_a_unit_of_their_agency(self):
        logins = [login for roles in DEMO_ROLES.values() for login in roles.values()]
        for login in logins:
            user = self.user(login)
            employee = self.env["hr.employee"].search([("user_id", "=", user.id)])
            self.assertEqual(len(employee), 1, login)
            self.assertEqual(employee.company_id, user.company_id, login)
            self.assertEqual(employee.department_id.company_id, user.company_id, login)

    def test_every_agency_has_incoming_outgoing_and_internal_registers(self):
        Registers = self.env["egov.register"]
        for xmlid in AGENCY_XMLIDS:
            agency = self.agencies[xmlid]
            registers = Registers.search([("company_id", "=", agency.id)])
            self.assertEqual(
                set(registers.mapped("direction")), {"incoming", "outgoing", "internal"}, xmlid
            )
            self.assertTrue(all(registers.mapped("sequence_id")), xmlid)
            self.assertTrue(all(r.sequence_id.implementation == "no_gap" for r in registers), xmlid)

    def test_the_provincial_committee_numbers_decisions_in_their_own_register(self):
        decision = self.env.ref("egov_documents.document_type_decision")
        official_letter = self.env.ref("egov_documents.document_type_official_letter")
        Registers = self.env["egov.register"]
        decisions = Registers._find_for(self.province, "outgoing", decision)
        letters = Registers._find_for(self.province, "outgoing", official_letter)
        self.assertEqual(decisions, self.env.ref("egov_demo.register_ubnd_outgoing_decision"))
        self.assertEqual(letters, self.env.ref("egov_demo.register_ubnd_outgoing"))
        self.assertNotEqual(decisions.sequence_id, letters.sequence_id)

    def test_vietnamese_is_active_and_translations_are_loaded(self):
        vietnamese = self.env["res.lang"]._lang_get("vi_VN")
        self.assertTrue(vietnamese.active)
        settings_menu = self.env.ref("base.menu_administration")
        self.assertNotEqual(
            settings_menu.with_context(lang="vi_VN").name,
            settings_menu.with_context(lang="en_US").name,
            "base's Vietnamese terms were loaded by the post_init_hook",
        )
