"""Test and demo material (sample PDFs, throw-away PKI, dummy TSA).

Plain Python: nothing here imports Odoo, so the Odoo-free tests and the benchmarks
import it as ``egov_fixtures.<module>`` (with ``addons/`` on ``sys.path``) and Odoo
tests as ``odoo.addons.egov_fixtures.<module>``.
"""
