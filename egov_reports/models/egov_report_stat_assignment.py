from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.egov_documents.models.egov_assignment import ASSIGNMENT_ROLES, ASSIGNMENT_STATES

from .egov_report_stat import AGEING_BUCKETS

AGEING = [
    ("not_due", "Not Overdue"),
    ("1_5", "1–5 Days Overdue"),
    ("6_10", "6–10 Days Overdue"),
    ("11_30", "11–30 Days Overdue"),
    ("over_30", "Over 30 Days Overdue"),
]


class EgovReportStatAssignment(models.Model):
    """One row per assignment node (cancelled ones left out): done on time, done late, open
    and overdue, and how long the open ones are overdue (Tây Ninh Điều 8.2.c; Kon Tum
    Điều 9). The ageing column of the view counts from now; the period reports count the
    backlog as of their own date."""

    _name = "egov.report.stat.assignment"
    _inherit = ["egov.report.stat.view.mixin"]
    _description = "Assignment Statistics"
    _auto = False
    _order = "date desc, id desc"

    company_id = fields.Many2one("res.company", string="Agency", readonly=True)
    department_id = fields.Many2one("hr.department", string="Unit", readonly=True)
    user_id = fields.Many2one("res.users", string="Handler", readonly=True)
    document_ref_id = fields.Integer(string="Document Id", readonly=True)
    role = fields.Selection(ASSIGNMENT_ROLES, readonly=True)
    state = fields.Selection(ASSIGNMENT_STATES, readonly=True)
    date = fields.Datetime(string="Assigned On", readonly=True)
    deadline = fields.Datetime(readonly=True)
    completed_at = fields.Datetime(string="Completed On", readonly=True)
    ageing = fields.Selection(AGEING, readonly=True)
    assignment_count = fields.Integer(string="Assignments", readonly=True)
    done_on_time = fields.Integer(readonly=True)
    done_late = fields.Integer(readonly=True)
    open_count = fields.Integer(string="Open", readonly=True)
    open_overdue = fields.Integer(string="Open and Overdue", readonly=True)
    on_time_rate = fields.Float(string="Done On Time (%)", aggregator="avg", readonly=True)
    reference = fields.Char(compute="_compute_reference")

    def _egov_view_query(self):
        return """
            SELECT a.id, a.company_id, a.department_id, a.responsible_user_id AS user_id,
                   a.document_id AS document_ref_id, a.role, a.state,
                   a.assigned_at AS date, a.deadline, a.completed_at,
                   CASE WHEN a.state NOT IN ('assigned', 'in_progress') OR a.deadline IS NULL
                             OR a.deadline >= now() AT TIME ZONE 'UTC' THEN 'not_due'
                        WHEN a.deadline >= now() AT TIME ZONE 'UTC' - interval '5 days'
                             THEN '1_5'
                        WHEN a.deadline >= now() AT TIME ZONE 'UTC' - interval '10 days'
                             THEN '6_10'
                        WHEN a.deadline >= now() AT TIME ZONE 'UTC' - interval '30 days'
                             THEN '11_30'
                        ELSE 'over_30' END AS ageing,
                   1 AS assignment_count,
                   (a.state = 'done' AND (a.deadline IS NULL OR a.completed_at <= a.deadline))::int
                       AS done_on_time,
                   (a.state = 'done' AND a.completed_at > a.deadline)::int AS done_late,
                   (a.state IN ('assigned', 'in_progress'))::int AS open_count,
                   (a.state IN ('assigned', 'in_progress')
                    AND a.deadline < now() AT TIME ZONE 'UTC')::int AS open_overdue,
                   CASE WHEN a.state = 'done'
                        THEN CASE WHEN a.deadline IS NULL OR a.completed_at <= a.deadline
                                  THEN 100.0 ELSE 0.0 END END AS on_time_rate
              FROM egov_assignment a
             WHERE a.state <> 'cancelled'
        """

    @api.depends_context("uid")
    def _compute_reference(self):
        readable = self._egov_readable_documents(self.mapped("document_ref_id"))
        documents = self.env["egov.document"].browse(list(readable))
        names = {document.id: document.display_name for document in documents}
        for stat in self:
            stat.reference = names.get(stat.document_ref_id, "")

    def action_open_document(self):
        """Open the document of this assignment, if the user may read it."""
        self.ensure_one()
        return self.env["egov.report.stat"].browse(self.document_ref_id).action_open_document()

    @api.model
    def _egov_add_figures(self, figures, companies, start, end, as_of):
        """Assignments due in [start, end): done on time, done late, still open; and the
        backlog at ``as_of`` by days overdue."""
        due = [
            ("company_id", "in", companies.ids),
            ("deadline", ">=", start),
            ("deadline", "<", end),
        ]
        for company, state, count in self._read_group(
            due, ["company_id", "state"], ["assignment_count:sum"]
        ):
            figures[company.id]["assignments_due"] += count
            if state in ("assigned", "in_progress"):
                figures[company.id]["assignments_open_overdue"] += count
        for company, on_time, late in self._read_group(
            due + [("state", "=", "done")], ["company_id"], ["done_on_time:sum", "done_late:sum"]
        ):
            figures[company.id]["assignments_on_time"] += on_time
            figures[company.id]["assignments_late"] += late
        backlog = [
            ("company_id", "in", companies.ids),
            ("state", "in", ("assigned", "in_progress")),
        ]
        for low, high, key in AGEING_BUCKETS:
            bucket = backlog + [("deadline", "<", as_of - timedelta(days=low))]
            if high is not None:
                bucket.append(("deadline", ">=", as_of - timedelta(days=high)))
            for company, count in self._read_group(
                bucket, ["company_id"], ["assignment_count:sum"]
            ):
                figures[company.id][key] += count
