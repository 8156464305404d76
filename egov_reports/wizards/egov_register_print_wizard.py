import base64

from odoo import api, fields, models

from ..registers import xlsx
from ..registers.period import local_day, quarter_bounds, quarter_of

PERIODS = [
    ("q1", "Quarter 1"),
    ("q2", "Quarter 2"),
    ("q3", "Quarter 3"),
    ("q4", "Quarter 4"),
    ("year", "Whole Year"),
    ("custom", "Custom Dates"),
]
BOOKS = [
    ("register", "Register Book"),
    ("tracking", "Incoming Follow-up Book"),
]


def _today():
    return local_day(fields.Datetime.now())


class EgovRegisterPrintWizard(models.TransientModel):
    """Print or export a register book for a period: a quarter by default (Bến Tre Điều
    10.3 has the registers printed every quarter and bound every year), the whole year, or
    custom days within one year."""

    _name = "egov.register.print.wizard"
    _description = "Print a Register Book"

    register_id = fields.Many2one(
        "egov.register",
        string="Document Register",
        required=True,
        domain="[('company_id', 'in', allowed_company_ids)]",
    )
    direction = fields.Selection(related="register_id.direction")
    book = fields.Selection(
        BOOKS,
        required=True,
        default="register",
        help="The register book itself (văn bản đi or đến), or for an incoming register the "
        "book that follows how each document is handled (sổ theo dõi giải quyết).",
    )
    year = fields.Integer(required=True, default=lambda self: _today().year)
    period = fields.Selection(
        PERIODS, required=True, default=lambda self: f"q{quarter_of(_today())}"
    )
    date_from = fields.Date(
        string="From",
        compute="_compute_dates",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    date_to = fields.Date(
        string="To",
        compute="_compute_dates",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    volume = fields.Char(default="01", required=True, help="Quyển số printed on the cover.")

    @api.depends("year", "period")
    def _compute_dates(self):
        for wizard in self:
            year = wizard.year or _today().year
            if wizard.period and wizard.period.startswith("q"):
                wizard.date_from, wizard.date_to = quarter_bounds(year, int(wizard.period[1]))
            elif wizard.period == "year":
                wizard.date_from = fields.Date.to_date(f"{year}-01-01")
                wizard.date_to = fields.Date.to_date(f"{year}-12-31")
            elif not wizard.date_from or not wizard.date_to:
                wizard.date_from, wizard.date_to = quarter_bounds(year, quarter_of(_today()))

    def _egov_book_kind(self):
        self.ensure_one()
        if self.book == "tracking":
            return "tracking"
        return "incoming" if self.register_id.direction == "incoming" else "outgoing"

    def _egov_data(self):
        self.ensure_one()
        return {
            "register_id": self.register_id.id,
            "book": self._egov_book_kind(),
            "date_from": fields.Date.to_string(self.date_from),
            "date_to": fields.Date.to_string(self.date_to),
            "volume": self.volume,
        }

    def _egov_book(self):
        self.ensure_one()
        return self.env["egov.register.book"]._egov_book(
            self.register_id,
            book=self._egov_book_kind(),
            date_from=self.date_from,
            date_to=self.date_to,
            volume=self.volume,
        )

    def action_print(self):
        """The book as PDF, through Odoo's report engine."""
        self.ensure_one()
        self._egov_book()  # refuses a wrong period or reader before the report opens
        report = (
            "egov_reports.action_report_egov_register_tracking"
            if self.book == "tracking"
            else "egov_reports.action_report_egov_register"
        )
        return self.env.ref(report).report_action(self.register_id, data=self._egov_data())

    def action_export_xlsx(self):
        """The same book, same columns, as an xlsx workbook to download."""
        self.ensure_one()
        book = self._egov_book()
        content = xlsx.register_workbook(book["book"], book["cover"], book["rows"])
        code = self.register_id.code or self.register_id.name
        name = f"{code} {self.date_from:%Y-%m-%d}-{self.date_to:%Y-%m-%d}.xlsx"
        attachment = self.env["ir.attachment"].create(
            {
                "name": name,
                "datas": base64.b64encode(content),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "download",
        }
