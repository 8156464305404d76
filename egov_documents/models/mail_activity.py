from odoo import api, fields, models

#: the workflow steps a to-do can stand for; a step's to-dos close together when the step is
#: done, for everyone who was asked, and no other to-do of the document closes with them.
#: Each step has its own activity type (``data/mail_activity_type_data.xml``), found by its
#: ``egov_step``; modules that add steps ship their types the same way.
EGOV_ACTIVITY_STEPS = [
    ("register", "Register"),
    ("present", "Approve Draft"),
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


class MailActivityType(models.Model):
    _inherit = "mail.activity.type"  # pylint: disable=consider-merging-classes-inherited

    egov_step = fields.Char(
        string="Workflow Step",
        copy=False,
        index="btree_not_null",
        readonly=True,
        help="Technical: the document workflow step whose to-dos take this type.",
    )

    @api.model
    def _egov_for_step(self, step):
        """The activity type of workflow ``step`` (the generic to-do when none ships)."""
        activity_type = self.sudo().search([("egov_step", "=", step)], limit=1)
        return activity_type or self.env.ref("mail.mail_activity_data_todo").sudo()


class MailActivity(models.Model):
    _inherit = "mail.activity"  # pylint: disable=consider-merging-classes-inherited

    egov_step = fields.Selection(
        EGOV_ACTIVITY_STEPS,
        string="Workflow Step",
        index="btree_not_null",
        readonly=True,
        help="Technical: the document workflow step this to-do asks for; it closes when "
        "that step is done.",
    )


class MailActivityMixin(models.AbstractModel):
    _inherit = "mail.activity.mixin"  # pylint: disable=consider-merging-classes-inherited

    def _egov_recipient_lang(self, user):
        """The language of what the system writes for ``user``: theirs, else the agency's."""
        if user.lang:
            return user.lang
        company = self.company_id[:1] if "company_id" in self._fields else self.env.company
        return (company or self.env.company)._egov_lang()

    def _egov_activity_schedule(self, step, user, summary=None, note="", date_deadline=None):
        """Ask ``user`` to do workflow ``step`` on these records: a to-do of the step's type,
        due by the type's delay unless ``date_deadline`` is given. The type's name says what
        to do in the reader's language; ``summary`` and ``note`` add to it and may be
        callables ``(records) -> str`` called with the records in the recipient's language,
        so that the texts are written in it."""
        if not user:
            return self.env["mail.activity"]
        activity_type = self.env["mail.activity.type"]._egov_for_step(step)
        date_deadline = fields.Date.to_date(date_deadline) or activity_type._get_date_deadline()
        # one to-do of a step per person and document (a unit manager who also handles a
        # coordinating unit has one "handle" to-do), due at the earliest of the deadlines
        already = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("user_id", "=", user.id),
                    ("egov_step", "=", step),
                ]
            )
        )
        already.filtered(lambda activity: activity.date_deadline > date_deadline).write(
            {"date_deadline": date_deadline}
        )
        records = self.browse([rid for rid in self.ids if rid not in set(already.mapped("res_id"))])
        if not records:
            return self.env["mail.activity"]
        records = records.with_context(lang=self._egov_recipient_lang(user))
        summary = summary(records) if callable(summary) else summary
        note = note(records) if callable(note) else note
        return records.activity_schedule(
            date_deadline=date_deadline,
            activity_type_id=activity_type.id,
            user_id=user.id,
            summary=summary or False,
            note=note or False,
            egov_step=step,
        ).with_env(self.env)

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
