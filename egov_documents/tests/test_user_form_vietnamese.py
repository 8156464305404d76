from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestUserFormVietnamese(TransactionCase):
    """Odoo writes the access-rights part of the user form in English only; an agency's
    administrator reads it in his own language (issue: "HUMAN RESOURCES / OTHER")."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.view = cls.env.ref("base.user_groups_view")
        cls.category = cls.env.ref("egov_documents.module_category_egov")

    def test_group_headings_of_the_user_form_follow_the_category_translations(self):
        self.category.with_context(lang="vi_VN").name = "Văn bản điện tử (thử)"
        self.env["res.groups"]._update_user_groups_view()
        arch_vi = self.view.with_context(lang="vi_VN").arch
        self.assertIn('string="Văn bản điện tử (thử)"', arch_vi)
        self.assertNotIn(f'string="{self.category.with_context(lang="en_US").name}"', arch_vi)
        self.assertIn('string="Khác"', arch_vi)
        self.assertNotIn('string="Other"', arch_vi)
        # the English form stays English
        self.assertIn('string="Other"', self.view.with_context(lang="en_US").arch)

    def test_a_language_loaded_later_translates_the_user_form_too(self):
        self.category.with_context(lang="vi_VN").name = "Văn bản điện tử (sau)"
        self.env["ir.module.module"]._load_module_terms(["egov_documents"], ["vi_VN"])
        self.assertIn('string="Văn bản điện tử (sau)"', self.view.with_context(lang="vi_VN").arch)
