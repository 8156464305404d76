from odoo import api, fields, models

#: how many recipients a card or a phone list names before "+N"
CARD_RECIPIENTS = 2


class EgovDocument(models.Model):
    """What a phone list or a card shows of an outgoing document in one line."""

    _inherit = "egov.document"  # pylint: disable=consider-merging-classes-inherited

    recipient_summary = fields.Char(
        string="Sent To",
        compute="_compute_recipient_summary",
        help="The first recipients, then how many more.",
    )

    @api.depends("recipient_ids.partner_id", "recipient_ids.department_id", "recipient_ids.user_id")
    def _compute_recipient_summary(self):
        for document in self:
            names = [name for name in document.recipient_ids.mapped("display_name") if name]
            summary = ", ".join(names[:CARD_RECIPIENTS])
            if len(names) > CARD_RECIPIENTS:
                summary += f" +{len(names) - CARD_RECIPIENTS}"
            document.recipient_summary = summary
