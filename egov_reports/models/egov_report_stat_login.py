from odoo import api, fields, models


class EgovReportStatLogin(models.Model):
    """System use per agency: one row per login (``res.users.log``), counted for the user's
    main agency. Logins and active users are figures of the periodic reports."""

    _name = "egov.report.stat.login"
    _inherit = ["egov.report.stat.view.mixin"]
    _description = "System Use Statistics"
    _auto = False
    _order = "date desc, id desc"

    company_id = fields.Many2one("res.company", string="Agency", readonly=True)
    user_id = fields.Many2one("res.users", readonly=True)
    date = fields.Datetime(string="Logged In On", readonly=True)
    login_count = fields.Integer(string="Logins", readonly=True)

    def _egov_view_query(self):
        return """
            SELECT l.id, u.company_id, l.create_uid AS user_id, l.create_date AS date,
                   1 AS login_count
              FROM res_users_log l
              JOIN res_users u ON u.id = l.create_uid
        """

    @api.model
    def _egov_add_figures(self, figures, companies, start, end):
        period = [("company_id", "in", companies.ids), ("date", ">=", start), ("date", "<", end)]
        for company, logins, users in self._read_group(
            period, ["company_id"], ["login_count:sum", "user_id:count_distinct"]
        ):
            figures[company.id]["logins"] = logins
            figures[company.id]["active_users"] = users
