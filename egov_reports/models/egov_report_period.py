import base64
import io
from datetime import date, timedelta

import psycopg2
import xlsxwriter
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.egov_documents.models.egov_cron import check_scheduler
from odoo.addons.egov_documents.rules.worktime import to_local

from .egov_report_stat import figure_keys, rates

PERIOD_KINDS = [("quarter", "Quarterly"), ("half", "Six-Monthly"), ("year", "Annual")]
#: kind → months a period lasts
CADENCE = {"quarter": 3, "half": 6, "year": 12}
#: a report whose due day passed longer ago than this is not prepared any more (the cron
#: catches up after a stop, it does not fill the history of a newly installed agency)
CATCH_UP_DAYS = 31
ADMIN = "egov_documents.group_egov_admin"
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def report_period(kind, year, number, due_day):
    """``(date_from, date_to, due_date)`` of period ``number`` of ``year`` (quarter 1–4,
    half 1–2, year 1). The report is due on ``due_day`` of the period's last month (Tây Ninh
    52/2019 Điều 13.4: the 15th) and its figures run from the due day of the month before the
    period to the day before the due day (NĐ 09/2019/NĐ-CP Điều 12: Q1 = 15/12 to 14/03)."""
    months = CADENCE[kind]
    due = date(year, months * number, due_day)
    return due - relativedelta(months=months), due - timedelta(days=1), due


