from odoo import fields, models


class ResCompany(models.Model):
    """The agency's dossier settings: who approves a destruction and when dossiers are due
    for transfer to the agency archive."""

    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    egov_dossier_destruction_approver_ids = fields.Many2many(
        "res.users",
        "egov_company_dossier_destruction_approver_rel",
        "company_id",
        "user_id",
        string="Destruction Approvers",
        help="Every one of them approves before a dossier listed for destruction is destroyed (the "
        "agency's destruction council, NĐ 30/2020 and the Law on Archives).",
    )
    egov_dossier_archive_delay_years = fields.Integer(
        string="Archive Transfer Delay (years)",
        default=1,
        help="Dossiers are due for transfer to the agency archive on 31 December of the year they close "
        "plus this many years (NĐ 30/2020 Điều 31: within one year from the year the work ends).",
    )
