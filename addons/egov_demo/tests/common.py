from odoo.tests import TransactionCase

ROLE_GROUPS = {
    "clerk": "egov_documents.group_egov_clerk",
    "officer": "egov_documents.group_egov_officer",
    "unit_leader": "egov_documents.group_egov_unit_leader",
    "agency_leader": "egov_documents.group_egov_agency_leader",
    "admin": "egov_documents.group_egov_admin",
}

# Who plays which role, per agency xmlid (README.md lists the same logins).
DEMO_ROLES = {
    "base.main_company": {
        "admin": "admin.ubnd",
        "clerk": "thu.ubnd",
        "officer": "binh.ubnd",
        "unit_leader": "tuan.ubnd",
        "agency_leader": "nam.ubnd",
    },
    "egov_demo.company_snv": {
        "clerk": "lan.snv",
        "officer": "minh.snv",
        "unit_leader": "ha.snv",
        "agency_leader": "hung.snv",
    },
    "egov_demo.company_stc": {
        "clerk": "an.stc",
        "officer": "khoa.stc",
        "unit_leader": "mai.stc",
        "agency_leader": "son.stc",
    },
    "egov_demo.company_hoa_thanh": {"clerk": "hoa.hoathanh"},
    "egov_demo.company_truong_tay": {"clerk": "tam.truongtay"},
}

AGENCY_XMLIDS = tuple(DEMO_ROLES)


class DemoProvinceCase(TransactionCase):
    """Reads the sample province installed by egov_demo (data and post_init_hook)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agencies = {xmlid: cls.env.ref(xmlid) for xmlid in AGENCY_XMLIDS}
        cls.snv = cls.agencies["egov_demo.company_snv"]
        cls.province = cls.agencies["base.main_company"]
        cls.Users = cls.env["res.users"].with_context(active_test=False)

    @classmethod
    def user(cls, login):
        return cls.Users.search([("login", "=", login)])

    def documents(self, company, direction, **domain):
        return (
            self.env["egov.document"]
            .with_context(active_test=False)
            .search(
                [("company_id", "=", company.id), ("direction", "=", direction)]
                + [(field, "=", value) for field, value in domain.items()]
            )
        )
