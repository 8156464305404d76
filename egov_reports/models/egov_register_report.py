from odoo import api, fields, models

from ..registers.period import local_day


def _vn_date(day):
    """A date as a Vietnamese form writes it: "ngày 05 tháng 01 năm 2026"."""
    if not day:
        return "ngày … tháng … năm …"
    return f"ngày {day:%d} tháng {day:%m} năm {day.year}"


class ReportEgovRegister(models.AbstractModel):
    """The register book of a register (văn bản đi or đến by its direction).

    From the Print menu: the current quarter. From the print wizard: ``data`` carries the
    period, the volume and the book.
    """

    _name = "report.egov_reports.report_register"
    _description = "Register Book Report"

    _egov_book = None

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        registers = self.env["egov.register"].browse(data.get("register_id") or docids)
        date_from = fields.Date.to_date(data.get("date_from"))
        date_to = fields.Date.to_date(data.get("date_to"))
        Book = self.env["egov.register.book"]
        books = [
            Book._egov_book(
                register,
                book=data.get("book") or self._egov_book,
                date_from=date_from,
                date_to=date_to,
                volume=data.get("volume"),
            )
            for register in registers
        ]
        return {
            "doc_ids": registers.ids,
            "doc_model": "egov.register",
            "docs": registers,
            "books": books,
        }


class ReportEgovRegisterTracking(models.AbstractModel):
    """Sổ theo dõi giải quyết văn bản đến of an incoming register."""

    _name = "report.egov_reports.report_register_tracking"
    _inherit = "report.egov_reports.report_register"  # pylint: disable=consider-merging-classes-inherited
    _description = "Incoming Follow-up Book Report"

    _egov_book = "tracking"


class ReportEgovIncomingSlip(models.AbstractModel):
    """Phiếu giải quyết văn bản đến, one page per incoming document."""

    _name = "report.egov_reports.report_incoming_slip"
    _description = "Incoming Processing Slip Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        documents = self.env["egov.document"].browse(docids)
        Book = self.env["egov.register.book"]
        return {
            "doc_ids": documents.ids,
            "doc_model": "egov.document",
            "docs": documents,
            "slips": [Book._egov_slip(document) for document in documents],
            "vn_date": _vn_date,
            "local_day": local_day,
        }
