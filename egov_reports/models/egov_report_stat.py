"""Compliance statistics of the agencies, computed by PostgreSQL (SQL views and
``_read_group``), never by looping over documents.

``egov.report.stat`` has one row per incoming document received and per outgoing document
issued; its id is the document's id, so a pivot cell drills down to the documents it counts.
The view is built from the columns the database has now: when ``egov_signing`` (digital
signature flags) or the recipients' channel are installed later, the view is rebuilt when the
registry loads and the figures include them.
"""

import hashlib
import logging
from contextlib import contextmanager
from datetime import datetime, time, timedelta, timezone

import psycopg2

from odoo import api, fields, models, tools
from odoo.tools import SQL

from odoo.addons.egov_documents.models.egov_document import URGENCIES
from odoo.addons.egov_documents.rules.worktime import TZ

_logger = logging.getLogger(__name__)

STAT_CHANNELS = [
    ("axis", "Document Axis"),
    ("internal", "Same System"),
    ("email", "Email"),
    ("manual", "Manual Upload"),
    ("paper", "Paper"),
]
#: the measures summed per direction, as ``<direction>_<measure>`` figures
INCOMING_MEASURES = (
    "document_count",
    "electronic",
    "paper",
    "axis",
    "register_on_time",
    "register_late",
    "register_waiting",
    "returned",
    "recalled",
)
OUTGOING_MEASURES = (
    "document_count",
    "electronic",
    "paper",
    "axis",
    "signed",
    "issue_on_time",
    "issue_late",
    "recalled",
    "rejected",
)
#: (lower bound in days overdue, upper bound or None, figure) of the backlog's ageing buckets
AGEING_BUCKETS = (
    (0, 5, "assignments_ageing_1_5"),
    (5, 10, "assignments_ageing_6_10"),
    (10, 30, "assignments_ageing_11_30"),
    (30, None, "assignments_ageing_over_30"),
)


def figure_keys():
    """Every figure of a report, in the order it is shown."""
    keys = [f"incoming_{m}" for m in INCOMING_MEASURES]
    keys += [f"outgoing_{m}" for m in OUTGOING_MEASURES]
    keys += [
        "assignments_due",
        "assignments_on_time",
        "assignments_late",
        "assignments_open_overdue",
    ]
    keys += [bucket[2] for bucket in AGEING_BUCKETS]
    keys += ["logins", "active_users"]
    return keys


def local_day_start_utc(day):
    """Midnight of the local (Asia/Ho_Chi_Minh) date ``day`` as a naive UTC datetime."""
    local = datetime.combine(day, time.min).replace(tzinfo=TZ)
    return local.astimezone(timezone.utc).replace(tzinfo=None)


def rates(figures):
    """The shares (percent, one decimal) derived from the counts of one agency or a total."""

    def share(part, whole):
        return round(100.0 * part / whole, 1) if whole else 0.0

    documents = figures["incoming_document_count"] + figures["outgoing_document_count"]
    electronic = figures["incoming_electronic"] + figures["outgoing_electronic"]
    axis = figures["incoming_axis"] + figures["outgoing_axis"]
    registered = figures["incoming_register_on_time"] + figures["incoming_register_late"]
    issued = figures["outgoing_issue_on_time"] + figures["outgoing_issue_late"]
    done = figures["assignments_on_time"] + figures["assignments_late"]
    return {
        "electronic_rate": share(electronic, documents),
        "axis_rate": share(axis, documents),
        "signed_rate": share(figures["outgoing_signed"], figures["outgoing_document_count"]),
        "register_on_time_rate": share(figures["incoming_register_on_time"], registered),
        "issue_on_time_rate": share(figures["outgoing_issue_on_time"], issued),
        "assignments_on_time_rate": share(figures["assignments_on_time"], done),
    }


