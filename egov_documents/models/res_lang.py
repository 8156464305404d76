from odoo import api, models


class ResLang(models.Model):
    _inherit = "res.lang"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _egov_use_iso_formats(self, code):
        """Show dates and times in ISO 8601 order (2026-11-20 07:30:00), the form in which
        documents are dated and exchanged (Tây Ninh 52/2019 Điều 10.3). Agencies that prefer
        the customary dd/mm/yyyy change it back under Settings > Languages."""
        languages = self.with_context(active_test=False).search([("code", "=", code)])
        languages.write({"date_format": "%Y-%m-%d", "time_format": "%H:%M:%S"})
        return True