def due_periods(kind, today, due_day):
    """The periods of ``kind`` whose report fell due within the last ``CATCH_UP_DAYS`` days
    up to ``today``, as ``(year, number)``."""
    months = CADENCE[kind]
    periods = []
    for year in (today.year - 1, today.year):
        for number in range(1, 12 // months + 1):
            due = report_period(kind, year, number, due_day)[2]
            if due <= today and (today - due).days <= CATCH_UP_DAYS:
                periods.append((year, number))
    return periods


class EgovReportPeriod(models.Model):
    """A periodic compliance report of an agency, prepared by the cron when it falls due
    (quarterly: Tây Ninh 52/2019 Điều 13.4; six-monthly and annual: Kon Tum Điều 17.1,
    20.7), with its figures stored, an Excel workbook attached and the agency's
    administrators notified. Its figures are the system's: nobody edits them."""

    _name = "egov.report.period"
    _description = "Periodic Report"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_to desc, kind, company_id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name")
    company_id = fields.Many2one("res.company", string="Agency", required=True, index=True)
    kind = fields.Selection(PERIOD_KINDS, required=True, index=True)
    year = fields.Integer(required=True)
    number = fields.Integer(string="Period", required=True, help="Quarter 1–4 or half 1–2.")
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    due_date = fields.Date(string="Due On", required=True)
    prepared_at = fields.Datetime(string="Prepared On", readonly=True)
    xlsx_attachment_id = fields.Many2one("ir.attachment", string="Excel Workbook", readonly=True)
    # --- figures (egov_report_stat.figure_keys) ----------------------------------------
    incoming_document_count = fields.Integer(string="Incoming Documents", readonly=True)
    incoming_electronic = fields.Integer(string="Incoming: Electronic", readonly=True)
    incoming_paper = fields.Integer(string="Incoming: On Paper", readonly=True)
    incoming_axis = fields.Integer(string="Incoming: Through the Axis", readonly=True)
    incoming_register_on_time = fields.Integer(string="Registered On Time", readonly=True)
    incoming_register_late = fields.Integer(string="Registered Late", readonly=True)
    incoming_register_waiting = fields.Integer(string="Awaiting Registration", readonly=True)
    incoming_returned = fields.Integer(string="Returned to the Sender", readonly=True)
    incoming_recalled = fields.Integer(string="Incoming: Recalled by the Sender", readonly=True)
    outgoing_document_count = fields.Integer(string="Outgoing Documents", readonly=True)
    outgoing_electronic = fields.Integer(string="Outgoing: Electronic", readonly=True)
    outgoing_paper = fields.Integer(string="Outgoing: On Paper", readonly=True)
    outgoing_axis = fields.Integer(string="Outgoing: Through the Axis", readonly=True)
    outgoing_signed = fields.Integer(string="Outgoing: Digitally Signed", readonly=True)
    outgoing_issue_on_time = fields.Integer(string="Sent On Time", readonly=True)
    outgoing_issue_late = fields.Integer(string="Sent Late", readonly=True)
    outgoing_recalled = fields.Integer(string="Outgoing: Recalled", readonly=True)
    outgoing_rejected = fields.Integer(string="Outgoing: Rejected by Recipients", readonly=True)
    assignments_due = fields.Integer(readonly=True)
    assignments_on_time = fields.Integer(string="Assignments Done On Time", readonly=True)
    assignments_late = fields.Integer(string="Assignments Done Late", readonly=True)
    assignments_open_overdue = fields.Integer(string="Assignments Open and Overdue", readonly=True)
    assignments_ageing_1_5 = fields.Integer(string="Backlog 1–5 Days Overdue", readonly=True)
    assignments_ageing_6_10 = fields.Integer(string="Backlog 6–10 Days Overdue", readonly=True)
    assignments_ageing_11_30 = fields.Integer(string="Backlog 11–30 Days Overdue", readonly=True)
    assignments_ageing_over_30 = fields.Integer(
        string="Backlog Over 30 Days Overdue", readonly=True
    )
    logins = fields.Integer(readonly=True)
    active_users = fields.Integer(readonly=True)
    # --- shares ---------------------------------------------------------------------------
    electronic_rate = fields.Float(string="Electronic (%)", readonly=True)
    axis_rate = fields.Float(string="Through the Axis (%)", readonly=True)
    signed_rate = fields.Float(string="Digitally Signed (%)", readonly=True)
    register_on_time_rate = fields.Float(string="Registered On Time (%)", readonly=True)
    issue_on_time_rate = fields.Float(string="Sent On Time (%)", readonly=True)
    assignments_on_time_rate = fields.Float(string="Assignments On Time (%)", readonly=True)

    _sql_constraints = [
        (
            "period_unique",
            "UNIQUE(company_id, kind, year, number)",
            "An agency has one report per period.",
        )
    ]

    @api.depends("kind", "year", "number", "company_id")
    @api.depends_context("lang")
    def _compute_name(self):
        for report in self:
            if report.kind == "quarter":
                numeral = ROMAN.get(report.number, str(report.number))
                period = self.env._("Q%(number)s/%(year)s", number=numeral, year=report.year)
            elif report.kind == "half" and report.number == 1:
                period = self.env._("First half of %(year)s", year=report.year)
            elif report.kind == "half":
                period = self.env._("Second half of %(year)s", year=report.year)
            else:
                period = self.env._("Year %(year)s", year=report.year)
            report.name = f"{period} – {report.company_id.name}"

    # --- The cron ------------------------------------------------------------------------
    @api.model
    def _cron_prepare_reports(self, batch_size=50):
        """Entry point of the cron: only the scheduler runs it."""
        check_scheduler(self.env)
        return self.sudo()._egov_prepare_due_reports(batch_size=batch_size)

    @api.model
    def _egov_prepare_due_reports(self, batch_size=50):
        """Prepare every report that fell due today (or within the catch-up window) and does
        not exist yet, at most ``batch_size`` per run; safe to run twice or concurrently (one
        report per agency and period, enforced by the database)."""
        today = to_local(fields.Datetime.now()).date()
        wanted = []
        for company in self.env["res.company"].search([("active", "=", True)]):
            rules = company._egov_report_rules()
            for kind in CADENCE:
                if rules[kind]:
                    for year, number in due_periods(kind, today, rules["due_day"]):
                        wanted.append((company, kind, year, number))
        existing = {
            (report.company_id.id, report.kind, report.year, report.number)
            for report in self.search(
                [("company_id", "in", list({w[0].id for w in wanted}) or [0])]
            )
        }
        todo = [w for w in wanted if (w[0].id, *w[1:]) not in existing]
        prepared = self.browse()
        for company, kind, year, number in todo[:batch_size]:
            try:
                with self.env.cr.savepoint():
                    prepared |= self._egov_prepare(company, kind, year, number)
            except psycopg2.IntegrityError:
                continue  # another run prepared it meanwhile
        if len(todo) > batch_size:
            self.env["ir.cron"]._notify_progress(
                done=len(prepared), remaining=len(todo) - batch_size
            )
        return prepared

    @api.model
    def _egov_prepare(self, company, kind, year, number):
        """Create the report of ``company`` for the period, fill its figures, attach the
        workbook and notify the agency's administrators."""
        due_day = company._egov_report_rules()["due_day"]
        date_from, date_to, due = report_period(kind, year, number, due_day)
        report = self.create(
            {
                "company_id": company.id,
                "kind": kind,
                "year": year,
                "number": number,
                "date_from": date_from,
                "date_to": date_to,
                "due_date": due,
            }
        )
        self.env.flush_all()
        report._egov_compute_figures()
        report._egov_notify_admins()
        return report

    def _egov_compute_figures(self):
        for report in self:
            figures = (
                self.env["egov.report.stat"]
                .sudo()
                ._egov_figures(report.company_id, report.date_from, report.date_to)
            )[report.company_id.id]
            report.write({**figures, **rates(figures), "prepared_at": fields.Datetime.now()})
            report._egov_attach_xlsx()

    def _egov_notify_admins(self):
        for report in self:
            report = report.with_context(lang=report.company_id.partner_id.lang or self.env.lang)
            admins = report.company_id._egov_users(ADMIN)
            for admin in admins:
                report.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=report.due_date,
                    user_id=admin.id,
                    summary=report.env._("Review and send the periodic report"),
                )
            report.message_post(
                body=report.env._(
                    "The %(report)s report is ready, due on %(due)s.",
                    report=report.name,
                    due=report.due_date.strftime("%d/%m/%Y"),
                ),
                partner_ids=admins.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
                message_type="notification",
            )

    # --- Excel ---------------------------------------------------------------------------
    def _egov_xlsx_rows(self):
        """``(label, value)`` of every figure and share, labels in the agency's language."""
        self.ensure_one()
        lang = self.company_id.partner_id.lang or self.env.lang
        report = self.with_context(lang=lang)
        keys = figure_keys() + list(rates(dict.fromkeys(figure_keys(), 0)))
        return [(report._fields[key]._description_string(report.env), report[key]) for key in keys]

    def _egov_attach_xlsx(self):
        self.ensure_one()
        lang = self.company_id.partner_id.lang or self.env.lang
        env = self.with_context(lang=lang).env
        out = io.BytesIO()
        workbook = xlsxwriter.Workbook(out, {"in_memory": True})
        sheet = workbook.add_worksheet(env._("Report"))
        bold = workbook.add_format({"bold": True})
        sheet.set_column(0, 0, 48)
        sheet.set_column(1, 1, 16)
        sheet.write(0, 0, self.company_id.name, bold)
        sheet.write(1, 0, self.with_env(env).name, bold)
        sheet.write(
            2,
            0,
            env._(
                "From %(start)s to %(end)s, due on %(due)s",
                start=self.date_from.strftime("%d/%m/%Y"),
                end=self.date_to.strftime("%d/%m/%Y"),
                due=self.due_date.strftime("%d/%m/%Y"),
            ),
        )
        for row, (label, value) in enumerate(self._egov_xlsx_rows(), start=4):
            sheet.write(row, 0, label)
            sheet.write_number(row, 1, value)
        workbook.close()
        filename = f"{self.kind}-{self.year}-{self.number}-{self.company_id.id}.xlsx"
        attachment = self.env["ir.attachment"].create(
            {
                "name": filename,
                "datas": base64.b64encode(out.getvalue()),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        old = self.xlsx_attachment_id
        self.xlsx_attachment_id = attachment
        old.unlink()

    # --- Buttons -------------------------------------------------------------------------
    def action_download_xlsx(self):
        """Xuất Excel: download the workbook attached to the report."""
        self.ensure_one()
        self.check_access("read")
        if not self.xlsx_attachment_id:
            self._egov_check_admin()
            self.sudo()._egov_attach_xlsx()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.sudo().xlsx_attachment_id.id}?download=true",
            "target": "self",
        }

    def action_recompute(self):
        """An administrator of the agency computes the figures again (after late entries)."""
        self._egov_check_admin()
        self.sudo()._egov_compute_figures()
        return True

    def _egov_check_admin(self):
        self.check_access("read")
        for report in self:
            if not (
                self.env.user.has_group(ADMIN) and report.company_id in self.env.user.company_ids
            ):
                raise AccessError(
                    self.env._(
                        "Only an administrator of %(agency)s may recompute its report.",
                        agency=report.company_id.name,
                    )
                )
