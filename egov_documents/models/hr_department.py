from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HrDepartment(models.Model):
    """A unit inside an agency (phòng, ban). Its abbreviation ends the notation of a
    công văn it drafts: ``12/UBND-VX`` (NĐ 30/2020 Phụ lục I, II.3.c)."""

    _inherit = "hr.department"  # pylint: disable=consider-merging-classes-inherited

    egov_abbreviation = fields.Char(
        string="Unit Abbreviation",
        help="Abbreviation of the unit or subject area used in công văn notations, e.g. VX.",
    )
    egov_handler_user_id = fields.Many2one(
        "res.users",
        string="Unit Work Recipient",
        check_company=True,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        help="Who receives the work and documents sent to this unit when it has no manager "
        "(a deputy or the officer in charge). Work sent to a unit goes to its manager, "
        "else to this person.",
    )

    @api.constrains("egov_handler_user_id", "company_id")
    def _check_egov_handler_user_company(self):
        for department in self.filtered("egov_handler_user_id"):
            if (
                department.company_id
                and department.company_id not in department.egov_handler_user_id.sudo().company_ids
            ):
                raise ValidationError(
                    self.env._(
                        "%(user)s does not work in %(agency)s and cannot receive the work of "
                        "unit %(unit)s.",
                        user=department.egov_handler_user_id.name,
                        agency=department.company_id.name,
                        unit=department.display_name,
                    )
                )

    def _egov_work_recipient(self):
        """Who receives what is sent to this unit: its manager, else its work recipient."""
        self.ensure_one()
        return self.manager_id.user_id or self.egov_handler_user_id

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
