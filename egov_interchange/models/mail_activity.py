from odoo import fields, models

#: the interchange's workflow steps a to-do can stand for (see egov_documents' mail_activity)
INTERCHANGE_STEPS = [
    ("recall_answer", "Answer Recall Request"),
    ("reply_overdue", "Reply Overdue"),
    ("axis_alert", "Axis Unreachable"),
]


class MailActivity(models.Model):
    _inherit = "mail.activity"  # pylint: disable=consider-merging-classes-inherited

    egov_step = fields.Selection(
        selection_add=INTERCHANGE_STEPS,
        ondelete=dict.fromkeys((step for step, _label in INTERCHANGE_STEPS), "set null"),
    )
