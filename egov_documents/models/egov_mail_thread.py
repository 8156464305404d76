from odoo import models


class EgovMailThread(models.AbstractModel):
    """Chatter of egov records. Officers often have no personal email address in the
    system: their steps still notify, by email from the agency's official mailbox,
    instead of failing."""

    _name = "egov.mail.thread"
    _inherit = ["mail.thread"]
    _description = "eGov Chatter"

    def _message_compute_author(self, author_id=None, email_from=None, raise_on_email=True):
        author_id, email_from = super()._message_compute_author(
            author_id, email_from, raise_on_email=False
        )
        if not email_from:
            agency = self.company_id[:1] if "company_id" in self._fields else self.env.company
            email_from = (agency or self.env.company).partner_id.email_formatted or False
        return author_id, email_from
