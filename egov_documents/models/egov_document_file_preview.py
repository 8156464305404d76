from odoo import models


class EgovDocumentFile(models.Model):
    _inherit = "egov.document.file"  # pylint: disable=consider-merging-classes-inherited

    def action_open_viewer(self):
        """Open the file in the inline viewer (a PDF is read, not downloaded)."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [
                (self.env.ref("egov_documents.egov_document_file_view_form_viewer").id, "form")
            ],
            "target": "current",
        }
