from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..rules.worktime import to_iso
from .egov_cron import check_scheduler, lock_batch
from .egov_guard import is_system, system_env

CLERK = "egov_documents.group_egov_clerk"
ADMIN = "egov_documents.group_egov_admin"
INCIDENT_STATES = [("open", "Open"), ("closed", "Closed")]


class EgovIncident(models.Model):
    """A technical incident report (biên bản sự cố kỹ thuật) of an agency.

    Thái Bình QĐ 17/2019 Điều 8.1: when the system stops for more than the profile's
    ``outage_threshold_hours`` of *working* time, the agency switches to paper; the clerk
    records the incident and, once the system is back, enters what was handled on paper
    (Bến Tre QĐ 44/2017 Điều 9.2.đ–e: report faults at once). The threshold is copied from
    the agency's rule profile when the incident is recorded, so the report keeps the rule it
    was measured by; ``paper_from`` is the moment that working time has passed.

    Back-filling (``_egov_backfill``) registers the paper documents of the incident, in the
    order of their real arrival, at back-fill time: NĐ 30/2020 Điều 22.2 numbers incoming
    documents in order of registration, so each back-filled document takes the next number of
    its register then (no gap, no number inserted between numbers already given) and keeps
    its real arrival time (``arrived_at``) while ``registered_at`` records when it was
    registered in the system. The documents are flagged ``backfilled`` and linked here.
    """

    _name = "egov.incident"
    _description = "Technical Incident Report"
    _inherit = ["egov.mail.thread", "egov.state.machine.mixin"]
    _order = "started_at desc, id desc"
    _check_company_auto = True

    _egov_system_fields = frozenset(
        {"state", "recorded_by_id", "threshold_hours", "paper_from", "paper_notified_at"}
    )
    # create() refuses them from a caller, then fills them itself
    _egov_system_fields_filled_by_create = frozenset({"state", "recorded_by_id", "threshold_hours"})
    _egov_transitions = {"incident": {"open": {"closed": CLERK}}}
    # a closed report is a record: nothing of it changes any more
    _egov_frozen_states = {"incident": {"closed": None}}

    name = fields.Char(string="Incident", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="Agency",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    state = fields.Selection(
        INCIDENT_STATES, required=True, default="open", readonly=True, index=True, tracking=True
    )
    started_at = fields.Datetime(
        string="Started", required=True, default=fields.Datetime.now, tracking=True
    )
    ended_at = fields.Datetime(string="Ended", tracking=True, copy=False)
    description = fields.Text(required=True, help="What failed, what was done, who was told.")
    recorded_by_id = fields.Many2one("res.users", readonly=True)
    threshold_hours = fields.Float(
        string="Paper Threshold (Working Hours)",
        readonly=True,
        help="From the agency's rule profile when the incident was recorded: past this many "
        "working hours of outage the agency handles documents on paper (Thái Bình Điều 8.1).",
    )
    paper_from = fields.Datetime(
        string="Paper Procedure From",
        compute="_compute_paper_from",
        store=True,
        help="When the threshold of working time since the start has passed.",
    )
    paper_notified_at = fields.Datetime(
        string="Switch to Paper Announced", readonly=True, copy=False
    )
    outage_working_hours = fields.Float(
        string="Outage (Working Hours)", compute="_compute_outage_working_hours"
    )
    paper_procedure = fields.Boolean(
        compute="_compute_outage_working_hours",
        help="The outage lasted (or lasts) past the threshold: documents are handled on paper.",
    )
    document_ids = fields.One2many("egov.document", "incident_id", string="Back-filled Documents")
    document_count = fields.Integer(compute="_compute_document_count")
    can_close = fields.Boolean(compute="_compute_can_close")

    def _egov_state_machine(self):
        return "incident", "state"

    # --- Computes -------------------------------------------------------------------------
    @api.depends("started_at", "threshold_hours", "company_id")
    def _compute_paper_from(self):
        for incident in self:
            calendar = incident.company_id.resource_calendar_id
            # 0: the regulation sets no threshold, the incident never switches by itself
            if not incident.started_at or not calendar or incident.threshold_hours <= 0:
                incident.paper_from = False
                continue
            schedule = calendar._egov_work_schedule()
            incident.paper_from = calendar._egov_to_naive_utc(
                schedule.add_working_hours(incident.started_at, incident.threshold_hours)
            )

    @api.depends("started_at", "ended_at", "paper_from")
    def _compute_outage_working_hours(self):
        now = fields.Datetime.now()
        for incident in self:
            calendar = incident.company_id.resource_calendar_id
            end = incident.ended_at or now
            if not incident.started_at or not calendar:
                incident.outage_working_hours = 0.0
                incident.paper_procedure = False
                continue
            incident.outage_working_hours = calendar._egov_work_schedule().working_hours_between(
                incident.started_at, end
            )
            incident.paper_procedure = bool(incident.paper_from and end > incident.paper_from)

    def _compute_document_count(self):
        counts = dict(
            self.env["egov.document"]
            .with_context(active_test=False)
            ._read_group([("incident_id", "in", self.ids)], ["incident_id"], ["__count"])
        )
        for incident in self:
            incident.document_count = counts.get(incident, 0)

    @api.depends("state")
    @api.depends_context("uid")
    def _compute_can_close(self):
        for incident in self:
            incident.can_close = "closed" in (incident.egov_allowed_moves or "").split()

    # --- Constraints ----------------------------------------------------------------------
    @api.constrains("started_at", "ended_at")
    def _check_times(self):
        now = fields.Datetime.now()
        for incident in self:
            if incident.ended_at and incident.ended_at < incident.started_at:
                raise ValidationError(
                    self.env._(
                        "Incident %(incident)s cannot end (%(end)s) before it started (%(start)s).",
                        incident=incident.name,
                        end=to_iso(incident.ended_at),
                        start=to_iso(incident.started_at),
                    )
                )
            if incident.started_at > now or (incident.ended_at and incident.ended_at > now):
                raise ValidationError(
                    self.env._(
                        "Incident %(incident)s cannot start or end in the future: record the "
                        "times it really started and ended.",
                        incident=incident.name,
                    )
                )

    # --- ORM ------------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._egov_check_create_vals(vals_list)
        if (
            not is_system(self.env)
            and not self.env.user.has_group(CLERK)
            and not self.env.user.has_group(ADMIN)
        ):
            raise AccessError(
                self.env._("Only a clerk or an administrator records technical incidents.")
            )
        for vals in vals_list:
            company = (
                self.env["res.company"].browse(vals["company_id"])
                if vals.get("company_id")
                else self.env.company
            )
            vals["state"] = "open"
            vals["recorded_by_id"] = self.env.uid
            vals["threshold_hours"] = company._egov_rule_profile().outage_threshold_hours
        incidents = super().create(vals_list)
        incidents._egov_announce_paper()
        return incidents

    # --- Actions --------------------------------------------------------------------------
    def action_close(self):
        """The system works again: close the report (its end is now unless already given)."""
        self.check_access("write")
        now = fields.Datetime.now()
        for incident in self:
            incident._egov_move("closed", {"ended_at": incident.ended_at or now})
        self._egov_announce_paper()
        return True

    def action_open_documents(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "egov.document",
            "name": self.env._("Back-filled Documents"),
            "view_mode": "list,form",
            "domain": [("incident_id", "=", self.id)],
            "context": {"active_test": False, "create": False},
        }

    # --- Switch to paper ------------------------------------------------------------------
    def _egov_announce_paper(self):
        """Tell the agency's clerks and administrators that documents are handled on paper,
        once per incident, when its outage passed the threshold (Thái Bình Điều 8.1)."""
        now = fields.Datetime.now()
        for incident in self.sudo():
            if incident.paper_notified_at or not incident.paper_from:
                continue
            end = incident.ended_at or now
            if end <= incident.paper_from:
                continue
            company = incident.company_id
            users = company._egov_users(CLERK) | company._egov_users(ADMIN)
            # in the language of those told (the scheduler has none)
            incident = incident.with_context(lang=users[:1].lang or self.env.lang)
            incident.message_post(
                body=incident.env._(
                    "The system has been down for more than %(hours)s working hours since "
                    "%(start)s: %(agency)s handles documents on paper from %(paper_from)s until "
                    "the incident is closed. Record the paper documents and their real times; "
                    "they are back-filled afterwards.",
                    hours=format(incident.threshold_hours, "g"),
                    start=to_iso(incident.started_at),
                    agency=company.name,
                    paper_from=to_iso(incident.paper_from),
                ),
                partner_ids=users.partner_id.ids,
                message_type="notification",
                subtype_xmlid="mail.mt_comment",
            )
            system_env(incident).paper_notified_at = now
        return True

    @api.model
    def _cron_announce_paper(self, batch_size=200):
        """Every quarter of an hour: announce the open incidents that passed the threshold."""
        check_scheduler(self.env)
        incidents = lock_batch(
            self.sudo(),
            "state = 'open' AND paper_notified_at IS NULL AND paper_from <= %s",
            [fields.Datetime.now()],
            "paper_from",
            batch_size,
        )
        incidents._egov_announce_paper()
        return True

    # --- Back-fill ------------------------------------------------------------------------
    def _egov_backfill(self, arrivals):
        """Enter the documents handled on paper during this incident.

        ``arrivals``: ``[(document, real datetime), …]``, called by the back-fill wizard:
        incoming documents still waiting for registration with their real arrival time, and
        outgoing documents signed (on paper, digitised) with their real issue time. Everything
        is checked before anything is written; then, in the order of the real times:

        - each incoming document is registered and takes the next arrival number of its
          register now (NĐ 30/2020 Điều 22.2: in order of registration), keeping its real
          arrival time (``arrived_at``; ``registered_at`` is the back-fill time);
        - each outgoing document takes the next number of its register for the year of its
          real issue date, that date, and is recorded as issued at its real time, without
          being sent again (it went on paper). Back-fill before numbering anything new after
          the outage, and the numbers are those the clerk continued on paper.

        All are flagged ``backfilled`` and linked to this incident.
        """
        self.ensure_one()
        if not self.env.user.has_group(CLERK):
            raise AccessError(self.env._("Only a clerk back-fills the documents handled on paper."))
        self.check_access("write")
        if self.company_id not in self.env.user.company_ids:
            raise AccessError(self.env._("This incident belongs to another agency."))
        if self.state != "closed":
            raise UserError(
                self.env._(
                    "Close incident %(incident)s first: documents are back-filled once the "
                    "system works again.",
                    incident=self.name,
                )
            )
        if not arrivals:
            raise UserError(self.env._("Add the documents handled on paper to back-fill."))
        Document = self.env["egov.document"]
        documents = Document.browse([document.id for document, _moment in arrivals])
        if len(set(documents.ids)) != len(arrivals):
            raise UserError(self.env._("A document is listed twice in the back-fill."))
        documents.check_access("write")
        for document, moment in arrivals:
            self._egov_check_backfill_line(document, moment)
        incoming = documents.filtered(lambda d: d.direction == "incoming")
        for document in incoming:
            document._egov_check_registrable()
        incoming._egov_check_not_duplicate()
        outgoing = sorted(
            (
                (document, moment)
                for document, moment in arrivals
                if document.direction != "incoming"
            ),
            key=lambda pair: (pair[1], pair[0].id),
        )
        plans = [
            (document, moment, document._egov_backfill_plan(moment))
            for document, moment in outgoing
        ]
        # every check passed: write
        for document, moment in arrivals:
            vals = {"backfilled": True, "incident_id": self.id}
            if document.direction == "incoming":
                vals.update(arrived_at=moment, arrival_channel="paper")
            system_env(document).write(vals)
        if incoming:
            # registered in order of real receipt (action_register sorts by it)
            incoming.action_register()
        for document, moment, (register, notation) in plans:
            document._egov_backfill_issue(moment, register, notation)
        self.message_post(
            body=self.env._(
                "%(count)s documents handled on paper were back-filled by %(user)s.",
                count=len(documents),
                user=self.env.user.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return documents

    def _egov_check_backfill_line(self, document, moment):
        label = document.display_name
        waiting = (
            document.incoming_state == "arrived"
            if document.direction == "incoming"
            else document.outgoing_state == "signed"
        )
        if document.company_id != self.company_id or not waiting or document.backfilled:
            raise UserError(
                self.env._(
                    "%(document)s cannot be back-filled: only incoming documents of %(agency)s "
                    "still waiting for registration and its signed outgoing documents not yet "
                    "numbered are.",
                    document=label,
                    agency=self.company_id.name,
                )
            )
        if not moment:
            raise UserError(
                self.env._(
                    "Give the real arrival or issue time of %(document)s, as written on the "
                    "paper register.",
                    document=label,
                )
            )
        if moment < self.started_at or moment > self.ended_at:
            raise UserError(
                self.env._(
                    "The real time of %(document)s (%(moment)s) is outside incident "
                    "%(incident)s (%(start)s to %(end)s).",
                    document=label,
                    moment=to_iso(moment),
                    incident=self.name,
                    start=to_iso(self.started_at),
                    end=to_iso(self.ended_at),
                )
            )
