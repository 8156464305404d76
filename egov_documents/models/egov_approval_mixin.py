from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from .egov_approval_step import ANSWERED_STATES
from .egov_guard import system_env


class EgovApprovalMixin(models.AbstractModel):
    """A review circuit for any record: sequential visas and parallel opinion requests.

    Configured by class attributes (as OCA ``base_tier_validation``):

    - ``_egov_approval_state_field``: the record's state field;
    - ``_egov_approval_draft_state`` / ``_egov_approval_review_state`` /
      ``_egov_approval_done_state``: where the circuit starts, runs and ends.

    ``action_submit_for_review(steps)`` opens a round; each reviewer answers with
    ``_egov_approval_answer``. Visas are asked one after another; a disagreeing visa sends
    the record back to draft with the comment. Opinions are asked all at once and never
    block, but are shown with the visas. When the last visa agrees the circuit calls
    ``_egov_on_review_passed`` (the model decides what comes next).
    """

    _name = "egov.approval.mixin"
    _description = "Review Circuit"

    _egov_approval_state_field = "state"
    _egov_approval_draft_state = "draft"
    _egov_approval_review_state = "in_review"

    approval_step_ids = fields.One2many(
        "egov.approval.step",
        "res_id",
        string="Review Steps",
        domain=lambda self: [("res_model", "=", self._name)],
    )
    approval_round = fields.Integer(default=0, copy=False, readonly=True)
    approval_pending_user_ids = fields.Many2many(
        "res.users", compute="_compute_approval_pending_user_ids", string="Awaiting Answer From"
    )
    approval_can_answer = fields.Boolean(compute="_compute_approval_pending_user_ids")

    def _compute_approval_pending_user_ids(self):
        steps = (
            self.env["egov.approval.step"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("state", "=", "pending"),
                ]
            )
        )
        pending_by_record = {}
        for step in steps:
            pending_by_record.setdefault(step.res_id, self.env["res.users"])
            pending_by_record[step.res_id] |= step.user_id
        for record in self:
            users = pending_by_record.get(record.id, self.env["res.users"])
            record.approval_pending_user_ids = users
            record.approval_can_answer = self.env.user in users

    def _egov_current_steps(self):
        self.ensure_one()
        return system_env(self.env["egov.approval.step"], sudo=True).search(
            [
                ("res_model", "=", self._name),
                ("res_id", "=", self.id),
                ("round", "=", self.approval_round),
            ]
        )

    def _egov_submit_for_review(self, steps):
        """Open a review round. ``steps`` is a list of ``(kind, user)`` in visa order."""
        self.ensure_one()
        self.check_access("write")
        if not steps:
            raise UserError(self.env._("Choose at least one reviewer."))
        outsiders = [
            user for _kind, user in steps if self.company_id not in user.sudo().company_ids
        ]
        if outsiders:
            raise UserError(
                self.env._(
                    "Reviewers of %(record)s must belong to %(agency)s: %(users)s does not.",
                    record=self.display_name,
                    agency=self.company_id.name,
                    users=outsiders[0].name,
                )
            )
        if (
            not any(kind == "visa" for kind, _user in steps)
            and not self._egov_review_allows_opinion_only()
        ):
            raise UserError(self.env._("A review circuit needs at least one visa."))
        self._egov_move(self._egov_approval_review_state)
        round_number = self.approval_round + 1
        system_env(self).approval_round = round_number
        Step = system_env(self.env["egov.approval.step"], sudo=True)
        created = Step.create(
            [
                {
                    "res_model": self._name,
                    "res_id": self.id,
                    "company_id": self.company_id.id,
                    "round": round_number,
                    "sequence": index,
                    "kind": kind,
                    "user_id": user.id,
                }
                for index, (kind, user) in enumerate(steps)
            ]
        )
        self._egov_add_members(created.user_id, "reviewer")
        opinions = created.filtered(lambda s: s.kind == "opinion")
        first_visa = created.filtered(lambda s: s.kind == "visa")[:1]
        (opinions | first_visa).write({"state": "pending"})
        self._egov_notify_reviewers(opinions | first_visa)
        return True

    def _egov_review_allows_opinion_only(self):
        return False

    def _egov_notify_reviewers(self, steps):
        for step in steps:
            self._egov_activity_schedule(
                step.kind,
                step.user_id,
                note=lambda record: record.env._(
                    "Please review %(record)s.", record=record.display_name
                ),
            )

    def _egov_approval_answer(self, decision, comment=None):
        """The current user answers their pending step: ``agreed``, ``disagreed`` or
        ``other``."""
        self.ensure_one()
        if decision not in ANSWERED_STATES:
            raise UserError(self.env._("Unknown review answer %(answer)s.", answer=decision))
        step = self._egov_current_steps().filtered(
            lambda s: s.state == "pending" and s.user_id == self.env.user
        )[:1]
        if not step:
            raise AccessError(
                self.env._("%(record)s is not waiting for your review.", record=self.display_name)
            )
        if decision in ("disagreed", "other") and not (comment or "").strip():
            raise UserError(
                self.env._("Say why: a disagreement or another opinion needs a comment.")
            )
        step.write({"state": decision, "comment": comment, "decided_at": fields.Datetime.now()})
        # only this reviewer's to-do of this step: their other to-dos stay open
        self._egov_activity_close(
            (step.kind,),
            users=self.env.user,
            feedback=comment
            or dict(step._fields["state"]._description_selection(self.env))[decision],
        )
        labels = dict(step._fields["state"]._description_selection(self.env))
        self.message_post(
            body=self.env._(
                "%(kind)s by %(user)s: %(answer)s. %(comment)s",
                kind=dict(step._fields["kind"]._description_selection(self.env))[step.kind],
                user=self.env.user.name,
                answer=labels[decision],
                comment=comment or "",
            ),
        )
        if step.kind == "visa":
            if decision == "disagreed":
                self._egov_cancel_open_steps()
                self._egov_move(self._egov_approval_draft_state)
                return True
            following = self._egov_current_steps().filtered(
                lambda s: s.kind == "visa" and s.state == "waiting"
            )[:1]
            if following:
                following.state = "pending"
                self._egov_notify_reviewers(following)
            else:
                self._egov_on_review_passed()
        return True

    def _egov_cancel_open_steps(self):
        open_steps = self._egov_current_steps().filtered(
            lambda s: s.state in ("waiting", "pending")
        )
        open_steps.write({"state": "cancelled"})
        self._egov_activity_close(("visa", "opinion", "sign"), unlink=True)

    def _egov_on_review_passed(self):
        """Every visa agreed. Models decide what follows."""
        raise NotImplementedError

    def action_approval_agree(self):
        return self._egov_approval_answer("agreed", self.env.context.get("egov_review_comment"))
