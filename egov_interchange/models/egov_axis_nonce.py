from odoo import api, fields, models

from odoo.addons.egov_documents.models.egov_cron import check_scheduler


class EgovAxisNonce(models.Model):
    """Nonces of accepted requests, to refuse a replay within the timestamp window; they
    also count the requests of a system in the last minute (rate limit). No access right:
    only the hub code touches it."""

    _name = "egov.axis.nonce"
    _description = "Axis Request Nonce"
    _log_access = False

    system_id = fields.Char(required=True)
    nonce = fields.Char(required=True)
    used_at = fields.Datetime(required=True, index=True)

    _sql_constraints = [
        ("system_nonce_unique", "unique(system_id, nonce)", "A nonce is used once.")
    ]

    def init(self):
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS egov_axis_nonce_system_used_idx "
            "ON egov_axis_nonce (system_id, used_at)"
        )

    @api.model
    def _egov_use(self, system_id, nonce, now):
        """Record ``nonce`` of ``system_id``; False when it was already used."""
        self.env.cr.execute(
            """INSERT INTO egov_axis_nonce (system_id, nonce, used_at) VALUES (%s, %s, %s)
               ON CONFLICT (system_id, nonce) DO NOTHING RETURNING id""",
            [system_id, nonce, now],
        )
        return bool(self.env.cr.fetchone())

    @api.model
    def _egov_recent_count(self, system_id, since):
        self.env.cr.execute(
            "SELECT count(*) FROM egov_axis_nonce WHERE system_id = %s AND used_at > %s",
            [system_id, since],
        )
        return self.env.cr.fetchone()[0]

    @api.model
    def _cron_purge(self, older_than_minutes=15, keep_log_days=180):
        """Forget nonces older than the replay window (twice the timestamp skew) and
        refusal logs older than ``keep_log_days``; returns the number of nonces purged."""
        check_scheduler(self.env)
        now = fields.Datetime.now()
        limit = fields.Datetime.subtract(now, minutes=older_than_minutes)
        self.env.cr.execute("DELETE FROM egov_axis_nonce WHERE used_at < %s", [limit])
        purged = self.env.cr.rowcount
        self.env.cr.execute(
            "DELETE FROM egov_axis_request_log WHERE create_date < %s",
            [fields.Datetime.subtract(now, days=keep_log_days)],
        )
        return purged
