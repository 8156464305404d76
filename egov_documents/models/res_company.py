from odoo import api, fields, models
from odoo.exceptions import AccessError

from .egov_guard import is_system


class ResCompany(models.Model):
    """An agency running on this database (one company per cơ quan).

    Its identifier codes and abbreviation live on its partner, so the internal agencies
    and the external ones of the national directory form one searchable list.
    """

    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    code_qcvn102 = fields.Char(related="partner_id.code_qcvn102", readonly=False)
    code_qd20 = fields.Char(related="partner_id.code_qd20", readonly=False)
    agency_abbreviation = fields.Char(related="partner_id.agency_abbreviation", readonly=False)
    agency_level = fields.Selection(related="partner_id.agency_level", readonly=False)
    agency_parent_id = fields.Many2one(related="partner_id.agency_parent_id", readonly=False)
    egov_confidential_enabled = fields.Boolean(
        string="Handle Confidential Documents",
        help="Off by default: the provincial regulations exclude state-secret documents from "
        "the electronic system. When enabled, confidential documents use a separate register "
        "with its own number series (NĐ 30/2020 Điều 15.2) and are never exchanged.",
    )
    egov_rule_profile_id = fields.Many2one(
        "egov.rule.profile",
        string="Rule Profile Override",
        help="This agency's own rule profile. Empty: the province's profile applies.",
    )
    egov_effective_rule_profile_id = fields.Many2one(
        "egov.rule.profile",
        string="Effective Rule Profile",
        compute="_compute_egov_effective_rule_profile_id",
        help="The rules this agency runs on: its override, else the province's profile.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if any("egov_rule_profile_id" in vals for vals in vals_list):
            self._egov_check_rule_profile_access()
        companies = super().create(vals_list)
        companies.partner_id.write({"is_agency": True})
        return companies

    def write(self, vals):
        if "egov_rule_profile_id" in vals:
            self._egov_check_rule_profile_access()
        return super().write(vals)

    def _egov_check_rule_profile_access(self):
        """Only a system administrator chooses which regulation an agency runs on."""
        if is_system(self.env) or self.env.su or self.env.user.has_group("base.group_system"):
            return
        raise AccessError(
            self.env._("Only a system administrator can change the rule profile of an agency.")
        )

    @api.depends("egov_rule_profile_id")
    @api.depends_context("uid")
    def _compute_egov_effective_rule_profile_id(self):
        for company in self:
            company.egov_effective_rule_profile_id = company._egov_rule_profile()

    def _egov_rule_profile(self):
        """The rule profile this agency runs on: its own override, else the province's one
        (system parameter ``egov_documents.province_rule_profile``: an xml id or a database
        id), else Tây Ninh's (QĐ 52/2019/QĐ-UBND). Returned with superuser rights: every
        rule reads it, whoever acts."""
        self.ensure_one()
        company = self.sudo()
        if company.egov_rule_profile_id:
            return company.egov_rule_profile_id
        return self.env["egov.rule.profile"]._egov_province_profile()

    def _egov_lang(self):
        """The language of what the system writes for this agency by itself (status lines,
        notes posted by jobs and crons, which run without a user's language): Vietnamese when
        installed, else the agency's own, else the caller's."""
        self.ensure_one()
        installed = {code for code, _name in self.env["res.lang"].get_installed()}
        for lang in ("vi_VN", self.partner_id.lang):
            if lang in installed:
                return lang
        return self.env.lang

    def _egov_users(self, group_xmlid):
        """The active users of ``group_xmlid`` (a role such as Văn thư or Lãnh đạo cơ quan)
        who belong to this agency: whom its workflows notify or present documents to."""
        self.ensure_one()
        return (
            self.env.ref(group_xmlid)
            .sudo()
            .users.filtered(lambda user: user.active and self in user.company_ids)
        )
