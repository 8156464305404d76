from odoo import api, fields, models
from odoo.exceptions import UserError

from .egov_guard import is_system

MEMBER_ROLES = [
    ("drafter", "Drafter"),
    ("clerk", "Clerk"),
    ("lead", "Lead"),
    ("coordinator", "Coordinator"),
    ("follower", "Follower"),
    ("reviewer", "Reviewer"),
    ("signer", "Signer"),
    ("leader", "Leader"),
]


class EgovDocumentMember(models.Model):
    """Who takes part in a document and how. The officer record rule reads this table
    (indexed on user) instead of a computed or many2many permission field, so access
    checks stay one indexed sub-select on a province-sized database."""

    _name = "egov.document.member"
    _description = "Document Member"
    _order = "document_id, id"

    document_id = fields.Many2one("egov.document", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="document_id.company_id", store=True, index=True)
    user_id = fields.Many2one("res.users", required=True, index=True, ondelete="cascade")
    role = fields.Selection(MEMBER_ROLES, required=True)

    _sql_constraints = [
        (
            "member_unique",
            "UNIQUE(document_id, user_id, role)",
            "This person already has this role on the document.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        if not is_system(self.env):
            raise UserError(
                self.env._("Who takes part in a document is set by its workflow, never by hand.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if not is_system(self.env):
            raise UserError(
                self.env._("Who takes part in a document is set by its workflow, never by hand.")
            )
        return super().write(vals)
