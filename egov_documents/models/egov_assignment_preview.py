from odoo import models

from .egov_document_preview import _without_preview


class EgovAssignment(models.Model):
    """Whoever handles an assignment reads its document's PDF beside it."""

    _name = "egov.assignment"
    _inherit = ["egov.assignment", "egov.document.preview.mixin"]

    def write(self, vals):
        vals = _without_preview(vals)
        return super().write(vals) if vals else True
