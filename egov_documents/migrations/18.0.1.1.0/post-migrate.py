"""18.0.1.1.0: ``present_due`` is computed at arrival from the agency's rule profile.

Up to 18.0.1.0.0 it was written when the document was presented, so documents still waiting
to be registered had none and urgent ones had their registration time. Recompute it for the
incoming documents not yet presented, so the late-registration flag sees them; presented ones
keep the deadline they were handled under.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    documents = (
        env["egov.document"]
        .with_context(active_test=False)
        .search([("direction", "=", "incoming"), ("presented_at", "=", False)])
    )
    env.add_to_compute(documents._fields["present_due"], documents)
    documents.flush_recordset()
