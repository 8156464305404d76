from odoo import api, models


class EgovDocument(models.Model):
    """The document shows its own PDF beside its form (see the preview mixin)."""

    _name = "egov.document"
    _inherit = ["egov.document", "egov.document.preview.mixin"]

    def _egov_preview_depends(self):
        return ["file_ids", "file_ids.file_format", "file_ids.role", "file_ids.sequence"]

    def _egov_preview_document(self):
        self.ensure_one()
        return self._origin

    # What is shown is never saved: a form sends the chosen file back with its other changes,
    # and a registered or signed document refuses any plain write.
    @api.model_create_multi
    def create(self, vals_list):
        return super().create([_without_preview(vals) for vals in vals_list])

    def write(self, vals):
        vals = _without_preview(vals)
        return super().write(vals) if vals else True


def _without_preview(vals):
    return {key: value for key, value in vals.items() if key != "preview_file_id"}