class EgovReportStatView(models.AbstractModel):
    """An SQL view rebuilt whenever the columns it reads change (module installed later)."""

    _name = "egov.report.stat.view.mixin"
    _description = "Statistics View"

    def _egov_view_query(self):
        raise NotImplementedError

    def _egov_has_column(self, model_name, field_name):
        """True when ``model_name`` has the stored field ``field_name`` and its column exists."""
        model = self.env.get(model_name)
        field = model is not None and model._fields.get(field_name)
        return bool(
            field
            and field.store
            and field.column_type
            and tools.sql.column_exists(self.env.cr, model._table, field_name)
        )

    def _egov_refresh_view(self):
        if self._abstract or getattr(self.env.cr, "readonly", False):
            return
        query = self._egov_view_query()
        digest = hashlib.sha256(query.encode()).hexdigest()[:32]
        cr = self.env.cr
        if tools.sql.table_kind(cr, self._table) == tools.sql.TableKind.View:
            cr.execute("SELECT obj_description(%s::regclass, 'pg_class')", [self._table])
            if cr.fetchone()[0] == digest:
                return
        try:
            with cr.savepoint():
                tools.drop_view_if_exists(cr, self._table)
                cr.execute(SQL("CREATE VIEW %s AS (%s)", SQL.identifier(self._table), SQL(query)))
                cr.execute(SQL("COMMENT ON VIEW %s IS %s", SQL.identifier(self._table), digest))
        except psycopg2.Error:
            _logger.exception("Could not rebuild the statistics view %s", self._table)

    def init(self):
        self._egov_refresh_view()

    @contextmanager
    def _egov_without_jit(self):
        """PostgreSQL's JIT compiler, triggered by the high cost estimate of these grouped
        reads, spends longer compiling than the query takes to run (1.5 s of 2.3 s for a
        quarter of a million-document province): run them without it, then restore it."""
        cr = self.env.cr
        cr.execute("SHOW jit")
        previous = cr.fetchone()[0]
        cr.execute("SET LOCAL jit = off")
        yield
        cr.execute(SQL("SET LOCAL jit = %s", previous))

    @api.model
    def _read_group(self, domain, groupby=(), aggregates=(), *args, **kwargs):
        with self._egov_without_jit():
            return super()._read_group(domain, groupby, aggregates, *args, **kwargs)

    def _register_hook(self):
        super()._register_hook()
        self._egov_refresh_view()

    def _egov_readable_documents(self, document_ids):
        """The ids among ``document_ids`` the current user may read (their record rules)."""
        Documents = self.env["egov.document"]
        if not document_ids or not Documents.has_access("read"):
            return set()
        return set(
            Documents.with_context(active_test=False).search([("id", "in", document_ids)]).ids
        )


