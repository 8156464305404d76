from odoo import api, fields, models
from odoo.exceptions import UserError

from .egov_guard import is_system


class EgovDossierDocument(models.Model):
    """A document in a dossier, with its ordinal (số thứ tự) and the metadata of NĐ 30/2020
    Phụ lục VI as they were when it joined and, refreshed, when the dossier closed. The
    metadata stay when the document's files are destroyed or the dossier is imported from a
    package (then without a document of this database)."""

    _name = "egov.dossier.document"
    _description = "Document in a Dossier"
    _inherit = ["egov.guarded.mixin"]
    _order = "dossier_id, ordinal, id"
    _check_company_auto = True

    # Every field is the dossier's record: written by adding, closing and importing only.
    _egov_system_fields = frozenset(
        {
            "dossier_id",
            "document_id",
            "ordinal",
            "added_by_id",
            "added_at",
            "direction",
            "type_name",
            "number",
            "notation",
            "issued_date",
            "organ_name",
            "subject",
            "language",
            "page_amount",
            "description",
            "signer_position",
            "signer_name",
            "arrival_number",
            "arrival_date",
        }
    )

    dossier_id = fields.Many2one(
        "egov.dossier", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="dossier_id.company_id", store=True, index=True)
    dossier_state = fields.Selection(related="dossier_id.state")
    document_id = fields.Many2one(
        "egov.document", index="btree_not_null", ondelete="restrict", check_company=True
    )
    ordinal = fields.Integer(required=True, readonly=True)
    added_by_id = fields.Many2one("res.users", readonly=True)
    added_at = fields.Datetime(readonly=True)
    direction = fields.Char(readonly=True)
    type_name = fields.Char(string="Document Type", readonly=True)
    number = fields.Char(readonly=True)
    notation = fields.Char(readonly=True)
    issued_date = fields.Date(string="Document Date", readonly=True)
    organ_name = fields.Char(string="Issuing Agency", readonly=True)
    subject = fields.Char(readonly=True)
    language = fields.Char(readonly=True)
    page_amount = fields.Integer(string="Pages", readonly=True)
    description = fields.Text(string="Notes", readonly=True)
    signer_position = fields.Char(readonly=True)
    signer_name = fields.Char(string="Signer", readonly=True)
    arrival_number = fields.Integer(readonly=True)
    arrival_date = fields.Date(readonly=True)
    file_ids = fields.One2many("egov.dossier.file", "line_id", string="Files Kept")

    _sql_constraints = [
        (
            "ordinal_unique",
            "UNIQUE(dossier_id, ordinal)",
            "Each document of a dossier has its own ordinal.",
        ),
        ("document_unique", "UNIQUE(dossier_id, document_id)", "A document is in a dossier once."),
    ]

    @api.depends("ordinal", "subject", "number", "notation")
    def _compute_display_name(self):
        for line in self:
            reference = "/".join(part for part in (line.number, line.notation) if part)
            line.display_name = " – ".join(
                part for part in (str(line.ordinal), reference, line.subject) if part
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not is_system(self.env):
            raise UserError(
                self.env._(
                    "Documents join a dossier through Add to Dossier, never by creating a "
                    "line by hand."
                )
            )
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_from_open_dossiers(self):
        if not is_system(self.env):
            self.dossier_id._egov_check_open()
            self.dossier_id._egov_check_may_work()

    def action_remove(self):
        """Take this document out of its open dossier."""
        for dossier in self.dossier_id:
            dossier._egov_remove_lines(self.filtered(lambda line, d=dossier: line.dossier_id == d))
        return True

    @api.model
    def _egov_snapshot_vals(self, document):
        """The metadata of ``document`` kept in the dossier (NĐ 30/2020 Phụ lục VI)."""
        incoming = document.direction == "incoming"
        return {
            "direction": document.direction,
            "type_name": document.document_type_id.name or "",
            "number": document.number or "",
            "notation": document.notation or "",
            "issued_date": document.issued_date,
            "organ_name": document.issuing_agency_id.name or document.company_id.name or "",
            "subject": document.subject or "",
            "language": document.language or "vi",
            "page_amount": document.page_count or 0,
            "description": document.description or "",
            "signer_position": document.signer_position or "",
            "signer_name": document.signer_name or "",
            "arrival_number": document.arrival_number
            if incoming and document.arrival_number
            else False,
            "arrival_date": document.received_at.date()
            if incoming and document.received_at
            else False,
        }
