from odoo import api, fields, models
from odoo.exceptions import UserError


class EgovDocument(models.Model):
    """A document's dossiers: where it ends its life (Kon Tum Điều 14, 16.3; Thái Bình
    Điều 4.1, 5.2; Tây Ninh Điều 8.2.c, 11). Its files are frozen once a dossier holding it
    is closed."""

    _inherit = "egov.document"  # pylint: disable=consider-merging-classes-inherited

    dossier_line_ids = fields.One2many(
        "egov.dossier.document", "document_id", string="Dossier Entries"
    )
    dossier_count = fields.Integer(string="Dossiers", compute="_compute_dossier_count")

    def _compute_dossier_count(self):
        counts = dict(
            self.env["egov.dossier.document"]._read_group(
                [("document_id", "in", self.ids)], ["document_id"], ["__count"]
            )
        )
        for document in self:
            document.dossier_count = counts.get(document, 0)

    def action_open_dossiers(self):
        self.ensure_one()
        dossiers = (
            self.env["egov.dossier.document"].search([("document_id", "=", self.id)]).dossier_id
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "egov.dossier",
            "name": self.env._("Dossiers"),
            "view_mode": "list,form",
            "domain": [("id", "in", dossiers.ids)],
        }

    def action_add_to_dossier(self):
        """Open the wizard that adds these documents to an open dossier of their agency."""
        companies = self.company_id
        if len(companies) > 1:
            raise UserError(
                self.env._(
                    "Choose documents of one agency: a dossier keeps its own agency's documents."
                )
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "egov.dossier.add.wizard",
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Add to Dossier"),
            "context": {
                "default_document_ids": [fields.Command.set(self.ids)],
                "default_company_id": companies.id,
            },
        }

    @api.model
    def _egov_closed_dossier_states(self):
        return ("closed", "archived", "destruction_pending", "destroyed")

    def _egov_check_files_editable(self, operation="write"):
        """The files of a document in a closed dossier are the dossier's record."""
        res = super()._egov_check_files_editable(operation)
        lines = (
            self.env["egov.dossier.document"]
            .sudo()
            .search(
                [
                    ("document_id", "in", self.ids),
                    ("dossier_id.state", "in", self._egov_closed_dossier_states()),
                ],
                limit=1,
            )
        )
        if lines:
            raise UserError(
                self.env._(
                    "The files of %(document)s are kept in a closed dossier and can no longer "
                    "change.",
                    document=lines.document_id.with_env(self.env).display_name,
                )
            )
        return res
