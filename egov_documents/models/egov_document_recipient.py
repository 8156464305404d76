from odoo import api, fields, models
from odoo.exceptions import ValidationError

RECIPIENT_KINDS = [
    ("agency", "Agency"),
    ("unit", "Internal Unit"),
    ("person", "Person"),
]
DELIVERY_STATES = [
    ("pending", "Not Sent"),
    ("sent", "Sent"),
    ("delivered", "Delivered"),
    ("failed", "Failed"),
]
BUSINESS_STATUSES = [
    ("01", "01 Arrived"),
    ("02", "02 Rejected"),
    ("03", "03 Accepted"),
    ("04", "04 Assigned"),
    ("05", "05 In Progress"),
    ("06", "06 Completed"),
    ("13", "13 Recall Requested"),
    ("15", "15 Recall Accepted"),
    ("16", "16 Recall Refused"),
]


class EgovDocumentRecipient(models.Model):
    """One receiver of an outgoing document (an agency, an internal unit or a person),
    with its own delivery and business status (edXML status codes 01–06, 13, 15, 16)."""

    _name = "egov.document.recipient"
    _description = "Document Recipient"
    _order = "document_id, sequence, id"

    document_id = fields.Many2one("egov.document", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="document_id.company_id", string="Sending Agency", store=True, index=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(RECIPIENT_KINDS, required=True, default="agency")
    partner_id = fields.Many2one("res.partner", string="Agency", domain=[("is_agency", "=", True)], index="btree_not_null")
    department_id = fields.Many2one("hr.department", string="Unit")
    user_id = fields.Many2one("res.users", string="Person")
    purpose = fields.Selection(
        [("action", "For Action"), ("information", "For Information"), ("archive", "File Copy")],
        default="action",
        required=True,
    )
    paper_copy = fields.Boolean(string="Paper Copy")
    delivery_state = fields.Selection(DELIVERY_STATES, default="pending", required=True, readonly=True)
    business_status = fields.Selection(BUSINESS_STATUSES, readonly=True)
    status_at = fields.Datetime(string="Status Since", readonly=True)
    sent_at = fields.Datetime(readonly=True)
    status_note = fields.Text(readonly=True)

    @api.constrains("kind", "partner_id", "department_id", "user_id")
    def _check_target(self):
        required = {"agency": "partner_id", "unit": "department_id", "person": "user_id"}
        for recipient in self:
            if not recipient[required[recipient.kind]]:
                raise ValidationError(
                    self.env._(
                        "A recipient of kind %(kind)s needs its %(field)s.",
                        kind=dict(self._fields["kind"]._description_selection(self.env))[recipient.kind],
                        field=self._fields[required[recipient.kind]]._description_string(self.env),
                    )
                )

    @api.depends("kind", "partner_id", "department_id", "user_id")
    def _compute_display_name(self):
        for recipient in self:
            target = recipient.partner_id or recipient.department_id or recipient.user_id
            recipient.display_name = target.display_name or ""