class EgovReportStat(models.Model):
    """One row per incoming document received and per outgoing document issued, with the
    measures of the compliance report (NĐ 30/2020; Kon Tum Điều 8.3, 10.3; Tây Ninh
    Điều 13.4). Readable as counts by every agency for itself and by the province office
    for all; a row shows its document's reference only to those who may read the document."""

    _name = "egov.report.stat"
    _inherit = ["egov.report.stat.view.mixin"]
    _description = "Document Statistics"
    _auto = False
    _order = "date desc, id desc"

    company_id = fields.Many2one("res.company", string="Agency", readonly=True)
    department_id = fields.Many2one("hr.department", string="Unit", readonly=True)
    direction = fields.Selection(
        [("incoming", "Incoming"), ("outgoing", "Outgoing")], readonly=True
    )
    date = fields.Datetime(
        readonly=True,
        help="Incoming: when it entered the agency's system. Outgoing: when it was issued.",
    )
    urgency = fields.Selection(URGENCIES, readonly=True)
    document_type_id = fields.Many2one("egov.document.type", readonly=True)
    channel = fields.Selection(STAT_CHANNELS, readonly=True)
    document_count = fields.Integer(string="Documents", readonly=True)
    electronic = fields.Integer(readonly=True)
    paper = fields.Integer(string="On Paper", readonly=True)
    axis = fields.Integer(string="Through the Axis", readonly=True)
    signed = fields.Integer(string="Digitally Signed", readonly=True)
    register_on_time = fields.Integer(string="Registered On Time", readonly=True)
    register_late = fields.Integer(string="Registered Late", readonly=True)
    register_waiting = fields.Integer(string="Awaiting Registration", readonly=True)
    issue_on_time = fields.Integer(string="Sent On Time", readonly=True)
    issue_late = fields.Integer(string="Sent Late", readonly=True)
    returned = fields.Integer(readonly=True)
    recalled = fields.Integer(readonly=True)
    rejected = fields.Integer(string="Rejected by Recipients", readonly=True)
    electronic_rate = fields.Float(string="Electronic (%)", aggregator="avg", readonly=True)
    axis_rate = fields.Float(string="Through the Axis (%)", aggregator="avg", readonly=True)
    signed_rate = fields.Float(string="Digitally Signed (%)", aggregator="avg", readonly=True)
    register_on_time_rate = fields.Float(
        string="Registered On Time (%)", aggregator="avg", readonly=True
    )
    issue_on_time_rate = fields.Float(string="Sent On Time (%)", aggregator="avg", readonly=True)
    reference = fields.Char(compute="_compute_reference")

    def _egov_view_query(self):
        has = self._egov_has_column
        # the registration deadline: egov_documents' own "present by" once it is computed from
        # the receipt for every incoming document (rule profiles), else egov_reports' own
        present_due = self.env["egov.document"]._fields.get("present_due")
        if present_due and present_due.compute and has("egov.document", "present_due"):
            register_due = "d.present_due"
        elif has("egov.document", "egov_register_due"):
            register_due = "d.egov_register_due"
        else:
            register_due = "NULL::timestamp"
        # egov_signing stores the verification of the document's files: "valid" means its
        # main file carries a digital signature that verifies (the flag digitally_signed is
        # computed from it and not stored)
        signed = (
            "(d.signature_status = 'valid')::int"
            if has("egov.document", "signature_status")
            else "0"
        )
        if has("egov.document.recipient", "channel"):
            recipients = """
                bool_or(r.channel = 'axis') AS has_axis,
                bool_or(r.channel = 'internal') AS has_internal,
                bool_or(r.channel = 'email') AS has_email"""
        else:
            # no channel on the lines yet: a line delivered inside this database is the
            # same system; one sent or delivered to an agency elsewhere went through the axis
            recipients = """
                bool_or(r.kind = 'agency' AND r.incoming_document_id IS NULL
                        AND r.delivery_state IN ('sent', 'delivered')) AS has_axis,
                bool_or(r.incoming_document_id IS NOT NULL
                        OR (r.kind <> 'agency' AND r.delivery_state = 'delivered'))
                    AS has_internal,
                FALSE AS has_email"""
        if has("egov.document", "egov_stat_date"):
            date, where = "d.egov_stat_date", "d.egov_stat_date IS NOT NULL"
        else:  # egov_reports is being installed: the column comes with its own model
            date = "CASE WHEN d.direction = 'incoming' THEN d.arrived_at ELSE d.issued_at END"
            where = f"{date} IS NOT NULL AND d.direction IN ('incoming', 'outgoing')"
        # the lead unit of an incoming document is a scalar subquery: PostgreSQL computes it
        # only when a query reads department_id (grouping by unit), not for the figures
        return f"""
            WITH base AS (
                SELECT d.id, d.company_id, d.direction, d.urgency, d.document_type_id,
                       COALESCE(d.department_id, CASE WHEN d.direction = 'incoming' THEN (
                            SELECT a.department_id FROM egov_assignment a
                             WHERE a.document_id = d.id AND a.role = 'lead'
                               AND a.parent_id IS NULL
                             ORDER BY a.id LIMIT 1) END) AS department_id,
                       {date} AS date,
                       CASE WHEN d.direction = 'incoming'
                                THEN COALESCE(d.arrival_channel, 'manual')
                            WHEN rc.has_axis THEN 'axis'
                            WHEN rc.has_internal THEN 'internal'
                            WHEN rc.has_email THEN 'email'
                            ELSE 'paper' END AS channel,
                       COALESCE(d.incoming_state, '') AS incoming_state,
                       COALESCE(d.outgoing_state, '') AS outgoing_state,
                       d.registered_at, {register_due} AS register_due,
                       d.issued_at, d.issue_due, {signed} AS signed,
                       COALESCE(rc.rejected, 0) AS rejected
                  FROM egov_document d
                  LEFT JOIN LATERAL (
                        SELECT {recipients},
                               count(*) FILTER (WHERE r.business_status = '02') AS rejected
                          FROM egov_document_recipient r
                         WHERE r.document_id = d.id AND d.direction = 'outgoing') rc ON TRUE
                 WHERE {where} AND COALESCE(d.incoming_state, '') <> 'deleted'
            )
            SELECT id, company_id, department_id, direction, date, urgency, document_type_id,
                   channel,
                   1 AS document_count,
                   (channel <> 'paper')::int AS electronic,
                   (channel = 'paper')::int AS paper,
                   (channel = 'axis')::int AS axis,
                   CASE WHEN direction = 'outgoing' THEN signed END AS signed,
                   CASE WHEN registered_at IS NOT NULL AND register_due IS NOT NULL
                        THEN (registered_at <= register_due)::int END AS register_on_time,
                   CASE WHEN registered_at IS NOT NULL AND register_due IS NOT NULL
                        THEN (registered_at > register_due)::int END AS register_late,
                   CASE WHEN direction = 'incoming'
                        THEN (incoming_state = 'arrived')::int END AS register_waiting,
                   CASE WHEN issue_due IS NOT NULL
                        THEN (issued_at <= issue_due)::int END AS issue_on_time,
                   CASE WHEN issue_due IS NOT NULL
                        THEN (issued_at > issue_due)::int END AS issue_late,
                   (incoming_state = 'returned')::int AS returned,
                   (incoming_state = 'recalled' OR outgoing_state = 'recalled')::int AS recalled,
                   rejected,
                   CASE WHEN channel <> 'paper' THEN 100.0 ELSE 0.0 END AS electronic_rate,
                   CASE WHEN channel = 'axis' THEN 100.0 ELSE 0.0 END AS axis_rate,
                   CASE WHEN direction = 'outgoing' THEN 100.0 * signed END AS signed_rate,
                   CASE WHEN registered_at IS NOT NULL AND register_due IS NOT NULL
                        THEN CASE WHEN registered_at <= register_due THEN 100.0 ELSE 0.0 END
                   END AS register_on_time_rate,
                   CASE WHEN issue_due IS NOT NULL
                        THEN CASE WHEN issued_at <= issue_due THEN 100.0 ELSE 0.0 END
                   END AS issue_on_time_rate
              FROM base
        """

    @api.depends_context("uid")
    def _compute_reference(self):
        readable = self._egov_readable_documents(self.ids)
        documents = self.env["egov.document"].browse(list(readable))
        names = {document.id: document.display_name for document in documents}
        for stat in self:
            stat.reference = names.get(stat.id, "")

    @api.depends("reference", "direction")
    def _compute_display_name(self):
        for stat in self:
            stat.display_name = stat.reference or self.env._("Document #%(id)s", id=stat.id)

    def action_open_document(self):
        """Open the document this row counts, if the user may read it (its record rules)."""
        self.ensure_one()
        document = self.env["egov.document"].browse(self.id)
        document.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "egov.document",
            "res_id": document.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    # --- The figures of a report ---------------------------------------------------------
    @api.model
    def _egov_figures(self, companies, date_from, date_to, as_of=None):
        """Every figure of ``figure_keys()`` for each agency of ``companies`` over the local
        dates ``date_from``..``date_to`` (inclusive; Asia/Ho_Chi_Minh, stored in UTC), read
        with the current user's rights: ``{company_id: {figure: count}}``. Backlog ageing
        is as of ``as_of`` (naive UTC; default: the end of the period)."""
        start = local_day_start_utc(date_from)
        end = local_day_start_utc(date_to + timedelta(days=1))
        as_of = as_of or end
        figures = {company.id: dict.fromkeys(figure_keys(), 0) for company in companies}
        period = [("company_id", "in", companies.ids), ("date", ">=", start), ("date", "<", end)]
        aggregates = [f"{m}:sum" for m in sorted(set(INCOMING_MEASURES + OUTGOING_MEASURES))]
        for company, direction, *values in self._read_group(
            period, ["company_id", "direction"], aggregates
        ):
            row = dict(zip(sorted(set(INCOMING_MEASURES + OUTGOING_MEASURES)), values, strict=True))
            measures = INCOMING_MEASURES if direction == "incoming" else OUTGOING_MEASURES
            for measure in measures:
                figures[company.id][f"{direction}_{measure}"] = row[measure] or 0
        self.env["egov.report.stat.assignment"]._egov_add_figures(
            figures, companies, start, end, as_of
        )
        Logins = self.env["egov.report.stat.login"]
        if Logins.has_access("read"):  # system use: leaders, administrators, province office
            Logins._egov_add_figures(figures, companies, start, end)
        return figures

    @api.model
    def _egov_total(self, figures):
        """The province roll-up: the sum of the agencies' figures (active users included:
        a user belongs to one agency)."""
        total = dict.fromkeys(figure_keys(), 0)
        for company_figures in figures.values():
            for key in total:
                total[key] += company_figures[key]
        return total
