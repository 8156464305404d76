from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HrDepartment(models.Model):
    """A unit inside an agency (phòng, ban). Its abbreviation ends the notation of a
    công văn it drafts: ``12/UBND-VX`` (NĐ 30/2020 Phụ lục I, II.3.c)."""

    _inherit = "hr.department"

    egov_abbreviation = fields.Char(
        string="Unit Abbreviation",
        help="Abbreviation of the unit or subject area used in công văn notations, e.g. VX.",
    )

    @api.constrains("egov_abbreviation")
    def _check_egov_abbreviation(self):
        for department in self.filtered("egov_abbreviation"):
            if any(char in department.egov_abbreviation for char in " /"):
                raise ValidationError(
                    self.env._(
                        "The abbreviation %(abbreviation)s of unit %(unit)s may not contain "
                        "spaces or '/'.",
                        abbreviation=department.egov_abbreviation,
                        unit=department.display_name,
                    )
                )
