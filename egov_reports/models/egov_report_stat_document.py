from datetime import timedelta

from odoo import api, fields, models, tools

from odoo.addons.egov_documents.models.egov_document import URGENT_LEVELS


class EgovDocument(models.Model):
    """The registration deadline the statistics compare with the registration time.

    Kon Tum Điều 8.3: the clerk registers and presents an incoming document at the latest
    on the next working day after its receipt; "Khẩn" and "Hỏa tốc" ones immediately after
    receipt. The deadline is computed once with the agency's working calendar (Friday
    evening and public holidays included) and stored, so the statistics compare two
    stored timestamps in SQL instead of counting calendars there.
    """

    _inherit = "egov.document"  # pylint: disable=consider-merging-classes-inherited

    egov_register_due = fields.Datetime(
        string="Register By",
        compute="_compute_egov_register_due",
        store=True,
        index="btree_not_null",
        copy=False,
        help="The next working day after receipt; for urgent documents immediately after "
        "receipt (Kon Tum Điều 8.3).",
    )

    egov_stat_date = fields.Datetime(
        string="Counted On",
        compute="_compute_egov_stat_date",
        store=True,
        index="btree_not_null",
        copy=False,
        help="Technical: the moment the statistics count the document in a period: when an "
        "incoming document entered the system, when an outgoing one was issued.",
    )

    def _auto_init(self):
        # on a database that already holds documents, fill the column in one statement
        # instead of computing it record by record
        cr = self.env.cr
        if not tools.sql.column_exists(cr, self._table, "egov_stat_date"):
            tools.sql.create_column(cr, self._table, "egov_stat_date", "timestamp")
            cr.execute(
                """UPDATE egov_document
                      SET egov_stat_date = CASE WHEN direction = 'incoming' THEN arrived_at
                                                WHEN direction = 'outgoing' THEN issued_at END"""
            )
        return super()._auto_init()

    @api.depends("direction", "arrived_at", "issued_at")
    def _compute_egov_stat_date(self):
        for document in self:
            if document.direction == "incoming":
                document.egov_stat_date = document.arrived_at
            elif document.direction == "outgoing":
                document.egov_stat_date = document.issued_at
            else:
                document.egov_stat_date = False

    @api.depends("received_at", "urgency", "direction", "company_id")
    def _compute_egov_register_due(self):
        schedules = {}
        for document in self:
            calendar = document.company_id.resource_calendar_id
            if document.direction != "incoming" or not document.received_at:
                document.egov_register_due = False
            elif document.urgency in URGENT_LEVELS:
                minutes = document.company_id._egov_report_rules()["urgent_register_minutes"]
                document.egov_register_due = document.received_at + timedelta(minutes=minutes)
            elif not calendar:
                document.egov_register_due = document.received_at + timedelta(days=1)
            else:
                if calendar.id not in schedules:
                    schedules[calendar.id] = calendar._egov_work_schedule()
                due = schedules[calendar.id].add_working_days(document.received_at, 1)
                document.egov_register_due = calendar._egov_to_naive_utc(due)
