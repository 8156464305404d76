from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .egov_guard import is_system, system_env


class EgovAssignmentExtension(models.Model):
    """A handler's request to move an assignment's deadline, decided by who assigned it."""

    _name = "egov.assignment.extension"
    _inherit = ["egov.guarded.mixin"]
    _description = "Deadline Extension Request"
    _order = "id desc"
    _egov_system_fields = frozenset(
        {
            "assignment_id",
            "requested_by_id",
            "current_deadline",
            "requested_deadline",
            "reason",
            "state",
            "decided_by_id",
            "decided_at",
        }
    )

    assignment_id = fields.Many2one(
        "egov.assignment", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="assignment_id.company_id", store=True, index=True)
    document_id = fields.Many2one(related="assignment_id.document_id", store=True)
    requested_by_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, required=True, readonly=True
    )
    current_deadline = fields.Datetime(readonly=True)
    requested_deadline = fields.Datetime(required=True)
    reason = fields.Text(required=True)
    state = fields.Selection(
        [("pending", "Pending"), ("approved", "Approved"), ("refused", "Refused")],
        default="pending",
        required=True,
        readonly=True,
    )
    decided_by_id = fields.Many2one("res.users", readonly=True)
    decided_at = fields.Datetime(readonly=True)
    decision_note = fields.Text()

    @api.model_create_multi
    def create(self, vals_list):
        if not is_system(self.env):
            raise UserError(
                self.env._("An extension is requested from the assignment, by its handler.")
            )
        for vals in vals_list:
            assignment = self.env["egov.assignment"].browse(vals["assignment_id"])
            vals["current_deadline"] = assignment.deadline
        return super().create(vals_list)

    def write(self, vals):
        if "decision_note" in vals and not is_system(self.env):
            # the note is the decider's: written by who assigned the work, not by the requester
            for request in self:
                request.assignment_id._egov_check_assigner()
                if request.requested_by_id == self.env.user:
                    raise AccessError(
                        self.env._(
                            "%(user)s asked for this extension and cannot decide it.",
                            user=self.env.user.name,
                        )
                    )
        return super().write(vals)

    def _decide(self, approve, note=None):
        for request in self:
            if request.state != "pending":
                raise UserError(self.env._("This extension request was already decided."))
            request.assignment_id._egov_check_assigner()
            if request.requested_by_id == self.env.user:
                raise AccessError(
                    self.env._(
                        "%(user)s asked for this extension and cannot decide it.",
                        user=self.env.user.name,
                    )
                )
            if not approve and not (note or "").strip():
                raise UserError(self.env._("Give the reason for refusing the extension."))
        now = fields.Datetime.now()
        system_env(self).write(
            {
                "state": "approved" if approve else "refused",
                "decided_by_id": self.env.uid,
                "decided_at": now,
                "decision_note": note,
            }
        )
        for request in self:
            assignment = request.assignment_id
            if approve:
                system_env(assignment).write(
                    {
                        "deadline": request.requested_deadline,
                        "reminded_at": False,
                        "escalated_at": False,
                    }
                )
            assignment.document_id.message_post(
                body=(
                    self.env._("Extension of %(node)s to %(deadline)s approved. %(note)s")
                    if approve
                    else self.env._("Extension of %(node)s to %(deadline)s refused: %(note)s")
                )
                % {
                    "node": assignment.display_name,
                    "deadline": assignment.document_id._egov_format_dt(request.requested_deadline),
                    "note": note or "",
                },
                partner_ids=request.requested_by_id.partner_id.ids,
            )
        for request in self:
            document = request.assignment_id.document_id
            assigner = request.assignment_id.assigned_by_id
            still_pending = self.sudo().search_count(
                [
                    ("assignment_id.document_id", "=", document.id),
                    ("assignment_id.assigned_by_id", "=", assigner.id),
                    ("state", "=", "pending"),
                ]
            )
            if not still_pending:
                document._egov_activity_close(("extension",), users=assigner, feedback=note)
        return True

    def action_approve(self):
        return self._decide(True, self.decision_note)

    def action_refuse(self):
        return self._decide(False, self.decision_note)
