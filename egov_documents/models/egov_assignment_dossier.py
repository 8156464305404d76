from odoo import api, fields, models


class EgovAssignment(models.Model):
    """The work dossier of an assignment, suggested from the agency's catalogue of the
    year: the planned dossier of the handler, else of the unit (NĐ 30/2020 Điều 28–29:
    each officer forms the dossiers of the work they handle)."""

    _inherit = "egov.assignment"  # pylint: disable=consider-merging-classes-inherited

    suggested_catalogue_line_id = fields.Many2one(
        "egov.dossier.catalogue.line",
        string="Suggested Work Dossier",
        compute="_compute_suggested_dossier",
    )
    suggested_dossier_id = fields.Many2one(
        "egov.dossier", string="Suggested Open Dossier", compute="_compute_suggested_dossier"
    )

    @api.depends("responsible_user_id", "department_id", "company_id")
    def _compute_suggested_dossier(self):
        year = fields.Date.context_today(self).year
        lines = (
            self.env["egov.dossier.catalogue.line"].search(
                [
                    ("company_id", "in", self.company_id.ids),
                    ("year", "=", year),
                    ("catalogue_state", "=", "approved"),
                    "|",
                    ("responsible_user_id", "in", self.responsible_user_id.ids),
                    ("department_id", "in", self.department_id.ids),
                ]
            )
            if self.company_id
            else self.env["egov.dossier.catalogue.line"]
        )
        dossiers = self.env["egov.dossier"].search(
            [("catalogue_line_id", "in", lines.ids), ("state", "=", "open")]
        )
        for assignment in self:
            mine = lines.filtered(lambda line, a=assignment: line.company_id == a.company_id)
            line = (
                mine.filtered(
                    lambda line, a=assignment: (
                        a.responsible_user_id and line.responsible_user_id == a.responsible_user_id
                    )
                )
                or mine.filtered(
                    lambda line, a=assignment: (
                        a.department_id and line.department_id == a.department_id
                    )
                )
            )[:1]
            assignment.suggested_catalogue_line_id = line
            assignment.suggested_dossier_id = dossiers.filtered(
                lambda d, line=line: d.catalogue_line_id == line
            )[:1]
