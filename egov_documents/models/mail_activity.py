from odoo import fields, models

#: the workflow steps a to-do can stand for; a step's to-dos close together when the step is
#: done, for everyone who was asked, and no other to-do of the document closes with them
EGOV_ACTIVITY_STEPS = [
    ("register", "Register"),
    ("distribute", "Distribute"),
    ("handle", "Handle"),
    ("assignment_returned", "Assignment Returned"),
    ("extension", "Extension Request"),
    ("overdue", "Overdue Assignment"),
    ("visa", "Visa"),
    ("opinion", "Opinion"),
    ("sign", "Approve and Sign"),
    ("number", "Assign Number"),
    ("issue", "Issue"),
]
ALL_STEPS = tuple(step for step, _label in EGOV_ACTIVITY_STEPS)


class MailActivity(models.Model):
    _inherit = "mail.activity"

    egov_step = fields.Selection(
        EGOV_ACTIVITY_STEPS,
        string="Workflow Step",
        index="btree_not_null",
        readonly=True,
        help="Technical: the document workflow step this to-do asks for; it closes when "
        "that step is done.",
    )


class MailActivityMixin(models.AbstractModel):
    _inherit = "mail.activity.mixin"

    def _egov_activity_schedule(self, step, user, summary, note="", date_deadline=None):
        """Ask ``user`` to do workflow ``step`` on these records (a to-do marked with it)."""
        if not user:
            return self.env["mail.activity"]
        return self.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=date_deadline,
            user_id=user.id,
            summary=summary,
            note=note,
            egov_step=step,
        )

    def _egov_activity_close(self, steps, users=None, feedback=None, unlink=False):
        """Workflow ``steps`` are done on these records: mark done (or drop, with ``unlink``)
        exactly their to-dos, of everyone asked, or only of ``users``. Called by the workflow
        methods after they checked their caller; the to-dos of other users need sudo."""
        domain = [
            ("res_model", "=", self._name),
            ("res_id", "in", self.ids),
            ("egov_step", "in", list(steps)),
        ]
        if users is not None:
            domain.append(("user_id", "in", users.ids))
        activities = self.env["mail.activity"].sudo().search(domain)
        if not activities:
            return False
        if unlink:
            activities.unlink()
        else:
            activities.action_feedback(feedback=feedback)
        return True
