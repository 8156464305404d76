from odoo import models


class ResCompany(models.Model):
    """What an agency's compliance reports follow, read from its province rule profile
    (``egov.rule.profile``, overridable per agency): the cadence of the periodic reports, the
    day they are due and the tolerance for "immediately".

    - Tây Ninh 52/2019 Điều 13.4: a quarterly report "vào ngày 15 tháng cuối của quý".
    - Kon Tum Điều 17.1 and 20.7: six-monthly and annual reports.
    - NĐ 09/2019/NĐ-CP Điều 12: figures are cut off the day before the due day (a quarter runs
      from the 15th of the month before it to the 14th of its last month).
    - Kon Tum Điều 8.3: urgent documents are registered "ngay sau thời điểm nhận".
    """

    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    def _egov_report_rules(self):
        """The one place the reports read these rules from: ``{"quarter": bool, "half":
        bool, "year": bool, "due_day": int, "urgent_register_minutes": int}``."""
        self.ensure_one()
        profile = self._egov_rule_profile()
        return {
            "quarter": profile.report_quarterly,
            "half": profile.report_half_year,
            "year": profile.report_annual,
            "due_day": profile.report_due_day,
            "urgent_register_minutes": profile.urgent_present_minutes,
        }
