from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..vdxp import VdxpClient


class EgovAxisUpstream(models.Model):
    """The hub's own account on the national axis: packages for codes not registered here
    are relayed to it, and packages it holds for agencies of the hub are fetched from it."""

    _name = "egov.axis.upstream"
    _description = "Axis Hub Upstream (national axis)"

    name = fields.Char(required=True, default="National document axis")
    endpoint = fields.Char(required=True, help="e.g. https://axis.example.gov.vn/edoc")
    system_id = fields.Char("System id", required=True)
    active = fields.Boolean(default=True)
    timeout = fields.Integer("Timeout (s)", default=30)
    batch_size = fields.Integer(default=50)
    last_run_at = fields.Datetime("Last exchange", readonly=True)
    last_error = fields.Text(readonly=True)
    has_secret = fields.Boolean("Secret set", compute="_compute_has_secret")

    _sql_constraints = [
        ("batch_size_positive", "CHECK(batch_size > 0)", "The batch size must be positive."),
    ]

    @api.constrains("endpoint")
    def _check_endpoint(self):
        for upstream in self:
            if not (upstream.endpoint or "").startswith(("https://", "http://")):
                raise ValidationError(
                    self.env._(
                        "The endpoint of %(name)s must be an http(s) address, got %(endpoint)s.",
                        name=upstream.name,
                        endpoint=upstream.endpoint,
                    )
                )

    def _compute_has_secret(self):
        Secrets = self.env["egov.axis.secret"].sudo()
        for upstream in self:
            upstream.has_secret = bool(
                upstream.id and Secrets.search_count([("owner", "=", upstream._egov_owner())])
            )

    def _egov_owner(self):
        self.ensure_one()
        return f"upstream:{self.id}"

    def _egov_set_secret(self, secret):
        self.ensure_one()
        if not (self.env.su or self.env.user.has_group("base.group_system")):
            raise AccessError(self.env._("Only settings administrators manage the axis hub."))
        self.env["egov.axis.secret"]._egov_store(self._egov_owner(), secret)

    @api.model
    def _egov_current(self):
        """The active upstream account, if any (superuser)."""
        return self.sudo().search([], order="id", limit=1)

    def _egov_client(self):
        """A VDXP client signed with this account's secret; ``None`` without a secret."""
        self.ensure_one()
        secret = self.env["egov.axis.secret"]._egov_load(self._egov_owner())
        if not secret:
            return None
        return VdxpClient(self.endpoint, self.system_id, secret, timeout=self.timeout or 30)
