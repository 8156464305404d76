from odoo import fields, models

MESSAGE_TYPES = [("edoc", "Document"), ("status", "Status")]
TRANSPORT_STATES = [
    ("pending", "Pending"),
    ("processing", "Processing"),
    ("done", "Done"),
    ("fail", "Failed"),
]
ROUTES = [
    ("local", "Between agencies of this hub"),
    ("outbound", "To the national axis"),
    ("inbound", "From the national axis"),
]


class EgovAxisItem(models.Model):
    """One package on the hub for one recipient. A package sent to several agencies makes
    one item per recipient, all with the sender's DocId; the recipient lists, gets and
    acknowledges its own item only. Written by the hub code only (no write access)."""

    _name = "egov.axis.item"
    _description = "Axis Package"
    _order = "id desc"
    _rec_name = "doc_id"

    doc_id = fields.Char("DocId", required=True, index=True, readonly=True)
    from_code = fields.Char("From", required=True, index=True, readonly=True)
    to_code = fields.Char("To", required=True, index=True, readonly=True)
    messagetype = fields.Selection(MESSAGE_TYPES, "Message type", required=True, readonly=True)
    route = fields.Selection(ROUTES, required=True, default="local", index=True, readonly=True)
    package = fields.Binary(attachment=True, readonly=True)
    package_hash = fields.Char("SHA-256", readonly=True)
    package_size = fields.Integer("Size (bytes)", readonly=True)
    state = fields.Selection(
        TRANSPORT_STATES,
        "Transport status",
        default="pending",
        required=True,
        index=True,
        readonly=True,
    )
    state_date = fields.Datetime("Status updated", readonly=True)
    upstream_doc_id = fields.Char("National axis DocId", index=True, readonly=True)
    relay_attempts = fields.Integer(readonly=True)
    relay_error = fields.Text(readonly=True)

    _sql_constraints = [
        (
            "doc_recipient_unique",
            "unique(doc_id, to_code)",
            "A package is on the axis once for each recipient.",
        )
    ]
