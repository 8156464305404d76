from odoo import models


class EgovDistributeWizard(models.TransientModel):
    """The leader reads the document while writing the directive."""

    _name = "egov.distribute.wizard"
    _inherit = ["egov.distribute.wizard", "egov.document.preview.mixin"]


class EgovReviewWizard(models.TransientModel):
    """Reviewers read the draft while giving their visa or opinion."""

    _name = "egov.review.wizard"
    _inherit = ["egov.review.wizard", "egov.document.preview.mixin"]


class EgovAssignmentWizard(models.TransientModel):
    """A unit leader reads the document while splitting the assignment."""

    _name = "egov.assignment.wizard"
    _inherit = ["egov.assignment.wizard", "egov.document.preview.mixin"]

    _egov_preview_document_path = "assignment_id.document_id"
