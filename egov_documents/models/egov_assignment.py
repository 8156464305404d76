from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .egov_cron import check_scheduler, lock_batch
from .egov_guard import is_system, system_env

OFFICER = "egov_documents.group_egov_officer"
UNIT_LEADER = "egov_documents.group_egov_unit_leader"

ASSIGNMENT_ROLES = [("lead", "Lead"), ("coordinator", "Coordinator")]
ASSIGNMENT_STATES = [
    ("assigned", "Assigned"),
    ("in_progress", "In Progress"),
    ("done", "Completed"),
    ("returned", "Returned"),
    ("cancelled", "Cancelled"),
]
OPEN_ASSIGNMENT_STATES = ("assigned", "in_progress")


class EgovAssignment(models.Model):
    """A node of the handling tree of an incoming document (Kon Tum Điều 9; NĐ 30/2020
    Điều 23–24; phiếu giải quyết văn bản đến, Phụ lục IV).

    The agency leader distributes the document to one lead (chủ trì) and any number of
    coordinators (phối hợp), units or people, each with a directive and a deadline (part 1
    of the processing slip). A unit leader splits a unit node further to officers (part 2).
    The handler reports progress, may ask for an extension, and completes with a result and
    a proposal (part 3). Completion rolls up: a node is completed when it and its lead
    children are; the document is completed when its lead is.
    """

    _name = "egov.assignment"
    _description = "Assignment"
    _inherit = ["egov.mail.thread", "egov.state.machine.mixin"]
    _order = "document_id, sequence, id"
    _parent_store = True
    _check_company_auto = True

    # Who may move a node is its handler or its assigner (checked by each action); the
    # group is the floor.
    _egov_transitions = {
        "assignment": {
            "assigned": {
                "in_progress": OFFICER,
                "done": OFFICER,
                "returned": OFFICER,
                "cancelled": UNIT_LEADER,
            },
            "in_progress": {"done": OFFICER, "returned": OFFICER, "cancelled": UNIT_LEADER},
            "returned": {"assigned": UNIT_LEADER, "cancelled": UNIT_LEADER},
            "done": {"in_progress": UNIT_LEADER},
        }
    }
    # Every field of a node is set by distribution, splitting, the handler's reports and the
    # assigner's decisions; a plain write changes none of them.
    _egov_system_fields = frozenset(
        {
            "document_id",
            "parent_id",
            "role",
            "department_id",
            "user_id",
            "assigned_by_id",
            "assigned_at",
            "directive",
            "deadline",
            "state",
            "progress",
            "progress_note",
            "proposal",
            "result_note",
            "result_document_id",
            "accepted_at",
            "completed_at",
            "return_reason",
            "reminded_at",
            "escalated_at",
        }
    )

    document_id = fields.Many2one(
        "egov.document", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="document_id.company_id", store=True, index=True)
    # the confidentiality of the document: record rules read it (need-to-know)
    confidential = fields.Boolean(compute="_compute_confidential", store=True, index=True)
    parent_id = fields.Many2one(
        "egov.assignment",
        string="Assigned Within",
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("egov.assignment", "parent_id", string="Sub-assignments")
    sequence = fields.Integer(default=10)
    role = fields.Selection(ASSIGNMENT_ROLES, required=True, default="lead", index=True)
    department_id = fields.Many2one("hr.department", string="Unit", check_company=True)
    user_id = fields.Many2one("res.users", string="Handler", index=True, check_company=True)
    responsible_user_id = fields.Many2one(
        "res.users",
        compute="_compute_responsible_user_id",
        store=True,
        index=True,
        help="Who acts on this node: the handler, else the unit's manager, else the unit's "
        "work recipient.",
    )
    assigned_by_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        index=True,
        check_company=True,
    )
    assigned_at = fields.Datetime(default=fields.Datetime.now, required=True)
    directive = fields.Text(string="Leader's Directive")
    deadline = fields.Datetime(index=True, tracking=True)
    state = fields.Selection(
        ASSIGNMENT_STATES,
        default="assigned",
        required=True,
        index=True,
        tracking=True,
        readonly=True,
    )
    progress = fields.Integer(string="Progress (%)", tracking=True)
    progress_note = fields.Text(string="Latest Progress Report")
    proposal = fields.Text(string="Handler's Proposal")
    result_note = fields.Text(string="Result")
    result_document_id = fields.Many2one("egov.document", check_company=True)
    accepted_at = fields.Datetime(readonly=True)
    completed_at = fields.Datetime(readonly=True)
    return_reason = fields.Text(readonly=True)
    reminded_at = fields.Datetime(readonly=True, copy=False)
    escalated_at = fields.Datetime(readonly=True, copy=False)
    extension_ids = fields.One2many(
        "egov.assignment.extension", "assignment_id", string="Extension Requests"
    )
    is_overdue = fields.Boolean(compute="_compute_is_overdue")

    @api.depends("document_id.confidentiality")
    def _compute_confidential(self):
        for assignment in self:
            assignment.confidential = assignment.document_id.confidentiality != "normal"

    @api.depends(
        "user_id", "department_id.manager_id.user_id", "department_id.egov_handler_user_id"
    )
    def _compute_responsible_user_id(self):
        for assignment in self:
            department = assignment.department_id
            assignment.responsible_user_id = assignment.user_id or (
                department._egov_work_recipient() if department else False
            )

    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for assignment in self:
            assignment.is_overdue = bool(
                assignment.deadline
                and assignment.deadline < now
                and assignment.state in OPEN_ASSIGNMENT_STATES
            )

    @api.depends("role", "department_id", "user_id")
    def _compute_display_name(self):
        roles = dict(self._fields["role"]._description_selection(self.env))
        for assignment in self:
            target = assignment.user_id.name or assignment.department_id.name or ""
            assignment.display_name = f"{roles.get(assignment.role, '')}: {target}"

    @api.constrains("department_id", "user_id")
    def _check_assignee(self):
        for assignment in self:
            if not (assignment.department_id or assignment.user_id):
                raise ValidationError(self.env._("An assignment goes to a unit or to a person."))

    @api.constrains("parent_id", "deadline")
    def _check_deadline_within_parent(self):
        for assignment in self.filtered(lambda a: a.parent_id.deadline and a.deadline):
            if assignment.deadline > assignment.parent_id.deadline:
                raise ValidationError(
                    self.env._(
                        "The deadline of %(node)s cannot be later than the deadline of the "
                        "assignment it is part of (%(parent_deadline)s).",
                        node=assignment.display_name,
                        parent_deadline=assignment.parent_id.document_id._egov_format_dt(
                            assignment.parent_id.deadline
                        ),
                    )
                )

    def _egov_state_machine(self):
        return "assignment", "state"

    def _egov_close_handle_activities(self, feedback=None):
        """These nodes are completed or given back: close their handlers' "handle" to-do on
        the document, unless the handler still has another open node on it."""
        for document in self.document_id:
            nodes = self.filtered(lambda a, d=document: a.document_id == d)
            still_open = document.sudo().assignment_ids.filtered(
                lambda a: a.state in OPEN_ASSIGNMENT_STATES
            )
            users = nodes.responsible_user_id - still_open.responsible_user_id
            if users:
                document._egov_activity_close(("handle",), users=users, feedback=feedback)

    @api.model_create_multi
    def create(self, vals_list):
        if not is_system(self.env):
            raise UserError(
                self.env._(
                    "Work is given through Distribute or Split to officers, never by creating an assignment by hand."
                )
            )
        assignments = super().create(vals_list).with_env(self.env)
        for assignment in assignments:
            users = assignment.responsible_user_id
            assignment.document_id._egov_add_members(users, assignment.role)
            if users:
                assignment.document_id._egov_activity_schedule(
                    "handle",
                    users,
                    date_deadline=(assignment.deadline and assignment.deadline.date())
                    or fields.Date.today(),
                    summary=lambda doc, role=assignment.role: doc.env._(
                        "Handle as %(role)s",
                        role=dict(self._fields["role"]._description_selection(doc.env))[role],
                    ),
                    note=assignment.directive or "",
                )
        return assignments

    # --- Who may act -------------------------------------------------------------------
    def _egov_check_handler(self):
        for assignment in self:
            if self.env.user not in (
                assignment.responsible_user_id | assignment.assigned_by_id
            ) and not (self.env.user.has_group("egov_documents.group_egov_agency_leader")):
                raise AccessError(
                    self.env._(
                        "Only the handler of %(node)s, or who assigned it, may act on it.",
                        node=assignment.display_name,
                    )
                )

    def _egov_check_assigner(self):
        for assignment in self:
            if self.env.user != assignment.assigned_by_id and not self.env.user.has_group(
                "egov_documents.group_egov_agency_leader"
            ):
                raise AccessError(
                    self.env._(
                        "Only %(user)s, who assigned %(node)s, may decide this.",
                        user=assignment.assigned_by_id.name,
                        node=assignment.display_name,
                    )
                )

    # --- Actions of the handler ---------------------------------------------------------
    def action_accept(self):
        """The handler takes the work up (status 05 In progress for the document)."""
        self._egov_check_handler()
        self._egov_move("in_progress", {"accepted_at": fields.Datetime.now()})
        for document in self.document_id:
            if document.incoming_state == "distributed":
                document._egov_move("in_progress")
        return True

    def _egov_report_progress(self, progress, note):
        self._egov_check_handler()
        if not 0 <= progress <= 100:
            raise UserError(self.env._("Progress is a percentage between 0 and 100."))
        for assignment in self:
            if assignment.state not in OPEN_ASSIGNMENT_STATES:
                raise UserError(
                    self.env._(
                        "%(node)s is not open: no progress to report.", node=assignment.display_name
                    )
                )
            system_env(assignment).write({"progress": progress, "progress_note": note})
            assignment.document_id.message_post(
                body=self.env._(
                    "Progress of %(node)s: %(progress)s%%. %(note)s",
                    node=assignment.display_name,
                    progress=progress,
                    note=note or "",
                ),
            )
        return True

    def _egov_complete(self, result_note, result_document=None, proposal=None, dossier=None):
        """Complete this node with its result (and the reply document, if any); with
        ``dossier``, the document (and its reply) joins that open dossier."""
        self._egov_check_handler()
        if not (result_note or "").strip() and not result_document:
            raise UserError(
                self.env._("Say what was done: a result or a result document is required.")
            )
        for assignment in self:
            open_lead_children = assignment.child_ids.filtered(
                lambda c: c.role == "lead" and c.state in OPEN_ASSIGNMENT_STATES
            )
            if open_lead_children:
                raise UserError(
                    self.env._(
                        "%(node)s cannot complete before its lead sub-assignment %(child)s.",
                        node=assignment.display_name,
                        child=open_lead_children[0].display_name,
                    )
                )
        self._egov_move(
            "done",
            {
                "completed_at": fields.Datetime.now(),
                "progress": 100,
                "result_note": result_note,
                "result_document_id": result_document.id if result_document else False,
                **({"proposal": proposal} if proposal else {}),
            },
        )
        self._egov_close_handle_activities(feedback=result_note)
        for assignment in self:
            if result_document:
                system_env(result_document.sudo()).write(
                    {"response_for_ids": [fields.Command.link(assignment.document_id.id)]}
                )
        self._egov_roll_up()
        if dossier:
            dossier._egov_add_documents(
                self.document_id | (result_document or self.document_id.browse())
            )
        return True

    def _egov_return(self, reason):
        """The handler gives the work back to who assigned it, with a reason."""
        self._egov_check_handler()
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for returning the assignment."))
        self._egov_move("returned", {"return_reason": reason})
        self._egov_close_handle_activities(feedback=reason)
        for assignment in self:
            assignment.document_id._egov_activity_schedule(
                "assignment_returned",
                assignment.assigned_by_id,
                note=lambda doc, node=assignment.display_name: doc.env._(
                    "%(node)s was returned: %(reason)s", node=node, reason=reason
                ),
            )
        return True

    def _egov_split(self, lines):
        """A unit leader splits this node to officers: ``lines`` is a list of dicts with
        ``user_id``, ``role``, ``deadline`` and ``directive``."""
        self.ensure_one()
        self._egov_check_handler()
        if self.state not in OPEN_ASSIGNMENT_STATES:
            raise UserError(
                self.env._("%(node)s is not open and cannot be split.", node=self.display_name)
            )
        for line in lines:
            if (
                self.deadline
                and line.get("deadline")
                and fields.Datetime.to_datetime(line["deadline"]) > self.deadline
            ):
                raise UserError(
                    self.env._(
                        "The deadline of a sub-assignment cannot be later than the deadline of the "
                        "assignment it is part of (%(parent_deadline)s).",
                        parent_deadline=self.document_id._egov_format_dt(self.deadline),
                    )
                )
        leads = [line for line in lines if line.get("role", "lead") == "lead"]
        if len(leads) > 1 or (
            leads and self.child_ids.filtered(lambda c: c.role == "lead" and c.state != "cancelled")
        ):
            raise UserError(
                self.env._(
                    "A node has one lead: choose one person to lead %(node)s.",
                    node=self.display_name,
                )
            )
        self.document_id._egov_check_assignees(lines)
        children = system_env(self).create(
            [
                {
                    "document_id": self.document_id.id,
                    "parent_id": self.id,
                    "role": line.get("role", "lead"),
                    "user_id": line.get("user_id"),
                    "department_id": line.get("department_id"),
                    "deadline": line.get("deadline") or self.deadline,
                    "directive": line.get("directive"),
                    "assigned_by_id": self.env.uid,
                }
                for line in lines
            ]
        )
        if self.state == "assigned":
            self.action_accept()
        return children

    # --- Roll-up -------------------------------------------------------------------------
    def _egov_roll_up(self):
        """Completion rolls up the tree: a node whose lead children are all done and that
        has a result is done; the document is done when its root lead is."""
        for assignment in self:
            parent = assignment.parent_id
            if parent and assignment.role == "lead" and parent.state in OPEN_ASSIGNMENT_STATES:
                system_env(parent).write({"progress": 100})
                parent.document_id.message_post(
                    body=self.env._(
                        "%(node)s, lead of %(parent)s, completed: %(result)s",
                        node=assignment.display_name,
                        parent=parent.display_name,
                        result=assignment.result_note or "",
                    )
                )
            document = assignment.document_id
            root_leads = document.assignment_ids.filtered(
                lambda a: not a.parent_id and a.role == "lead"
            )
            if (
                root_leads
                and all(lead.state == "done" for lead in root_leads)
                and document.incoming_state != "done"
            ):
                still_open = document.assignment_ids.filtered(
                    lambda a: a.state in OPEN_ASSIGNMENT_STATES
                )
                system_env(still_open).write(
                    {
                        "state": "done",
                        "completed_at": fields.Datetime.now(),
                        "result_note": self.env._("Closed with the document."),
                    }
                )
                document._egov_move("done", {"completed_at": fields.Datetime.now()})

    # --- Deadlines -----------------------------------------------------------------------
    def _egov_request_extension(self, new_deadline, reason):
        self._egov_check_handler()
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for the extension request."))
        for assignment in self:
            if new_deadline <= (assignment.deadline or fields.Datetime.now()):
                raise UserError(
                    self.env._("The requested deadline must be later than the current one.")
                )
        requests = system_env(self.env["egov.assignment.extension"]).create(
            [
                {
                    "assignment_id": assignment.id,
                    "requested_deadline": new_deadline,
                    "reason": reason,
                }
                for assignment in self
            ]
        )
        for request in requests:
            request.assignment_id.document_id._egov_activity_schedule(
                "extension",
                request.assignment_id.assigned_by_id,
                note=lambda doc, node=request.assignment_id.display_name: doc.env._(
                    "%(node)s asks to move the deadline to %(deadline)s: %(reason)s",
                    node=node,
                    deadline=doc._egov_format_dt(new_deadline),
                    reason=reason,
                ),
            )
        return requests

    @api.model
    def _cron_deadline_reminders(self, batch_size=500, remind_hours=None):
        """Entry point of the cron: runs only as the scheduler (superuser) or a settings
        administrator, never from a user's /web/action/run."""
        check_scheduler(self.env)
        return self.sudo()._egov_deadline_reminders(
            batch_size=batch_size, remind_hours=remind_hours
        )

    @api.model
    def _egov_deadline_reminders(self, batch_size=500, remind_hours=None):
        """Remind handlers before a deadline and escalate overdue nodes to the leader
        (Tây Ninh 52/2019 Điều 8.2.c). Bounded batches, rows locked with SKIP LOCKED so two
        runs never handle the same node; ``reminded_at``/``escalated_at`` make it safe to run
        twice. Handlers are reminded the agency's rule profile's lead days before the
        deadline (``remind_hours`` overrides it for every agency)."""
        now = fields.Datetime.now()
        reminded = self.browse()
        pending = [
            ("state", "in", OPEN_ASSIGNMENT_STATES),
            ("deadline", ">", now),
            ("reminded_at", "=", False),
        ]
        for (company,) in self._read_group(pending, ["company_id"]):
            if not company or len(reminded) >= batch_size:
                continue
            hours = (
                remind_hours
                if remind_hours is not None
                else company._egov_rule_profile().reminder_lead_days * 24
            )
            reminded |= lock_batch(
                self,
                "company_id = %s AND state IN %s AND deadline > %s AND deadline <= %s "
                "AND reminded_at IS NULL",
                [company.id, OPEN_ASSIGNMENT_STATES, now, fields.Datetime.add(now, hours=hours)],
                "deadline",
                batch_size - len(reminded),
            )
        for assignment in reminded:
            if assignment.responsible_user_id:
                assignment.document_id.message_post(
                    body=self.env._(
                        "Reminder: %(node)s is due on %(deadline)s.",
                        node=assignment.display_name,
                        deadline=assignment.document_id._egov_format_dt(assignment.deadline),
                    ),
                    partner_ids=assignment.responsible_user_id.partner_id.ids,
                    subtype_xmlid="mail.mt_note",
                )
        system_env(reminded).write({"reminded_at": now})
        escalated = lock_batch(
            self,
            "state IN %s AND deadline <= %s AND escalated_at IS NULL",
            [OPEN_ASSIGNMENT_STATES, now],
            "deadline",
            batch_size,
        )
        for assignment in escalated:
            leaders = assignment.assigned_by_id | assignment.document_id._egov_agency_leaders()
            assignment.document_id.message_post(
                body=self.env._(
                    "Overdue: %(node)s was due on %(deadline)s and is not completed.",
                    node=assignment.display_name,
                    deadline=assignment.document_id._egov_format_dt(assignment.deadline),
                ),
                partner_ids=leaders.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )
            assignment.document_id._egov_activity_schedule(
                "overdue",
                assignment.assigned_by_id,
                note=lambda doc, node=assignment.display_name: doc.env._(
                    "%(node)s is overdue.", node=node
                ),
            )
        system_env(escalated).write({"escalated_at": now})
        # No commit here: the scheduler commits each run as soon as it returns (ir.cron).
        return len(reminded), len(escalated)
