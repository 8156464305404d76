from odoo import api, fields, models
from odoo.exceptions import UserError

from .egov_guard import is_system

AGENCY_LEADER = "egov_documents.group_egov_agency_leader"
CATALOGUE_STATES = [("draft", "Draft"), ("approved", "Approved")]


class EgovDossierCatalogue(models.Model):
    """The dossier catalogue (danh mục hồ sơ) of an agency for a year: the dossiers it
    plans to form, each with its notation, title, retention and who forms it (NĐ 30/2020
    Điều 28 and Phụ lục V; Kon Tum Điều 14.9). The clerk drafts it, the agency leader
    approves it; dossiers are opened from the lines of an approved catalogue."""

    _name = "egov.dossier.catalogue"
    _description = "Dossier Catalogue"
    _inherit = ["egov.mail.thread", "egov.state.machine.mixin"]
    _order = "year desc, id desc"
    _check_company_auto = True

    _egov_transitions = {"catalogue": {"draft": {"approved": AGENCY_LEADER}}}
    # an approved catalogue is the leader's decision: its lines change no more
    _egov_frozen_states = {"catalogue": {"approved": None}}
    _egov_system_fields = frozenset({"state", "approved_by_id", "approved_at"})

    company_id = fields.Many2one(
        "res.company",
        string="Agency",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    year = fields.Integer(
        required=True, index=True, default=lambda self: fields.Date.context_today(self).year
    )
    name = fields.Char(compute="_compute_name", store=True)
    state = fields.Selection(
        CATALOGUE_STATES,
        default="draft",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_at = fields.Datetime(readonly=True, copy=False)
    line_ids = fields.One2many(
        "egov.dossier.catalogue.line", "catalogue_id", string="Planned Dossiers", copy=True
    )
    line_count = fields.Integer(compute="_compute_line_count")
    can_approve = fields.Boolean(compute="_compute_can_approve")

    _sql_constraints = [
        (
            "company_year_unique",
            "UNIQUE(company_id, year)",
            "An agency has one dossier catalogue per year.",
        ),
        (
            "year_plausible",
            "CHECK(year >= 1945 AND year <= 9999)",
            "The year of a catalogue is a calendar year.",
        ),
    ]

    @api.depends("year", "company_id.name")
    def _compute_name(self):
        for catalogue in self:
            catalogue.name = self.env._(
                "Dossier catalogue %(year)s – %(agency)s",
                year=catalogue.year,
                agency=catalogue.company_id.name or "",
            )

    def _compute_line_count(self):
        for catalogue in self:
            catalogue.line_count = len(catalogue.line_ids)

    @api.depends("state")
    @api.depends_context("uid")
    def _compute_can_approve(self):
        for catalogue in self:
            catalogue.can_approve = "approved" in (catalogue.egov_allowed_moves or "").split()

    def _egov_state_machine(self):
        return "catalogue", "state"

    def action_approve(self):
        """The agency leader approves the catalogue (NĐ 30/2020 Điều 28.2)."""
        for catalogue in self:
            if not catalogue.line_ids:
                raise UserError(
                    self.env._(
                        "%(catalogue)s lists no dossier: add its lines before approval.",
                        catalogue=catalogue.display_name,
                    )
                )
        self._egov_move(
            "approved", {"approved_by_id": self.env.uid, "approved_at": fields.Datetime.now()}
        )
        return True

    def _egov_check_lines_editable(self):
        """The planned dossiers of a catalogue change only while it is a draft."""
        if is_system(self.env):
            return
        for catalogue in self:
            if catalogue.state != "draft":
                raise UserError(
                    self.env._(
                        "%(catalogue)s is approved: its planned dossiers no longer change.",
                        catalogue=catalogue.display_name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        for catalogue in self:
            if catalogue.state != "draft":
                raise UserError(
                    self.env._(
                        "%(catalogue)s is approved and cannot be deleted.",
                        catalogue=catalogue.display_name,
                    )
                )
