from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..rules.worktime import to_local

UNIT_LEADER = "egov_documents.group_egov_unit_leader"
ADMIN = "egov_documents.group_egov_admin"


class EgovDocumentDelegation(models.Model):
    """A leader authorises a person of the same agency to receive and distribute the
    incoming documents presented to the leader, on the leader's behalf, for a period
    (Kon Tum Điều 8.3 and 9: "Lãnh đạo … hoặc người được ủy quyền"). Only the leader
    himself or an administrator of the agency grants it; outside its dates, or archived,
    it grants nothing."""

    _name = "egov.document.delegation"
    _description = "Distribution Delegation"
    _order = "date_from desc, id desc"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        string="Agency",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    leader_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        check_company=True,
        default=lambda self: self.env.user,
        help="The leader who delegates the distribution of incoming documents.",
    )
    delegate_id = fields.Many2one(
        "res.users",
        string="Authorised Person",
        required=True,
        index=True,
        check_company=True,
        help="Receives and distributes the documents presented to the leader, on his behalf.",
    )
    date_from = fields.Date(string="From", required=True, default=lambda self: self._egov_today())
    date_to = fields.Date(string="To", required=True)
    active = fields.Boolean(default=True)
    note = fields.Text(string="Scope and Reference", help="E.g. the decision authorising.")

    @api.model
    def _egov_today(self):
        return to_local(fields.Datetime.now()).date()

    @api.depends("leader_id", "delegate_id", "date_from", "date_to")
    def _compute_display_name(self):
        for delegation in self:
            delegation.display_name = self.env._(
                "%(delegate)s for %(leader)s, %(start)s – %(end)s",
                delegate=delegation.delegate_id.name or "?",
                leader=delegation.leader_id.name or "?",
                start=delegation.date_from or "?",
                end=delegation.date_to or "?",
            )

    # --- Who grants it ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        delegations = super().create(vals_list)
        delegations._egov_check_grantor()
        delegations._egov_share_presented_documents()
        return delegations

    def write(self, vals):
        self._egov_check_grantor()
        result = super().write(vals)
        if {"leader_id", "delegate_id", "company_id"} & set(vals):
            self._egov_check_grantor()
        if {"delegate_id", "date_from", "date_to", "active"} & set(vals):
            self._egov_share_presented_documents()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_grantor(self):
        self._egov_check_grantor()

    def _egov_check_grantor(self):
        """Only the leader himself, or an administrator of the agency, grants, changes or
        withdraws a delegation."""
        if self.env.su:
            return
        user = self.env.user
        for delegation in self:
            admin = user.has_group(ADMIN) and delegation.company_id in user.company_ids
            if delegation.leader_id != user and not admin:
                raise AccessError(
                    self.env._(
                        "Only %(leader)s or an administrator of %(agency)s may grant or change "
                        "a delegation of %(leader)s's distribution.",
                        leader=delegation.leader_id.name,
                        agency=delegation.company_id.name,
                    )
                )

    @api.constrains("leader_id", "delegate_id", "company_id", "date_from", "date_to")
    def _check_delegation(self):
        for delegation in self:
            leader, delegate = delegation.leader_id, delegation.delegate_id
            if leader == delegate:
                raise ValidationError(
                    self.env._("%(leader)s cannot delegate to himself.", leader=leader.name)
                )
            if not leader.has_group(UNIT_LEADER):
                raise ValidationError(
                    self.env._(
                        "%(user)s is not a leader: only a leader distributes incoming "
                        "documents, and only a leader delegates it.",
                        user=leader.name,
                    )
                )
            for user in (leader, delegate):
                if delegation.company_id not in user.company_ids:
                    raise ValidationError(
                        self.env._(
                            "%(user)s does not belong to %(agency)s: a delegation stays inside "
                            "one agency.",
                            user=user.name,
                            agency=delegation.company_id.name,
                        )
                    )
            if delegation.date_to < delegation.date_from:
                raise ValidationError(
                    self.env._(
                        "The delegation ends (%(end)s) before it starts (%(start)s).",
                        end=delegation.date_to,
                        start=delegation.date_from,
                    )
                )

    # --- What it grants ---------------------------------------------------------------------
    @api.model
    def _egov_find(self, company, leaders, delegate, day=None):
        """The delegation in force ``day`` (default: today in Vietnam) by which ``delegate``
        acts for one of ``leaders`` in ``company``."""
        day = day or self._egov_today()
        if not leaders or not delegate or company not in delegate.company_ids:
            return self.browse()
        return self.sudo().search(
            [
                ("company_id", "=", company.id),
                ("leader_id", "in", leaders.ids),
                ("delegate_id", "=", delegate.id),
                ("date_from", "<=", day),
                ("date_to", ">=", day),
            ],
            limit=1,
        )

    @api.model
    def _egov_held_by(self, user, day=None):
        """Whether ``user`` holds any delegation in force ``day`` (default: today)."""
        day = day or self._egov_today()
        return bool(
            self.sudo().search_count(
                [("delegate_id", "=", user.id), ("date_from", "<=", day), ("date_to", ">=", day)],
                limit=1,
            )
        )

    @api.model
    def _egov_delegates_of(self, company, leader, day=None):
        """The people distributing for ``leader`` in ``company`` today."""
        day = day or self._egov_today()
        return (
            self.sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    ("leader_id", "=", leader.id),
                    ("date_from", "<=", day),
                    ("date_to", ">=", day),
                ]
            )
            .delegate_id.filtered(lambda user: user.active and company in user.company_ids)
        )

    def _egov_share_presented_documents(self):
        """A delegation in force lets its delegate see the documents already presented to
        the leader and waiting for distribution."""
        today = self._egov_today()
        for delegation in self.sudo().filtered(
            lambda d: d.active and d.date_from <= today <= d.date_to
        ):
            documents = (
                self.env["egov.document"]
                .sudo()
                .search(
                    [
                        ("company_id", "=", delegation.company_id.id),
                        ("direction", "=", "incoming"),
                        ("incoming_state", "=", "received"),
                        ("leader_id", "=", delegation.leader_id.id),
                    ]
                )
            )
            documents._egov_add_members(delegation.delegate_id, "leader")
