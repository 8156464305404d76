from odoo import api, models


class EgovDocumentFile(models.Model):
    """Adding, replacing or removing a file of an arrived incoming document checks its
    signatures again."""

    _inherit = "egov.document.file"

    @api.model_create_multi
    def create(self, vals_list):
        files = super().create(vals_list)
        files.document_id._egov_recheck_on_file_change()
        return files

    def write(self, vals):
        result = super().write(vals)
        if {"datas", "role"} & set(vals):
            self.document_id._egov_recheck_on_file_change()
        return result

    def unlink(self):
        documents = self.document_id
        result = super().unlink()
        documents.exists()._egov_recheck_on_file_change()
        return result
