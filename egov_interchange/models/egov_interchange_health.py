from odoo import fields, models


class EgovInterchangeHealth(models.Model):
    """The health of a backend's link to the axis (last poll, last answer, last failure and
    its error, last alert), kept apart from the backend: every job of the agency reports it,
    in a short transaction of its own, while other jobs insert exchange messages that refer
    to the backend; on the backend's own row those writes would make the inserts fail with
    serialization errors. Written and read by the transport code only (no access right)."""

    _name = "egov.interchange.health"
    _description = "Axis Link Health"

    backend_id = fields.Many2one(
        "egov.interchange.backend", required=True, index=True, ondelete="cascade"
    )
    last_poll_at = fields.Datetime()
    last_success_at = fields.Datetime()
    last_failure_at = fields.Datetime()
    last_error = fields.Text()
    last_alert_at = fields.Datetime()

    _sql_constraints = [
        ("backend_unique", "UNIQUE(backend_id)", "A backend has one health record."),
    ]
