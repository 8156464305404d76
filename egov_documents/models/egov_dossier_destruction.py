from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .egov_guard import system_env


class EgovDossier(models.Model):
    """Destruction of a dossier whose retention expired: the clerk lists it, every approver
    the agency configured approves, and only then are its files destroyed. The dossier keeps
    its metadata, its document list and the approval trail."""

    _inherit = "egov.dossier"  # pylint: disable=consider-merging-classes-inherited

    destruction_round = fields.Integer(readonly=True, copy=False)
    destruction_requested_at = fields.Datetime(readonly=True, copy=False)
    destruction_approval_ids = fields.One2many(
        "egov.dossier.destruction.approval", "dossier_id", string="Destruction Approvals"
    )
    can_decide_destruction = fields.Boolean(compute="_compute_can_decide_destruction")

    @api.depends("state", "destruction_round", "destruction_approval_ids")
    @api.depends_context("uid")
    def _compute_can_decide_destruction(self):
        for dossier in self:
            dossier.can_decide_destruction = (
                dossier.state == "destruction_pending"
                and self.env.user in dossier.company_id.sudo().egov_dossier_destruction_approver_ids
                and self.env.user not in dossier._egov_current_approvals().user_id
            )

    def _egov_current_approvals(self):
        self.ensure_one()
        return self.sudo().destruction_approval_ids.filtered(
            lambda a: a.round == self.destruction_round
        )

    def action_list_for_destruction(self):
        """The clerk lists closed dossiers for destruction; each approver gets a to-do."""
        self._egov_check_move("destruction_pending")
        for dossier in self:
            approvers = dossier.company_id.sudo().egov_dossier_destruction_approver_ids
            if not approvers:
                raise UserError(
                    self.env._(
                        "%(agency)s has no destruction approvers: configure them in the agency's "
                        "settings before listing %(dossier)s.",
                        agency=dossier.company_id.name,
                        dossier=dossier.display_name,
                    )
                )
            dossier._egov_move(
                "destruction_pending",
                {
                    "destruction_round": dossier.destruction_round + 1,
                    "destruction_requested_at": fields.Datetime.now(),
                },
            )
            for approver in approvers:
                dossier.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=approver.id,
                    summary=self.env._("Approve the destruction of the dossier"),
                )
            dossier.message_post(
                body=self.env._(
                    "Listed for destruction; approvals needed from %(users)s.",
                    users=", ".join(approvers.mapped("name")),
                )
            )
        return True

    def action_cancel_destruction(self):
        """The clerk takes the dossier off the destruction list; it is closed again."""
        self._egov_move("closed")
        return True

    def action_approve_destruction(self):
        return self._egov_decide_destruction("approved")

    def action_refuse_destruction(self):
        return self._egov_decide_destruction("refused")

    def _egov_decide_destruction(self, decision, note=None):
        """An approver's decision; the last approval destroys, a refusal closes it again."""
        for dossier in self:
            dossier.check_access("read")
            if dossier.state != "destruction_pending":
                raise UserError(
                    self.env._(
                        "%(dossier)s is not listed for destruction.", dossier=dossier.display_name
                    )
                )
            approvers = dossier.company_id.sudo().egov_dossier_destruction_approver_ids
            if self.env.user not in approvers:
                raise AccessError(
                    self.env._(
                        "Only the destruction approvers of %(agency)s decide on destroying "
                        "%(dossier)s.",
                        agency=dossier.company_id.name,
                        dossier=dossier.display_name,
                    )
                )
            if self.env.user in dossier._egov_current_approvals().user_id:
                raise UserError(
                    self.env._(
                        "You already decided on the destruction of %(dossier)s.",
                        dossier=dossier.display_name,
                    )
                )
            # the caller is a configured approver of this agency: the trail and the move are the system's
            system_env(self.env["egov.dossier.destruction.approval"], sudo=True).create(
                {
                    "dossier_id": dossier.id,
                    "user_id": self.env.uid,
                    "round": dossier.destruction_round,
                    "decision": decision,
                    "decided_at": fields.Datetime.now(),
                    "note": note,
                }
            )
            dossier.activity_feedback(["mail.mail_activity_data_todo"], user_id=self.env.uid)
            sudo_dossier = dossier.sudo()
            if decision == "refused":
                sudo_dossier._egov_move("closed")
                sudo_dossier.message_post(
                    body=self.env._("%(user)s refused the destruction.", user=self.env.user.name)
                )
                continue
            approved = (
                dossier._egov_current_approvals()
                .filtered(lambda a: a.decision == "approved")
                .user_id
            )
            sudo_dossier.message_post(
                body=self.env._(
                    "%(user)s approved the destruction (%(count)s of %(total)s).",
                    user=self.env.user.name,
                    count=len(approved & approvers),
                    total=len(approvers),
                )
            )
            if not approvers - approved:
                sudo_dossier._egov_destroy()
        return True

    def _egov_destroy(self):
        """Destroy the files of the dossier (every approval was given; called in sudo by the
        last approval): the kept copies, the package, and the document files unless another
        dossier that is not destroyed still holds the document."""
        self.ensure_one()
        Attachment = self.env["ir.attachment"].sudo()
        documents = self.document_ids.document_id
        elsewhere = (
            self.env["egov.dossier.document"]
            .sudo()
            .search(
                [
                    ("document_id", "in", documents.ids),
                    ("dossier_id", "!=", self.id),
                    ("dossier_id.state", "!=", "destroyed"),
                ]
            )
            .document_id
        )
        document_files = (documents - elsewhere).sudo().file_ids
        Attachment.search(
            [
                ("res_field", "=", "datas"),
                "|",
                "&",
                ("res_model", "=", "egov.dossier.file"),
                ("res_id", "in", self.file_ids.ids),
                "&",
                ("res_model", "=", "egov.document.file"),
                ("res_id", "in", document_files.ids),
            ]
        ).unlink()
        (self.package_attachment_id | self.transfer_list_id).sudo().unlink()
        self.env.invalidate_all()
        self._egov_move("destroyed", {"destroyed_at": fields.Datetime.now()})
        self.message_post(
            body=self.env._(
                "Destroyed after every approval: its files were deleted; its metadata, "
                "document list and approval trail are kept."
            )
        )
