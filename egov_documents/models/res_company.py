from odoo import api, fields, models


class ResCompany(models.Model):
    """An agency running on this database (one company per cơ quan).

    Its identifier codes and abbreviation live on its partner, so the internal agencies
    and the external ones of the national directory form one searchable list.
    """

    _inherit = "res.company"

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

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies.partner_id.write({"is_agency": True})
        return companies

    def _egov_users(self, group_xmlid):
        """The active users of ``group_xmlid`` (a role such as Văn thư or Lãnh đạo cơ quan)
        who belong to this agency: whom its workflows notify or present documents to."""
        self.ensure_one()
        return (
            self.env.ref(group_xmlid)
            .sudo()
            .users.filtered(lambda user: user.active and self in user.company_ids)
        )
