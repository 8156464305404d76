"""Odoo's PDF reports with the wkhtmltopdf that Debian and Ubuntu ship (0.12.6, unpatched Qt).

That build differs from the "patched Qt" one Odoo is tested with in two ways that matter:

* it converts ONE input page per run: given several (Odoo passes one HTML body per record,
  e.g. two processing slips or two registers), it exits with "Exit with code 1, due to
  unknown error" and writes nothing. Odoo accepts exit code 1 (it is also the code for a
  missing image), so the user gets an empty file. Here each body is converted on its own
  and the PDFs are merged, in order.
* it ignores ``--header-html``/``--footer-html`` (and so page numbers in them): the egov
  registers put nothing there.

wkhtmltopdf also loads the report's style sheets over HTTP. Odoo takes them from
``report.url``, else from ``web.base.url``; here, when ``report.url`` is not set, the address
this very server listens on is used instead of ``web.base.url``, so a public URL that the
server cannot reach from inside (a proxy name, another port) does not leave the PDF unstyled.
"""

import logging
import re
import subprocess

from odoo import api, models
from odoo.tools import config
from odoo.tools.pdf import merge_pdf

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

_logger = logging.getLogger(__name__)


def _probe_patched_qt():
    try:
        version = subprocess.run(
            [_get_wkhtmltopdf_bin(), "--version"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return bool(re.search(r"patched qt", version, re.IGNORECASE))


#: None: no wkhtmltopdf; False: an unpatched-Qt build (one page per run)
WKHTMLTOPDF_PATCHED_QT = _probe_patched_qt()


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"  # pylint: disable=consider-merging-classes-inherited

    def _get_report_url(self, layout=None):
        if self.env["ir.config_parameter"].sudo().get_param("report.url"):
            return super()._get_report_url(layout=layout)
        interface = config.get("http_interface") or "127.0.0.1"
        if interface in ("0.0.0.0", "::"):  # noqa: S104 - read from the server's own config
            interface = "127.0.0.1"
        return f"http://{interface}:{config['http_port']}"

    @api.model
    def _run_wkhtmltopdf(self, bodies, report_ref=False, header=None, footer=None, **kwargs):
        if WKHTMLTOPDF_PATCHED_QT is not False or len(bodies) < 2:
            return super()._run_wkhtmltopdf(
                bodies, report_ref=report_ref, header=header, footer=footer, **kwargs
            )
        _logger.debug("wkhtmltopdf without patched Qt: %d bodies converted one by one", len(bodies))
        return merge_pdf(
            [
                super(IrActionsReport, self)._run_wkhtmltopdf(
                    [body], report_ref=report_ref, header=header, footer=footer, **kwargs
                )
                for body in bodies
            ]
        )
