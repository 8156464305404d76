from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    """What an agency's compliance reports follow: the cadence of the periodic reports, the
    day they are due and the tolerance for "immediately". One place for these values until
    a rule profile per province carries them.

    - Tây Ninh 52/2019 Điều 13.4: a quarterly report "vào ngày 15 tháng cuối của quý".
    - Kon Tum Điều 17.1 and 20.7: six-monthly and annual reports.
    - NĐ 09/2019/NĐ-CP Điều 12: figures are cut off the day before the due day (a quarter runs
      from the 15th of the month before it to the 14th of its last month).
    - Kon Tum Điều 8.3: urgent documents are registered "ngay sau thời điểm nhận".
    """

    _inherit = "res.company"

    egov_report_quarterly = fields.Boolean(
        string="Quarterly Report",
        default=True,
        help="Prepare a report every quarter (Tây Ninh 52/2019 Điều 13.4).",
    )
    egov_report_half_yearly = fields.Boolean(
        string="Six-Monthly Report",
        default=True,
        help="Prepare a report every six months (Kon Tum Điều 17.1, 20.7).",
    )
    egov_report_yearly = fields.Boolean(
        string="Annual Report",
        default=True,
        help="Prepare a report every year (Kon Tum Điều 17.1, 20.7).",
    )
    egov_report_due_day = fields.Integer(
        string="Reports Due On Day",
        default=15,
        help="Day of the period's last month the report is due (Tây Ninh 52/2019 Điều 13.4: "
        "the 15th). Its figures run to the day before (NĐ 09/2019/NĐ-CP Điều 12).",
    )
    egov_report_urgent_register_minutes = fields.Integer(
        string="Urgent Documents: Register Within (Minutes)",
        default=60,
        help="How long after receipt an urgent document still counts as registered "
        "immediately (Kon Tum Điều 8.3).",
    )

    def _egov_report_rules(self):
        """The one place the reports read these rules from: ``{"quarter": bool, "half":
        bool, "year": bool, "due_day": int, "urgent_register_minutes": int}``."""
        self.ensure_one()
        return {
            "quarter": self.egov_report_quarterly,
            "half": self.egov_report_half_yearly,
            "year": self.egov_report_yearly,
            "due_day": self.egov_report_due_day,
            "urgent_register_minutes": self.egov_report_urgent_register_minutes,
        }

    @api.constrains("egov_report_due_day", "egov_report_urgent_register_minutes")
    def _check_egov_report_settings(self):
        for company in self:
            if not 2 <= company.egov_report_due_day <= 28:
                raise ValidationError(
                    self.env._(
                        "The reports of %(agency)s must be due between the 2nd and the 28th of "
                        "the month, not on day %(day)s.",
                        agency=company.name,
                        day=company.egov_report_due_day,
                    )
                )
            if company.egov_report_urgent_register_minutes < 0:
                raise ValidationError(
                    self.env._(
                        "The time to register an urgent document cannot be negative (%(agency)s).",
                        agency=company.name,
                    )
                )
