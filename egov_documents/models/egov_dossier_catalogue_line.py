from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .egov_dossier_engine import code_selection, engine
from .egov_guard import system_env

CLERK = "egov_documents.group_egov_clerk"
AGENCY_LEADER = "egov_documents.group_egov_agency_leader"


class EgovDossierCatalogueLine(models.Model):
    """A planned dossier of the catalogue (Phụ lục V: số và ký hiệu hồ sơ, tên đề mục và
    tiêu đề hồ sơ, thời hạn bảo quản, đơn vị/người lập hồ sơ)."""

    _name = "egov.dossier.catalogue.line"
    _description = "Dossier Catalogue Line"
    _order = "catalogue_id, sequence, id"
    _check_company_auto = True

    catalogue_id = fields.Many2one(
        "egov.dossier.catalogue", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="catalogue_id.company_id", store=True, index=True)
    year = fields.Integer(related="catalogue_id.year", store=True, index=True)
    catalogue_state = fields.Selection(related="catalogue_id.state")
    sequence = fields.Integer(default=10)
    notation = fields.Char(
        string="Dossier Number and Notation",
        required=True,
        help="Số và ký hiệu hồ sơ, e.g. 01.TH; the FileNotation of the dossier.",
    )
    title = fields.Char(required=True)
    maintenance = fields.Selection(
        selection=lambda self: code_selection("MAINTENANCE"), string="Retention", required=True
    )
    maintenance_years = fields.Integer(string="Retention (years)")
    rights = fields.Selection(
        selection=lambda self: code_selection("RIGHTS"), string="Access Regime", required=True
    )
    responsible_user_id = fields.Many2one(
        "res.users", string="Responsible Officer", index=True, check_company=True
    )
    department_id = fields.Many2one(
        "hr.department", string="Responsible Unit", index=True, check_company=True
    )
    dossier_ids = fields.One2many("egov.dossier", "catalogue_line_id", string="Dossiers")
    dossier_count = fields.Integer(compute="_compute_dossier_count")

    _sql_constraints = [
        (
            "notation_unique",
            "UNIQUE(company_id, year, notation)",
            "A notation is used once in an agency's dossier catalogue of a year.",
        ),
    ]

    def _compute_dossier_count(self):
        counts = dict(
            self.env["egov.dossier"]._read_group(
                [("catalogue_line_id", "in", self.ids)], ["catalogue_line_id"], ["__count"]
            )
        )
        for line in self:
            line.dossier_count = counts.get(line, 0)

    @api.depends("notation", "title")
    def _compute_display_name(self):
        for line in self:
            line.display_name = " – ".join(part for part in (line.notation, line.title) if part)

    @api.constrains("notation")
    def _check_notation(self):
        for line in self:
            try:
                engine().check_file_notation(line.notation)
            except ValueError as error:  # the engine's RuleError, with its message template
                raise ValidationError(self.env._(error.template, **error.params)) from error

    @api.constrains("responsible_user_id", "department_id")
    def _check_responsible(self):
        for line in self:
            if not (line.responsible_user_id or line.department_id):
                raise ValidationError(
                    self.env._(
                        "Say who forms dossier %(line)s: an officer or a unit.",
                        line=line.display_name,
                    )
                )

    @api.constrains("maintenance", "maintenance_years")
    def _check_maintenance_years(self):
        for line in self:
            if line.maintenance_years < 0:
                raise ValidationError(self.env._("A retention in years cannot be negative."))

    # --- A line changes only while its catalogue is a draft -----------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        catalogues = self.env["egov.dossier.catalogue"].browse(
            {vals["catalogue_id"] for vals in vals_list if vals.get("catalogue_id")}
        )
        catalogues._egov_check_lines_editable()
        return super().create(vals_list)

    def write(self, vals):
        self.catalogue_id._egov_check_lines_editable()
        if "catalogue_id" in vals and any(
            line.catalogue_id.id != vals["catalogue_id"] for line in self
        ):
            raise UserError(self.env._("A planned dossier stays in its catalogue."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_in_draft(self):
        self.catalogue_id._egov_check_lines_editable()

    # --- Opening a dossier ------------------------------------------------------------------
    def _egov_responsible_user(self):
        self.ensure_one()
        return self.responsible_user_id or self.department_id.manager_id.user_id

    def _egov_check_may_open(self):
        user = self.env.user
        for line in self:
            if line.catalogue_id.state != "approved":
                raise UserError(
                    self.env._(
                        "%(catalogue)s is not approved yet: dossiers are opened from an "
                        "approved catalogue.",
                        catalogue=line.catalogue_id.display_name,
                    )
                )
            if not (
                user.has_group(CLERK)
                or user.has_group(AGENCY_LEADER)
                or user == line._egov_responsible_user()
            ):
                raise AccessError(
                    self.env._(
                        "Only the clerk, an agency leader or the officer responsible for "
                        "%(line)s may open its dossier.",
                        line=line.display_name,
                    )
                )

    def action_open_dossier(self):
        """Open (or show, when already opened) the dossier of this catalogue line."""
        self.ensure_one()
        dossier = self.dossier_ids.filtered(lambda d: d.state != "destroyed")[:1]
        if not dossier:
            self._egov_check_may_open()
            responsible = self._egov_responsible_user()
            dossier = (
                system_env(self.env["egov.dossier"])
                .create(
                    {
                        "company_id": self.company_id.id,
                        "catalogue_line_id": self.id,
                        "year": self.year,
                        "notation": self.notation,
                        "title": self.title,
                        "maintenance": self.maintenance,
                        "maintenance_years": self.maintenance_years,
                        "rights": self.rights,
                        "responsible_user_id": responsible.id,
                        "department_id": self.department_id.id,
                        "creator": self.department_id.name
                        or responsible.name
                        or self.company_id.name,
                    }
                )
                .with_env(self.env)
            )
        return dossier._egov_form_action()
