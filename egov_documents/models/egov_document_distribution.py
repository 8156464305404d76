from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..rules.worktime import to_local
from .egov_guard import system_env

UNIT_LEADER = "egov_documents.group_egov_unit_leader"
CLERK = "egov_documents.group_egov_clerk"
#: roles that give a person work on the document; "follower" alone means for information
HANDLING_ROLES = ("lead", "coordinator")


class EgovDocument(models.Model):
    """Distribution seen from the people: who receives the document for information (nhận
    để biết), whether the current user may still change its deadline and urgency, and why
    the time counted as received differs from the time it entered the system."""

    _inherit = "egov.document"  # pylint: disable=consider-merging-classes-inherited

    informed_department_ids = fields.Many2many(
        "hr.department",
        "egov_document_informed_department_rel",
        "document_id",
        "department_id",
        string="Units for Information",
        readonly=True,
        copy=False,
        check_company=True,
        help="Units the leader sent the document to for information (nhận để biết): their "
        "manager (or work recipient) reads it, with no deadline and nothing to complete.",
    )
    informed_user_ids = fields.Many2many(
        "res.users",
        "egov_document_informed_user_rel",
        "document_id",
        "user_id",
        string="People for Information",
        readonly=True,
        copy=False,
        check_company=True,
        help="People the leader sent the document to for information (nhận để biết).",
    )
    egov_for_information = fields.Boolean(
        string="For Information",
        compute="_compute_egov_for_information",
        help="You received this document for information only: nothing to handle.",
    )
    can_edit_handling_terms = fields.Boolean(
        compute="_compute_can_edit_handling_terms",
        help="Technical: whether the current user may change the deadline and urgency.",
    )
    receipt_note = fields.Char(
        string="Receipt Time Note",
        compute="_compute_receipt_note",
        help="Why the time counted as received differs from the time the document entered "
        "the system: outside working hours it counts from the next working period.",
    )

    @api.depends_context("uid")
    def _compute_egov_for_information(self):
        roles = {}
        members = (
            self.env["egov.document.member"]
            .sudo()
            .search_read(
                [("document_id", "in", self.ids), ("user_id", "=", self.env.uid)],
                ["document_id", "role"],
            )
        )
        for member in members:
            roles.setdefault(member["document_id"][0], set()).add(member["role"])
        for document in self:
            mine = roles.get(document.id, set())
            document.egov_for_information = "follower" in mine and not mine & set(HANDLING_ROLES)

    @api.depends("direction", "incoming_state")
    @api.depends_context("uid")
    def _compute_can_edit_handling_terms(self):
        for document in self:
            document.can_edit_handling_terms = document._egov_may_change_handling_terms()

    def _egov_may_change_handling_terms(self):
        """Once an incoming document is registered, its deadline and urgency are the clerk's
        until it is distributed, and a leader's while it is handled; an officer's never."""
        self.ensure_one()
        if self.direction != "incoming" or self.incoming_state == "arrived":
            return True
        user = self.env.user
        if self.incoming_state == "received" and user.has_group(CLERK):
            return True
        return self.incoming_state in ("received", "distributed", "in_progress") and (
            user.has_group(UNIT_LEADER)
        )

    @api.depends("arrived_at", "received_at")
    def _compute_receipt_note(self):
        for document in self:
            arrived, received = document.arrived_at, document.received_at
            if not (arrived and received) or received - arrived < timedelta(minutes=1):
                document.receipt_note = False
                continue
            arrived_local, received_local = to_local(arrived), to_local(received)
            document.receipt_note = self.env._(
                "Arrived outside working hours at %(arrived_time)s on %(arrived_date)s; counted "
                "as received at %(received_time)s on %(received_date)s (Article 10.2 of the "
                "Regulation).",
                arrived_time=arrived_local.strftime("%H:%M"),
                arrived_date=arrived_local.strftime("%d/%m/%Y"),
                received_time=received_local.strftime("%H:%M"),
                received_date=received_local.strftime("%d/%m/%Y"),
            )

    # --- For information (nhận để biết) ----------------------------------------------------
    def _egov_inform(self, recipients):
        """Send the distributed document for information to ``recipients``, dicts with a
        ``department_id`` (its manager, else its work recipient, reads it) or a ``user_id``.
        They become followers of the document, see it in their lists marked "For
        Information", and are notified; no deadline, no to-do, nothing to complete, so
        nothing waits on them and nothing is ever overdue."""
        self.ensure_one()
        if not (self.env.user.has_group(UNIT_LEADER) or self.env.user == self.distributed_by_id):
            raise AccessError(
                self.env._("Only a leader may send a document to people for information.")
            )
        self.check_access("read")
        if self.direction != "incoming" or self.incoming_state not in (
            "distributed",
            "in_progress",
        ):
            raise UserError(
                self.env._(
                    "%(document)s is not being handled: distribute it before sending it for "
                    "information.",
                    document=self.display_name,
                )
            )
        self._egov_check_assignees(recipients)
        departments = (
            self.env["hr.department"]
            .sudo()
            .browse({node["department_id"] for node in recipients if node.get("department_id")})
        )
        users = (
            self.env["res.users"]
            .sudo()
            .browse({node["user_id"] for node in recipients if node.get("user_id")})
        )
        readers = users
        for department in departments:
            readers |= department._egov_work_recipient()
        system_env(self.sudo()).write(
            {
                "informed_department_ids": [Command.link(d.id) for d in departments],
                "informed_user_ids": [Command.link(u.id) for u in users],
            }
        )
        self._egov_add_members(readers, "follower")
        words = self.with_context(lang=self.company_id._egov_lang()).env
        self.sudo().message_post(
            body=words._(
                "%(leader)s sent the document for information to %(names)s: to read, with no "
                "deadline and nothing to complete.",
                leader=self.env.user.name,
                names=", ".join(departments.mapped("name") + users.mapped("name")),
            ),
            partner_ids=readers.partner_id.ids,
            message_type="notification",
            subtype_xmlid="mail.mt_comment",
        )
        return True
