from odoo import api, fields, models
from odoo.exceptions import UserError

from .egov_guard import Proof, is_system, system_env

UNIT_LEADER = "egov_documents.group_egov_unit_leader"

#: a distribution made by an authorised person on a leader's behalf proves the delegation
#: was checked with this; a client cannot send it (egov_guard.Proof)
_ON_BEHALF = Proof("egov_distribution_on_behalf")


class EgovDocument(models.Model):
    """Incoming documents presented to a leader reach the people the leader authorised
    (Kon Tum Điều 8.3: "trình Lãnh đạo … hoặc người được ủy quyền"), who distribute them
    on the leader's behalf (Điều 9); the history says so."""

    _inherit = "egov.document"  # pylint: disable=consider-merging-classes-inherited

    distributed_for_id = fields.Many2one(
        "res.users",
        string="Distributed on Behalf Of",
        readonly=True,
        copy=False,
        help="The leader for whom an authorised person distributed the document.",
    )

    def write(self, vals):
        if "distributed_for_id" in vals and not is_system(self.env):
            raise UserError(self._egov_guarded_message(["distributed_for_id"]))
        return super().write(vals)

    # --- Presenting ------------------------------------------------------------------------
    def _egov_present(self):
        """Whoever distributes for the leader today sees the document and gets the to-do."""
        result = super()._egov_present()
        if self.leader_id:
            delegates = self.env["egov.document.delegation"]._egov_delegates_of(
                self.company_id, self.leader_id
            )
            delegates -= self.leader_id
            if delegates:
                self._egov_add_members(delegates, "leader")
                activity = self.activity_ids.filtered(
                    lambda a: a.egov_step == "distribute" and a.user_id == self.leader_id
                )[:1]
                for delegate in delegates:
                    self._egov_activity_schedule(
                        "distribute",
                        delegate,
                        date_deadline=activity.date_deadline,
                        summary=lambda doc: doc.env._(
                            "Distribute incoming document on behalf of %(leader)s",
                            leader=doc.leader_id.name,
                        ),
                        note=self.display_name,
                    )
        return result

    # --- Distributing on the leader's behalf -------------------------------------------------
    def _egov_distribution_delegation(self):
        """The delegation in force today by which the current user distributes this
        document for the leader it was presented to (or, when none was named, for an agency
        leader)."""
        self.ensure_one()
        document = self.sudo()
        if document.direction != "incoming":
            return self.env["egov.document.delegation"]
        leaders = document.leader_id or document._egov_agency_leaders()
        leaders -= self.env.user
        return self.env["egov.document.delegation"]._egov_find(
            document.company_id, leaders, self.env.user
        )

    def _egov_distribute(self, lead, coordinators=(), directive=None, deadline=None):
        self.ensure_one()
        if _ON_BEHALF.held(self.env):
            return super()._egov_distribute(lead, coordinators, directive, deadline)
        delegation = self._egov_distribution_delegation()
        if not delegation:
            return super()._egov_distribute(lead, coordinators, directive, deadline)
        self.check_access("read")
        # the delegation stands for the leader's group and rights (assignments are created
        # by leaders): the rest of the distribution runs as the leader's would, by this user
        result = super(EgovDocument, _ON_BEHALF.given(self.sudo()))._egov_distribute(
            lead, coordinators, directive, deadline
        )
        system_env(self).write({"distributed_for_id": delegation.leader_id.id})
        self.message_post(
            body=self.env._(
                "Distributed by %(delegate)s on behalf of (thay mặt) %(leader)s, under the "
                "delegation valid from %(start)s to %(end)s.",
                delegate=self.env.user.name,
                leader=delegation.leader_id.name,
                start=delegation.date_from,
                end=delegation.date_to,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return result

    @api.model
    def _egov_check_group(self, group_xmlid, action_label):
        if group_xmlid == UNIT_LEADER and _ON_BEHALF.held(self.env):
            return  # the delegation in force was checked by _egov_distribute
        return super()._egov_check_group(group_xmlid, action_label)

    def _egov_check_move(self, target):
        if target == "distributed" and _ON_BEHALF.held(self.env):
            # the table still decides the move; the delegation stands for the group
            return super(EgovDocument, self.sudo())._egov_check_move(target)
        return super()._egov_check_move(target)

    @api.depends("incoming_state", "outgoing_state", "direction")
    @api.depends_context("uid")
    def _compute_can_moves(self):
        super()._compute_can_moves()
        waiting = self.filtered(lambda d: d.incoming_state == "received" and not d.can_distribute)
        if not waiting or not self.env["egov.document.delegation"]._egov_held_by(self.env.user):
            return  # one query at most, whatever the number of rows
        for document in waiting:
            document.can_distribute = bool(document._egov_distribution_delegation())
