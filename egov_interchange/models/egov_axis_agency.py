from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.egov_documents.rules.errors import RuleError
from odoo.addons.egov_documents.rules.identifiers import check_qcvn102, check_qd20


def check_axis_code(value):
    """The normalised agency code (QĐ 20/2020 or QCVN 102:2016); raises RuleError."""
    try:
        return check_qcvn102(value)
    except RuleError:
        return check_qd20(value)


class EgovAxisAgency(models.Model):
    """An agency system registered on this database's axis (hub mode): it signs its
    requests with its secret and receives the packages addressed to its code."""

    _name = "egov.axis.agency"
    _description = "Axis Agency System"
    _order = "code"
    _rec_names_search = ["code", "name", "code102"]

    name = fields.Char(required=True)
    code = fields.Char(
        required=True,
        index=True,
        help="The system id the agency signs with (XroadVnpt-systemid): its QĐ 20/2020 or "
        "QCVN 102:2016 code.",
    )
    code102 = fields.Char("QCVN 102 code", index=True)
    parent_code = fields.Char()
    mail = fields.Char("Email")
    active = fields.Boolean(default=True)
    locked = fields.Boolean(
        help="A locked system can neither call the axis nor receive packages (code 23)."
    )
    rate_limit = fields.Integer(
        "Requests per minute", default=120, help="More requests in one minute are refused."
    )
    has_secret = fields.Boolean("Secret set", compute="_compute_has_secret")

    _sql_constraints = [
        ("code_unique", "unique(code)", "An agency code is registered once on the axis."),
        ("rate_limit_positive", "CHECK(rate_limit > 0)", "The rate limit must be positive."),
    ]

    @api.depends("code")
    def _compute_has_secret(self):
        owners = {f"agency:{agency.id}": agency for agency in self if agency.id}
        stored = set(
            self.env["egov.axis.secret"]
            .sudo()
            .search([("owner", "in", list(owners))])
            .mapped("owner")
        )
        for agency in self:
            agency.has_secret = f"agency:{agency.id}" in stored

    @api.depends("code", "name")
    def _compute_display_name(self):
        for agency in self:
            agency.display_name = f"[{agency.code}] {agency.name}" if agency.code else agency.name

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._egov_normalize(vals)
        return super().create(vals_list)

    def write(self, vals):
        return super().write(self._egov_normalize(dict(vals)))

    def _egov_normalize(self, vals):
        for name in ("code", "code102", "parent_code"):
            if vals.get(name):
                try:
                    vals[name] = check_axis_code(vals[name])
                except RuleError as error:
                    raise ValidationError(self.env._(error.template, **error.params)) from None
        return vals

    # --- Secrets -----------------------------------------------------------------------------
    def _egov_owner(self):
        self.ensure_one()
        return f"agency:{self.id}"

    def _egov_set_secret(self, secret):
        """Store the HMAC secret of this system (settings administrators only)."""
        self.ensure_one()
        if not (self.env.su or self.env.user.has_group("base.group_system")):
            raise AccessError(self.env._("Only settings administrators manage the axis hub."))
        if secret and len(secret) < 16:
            raise ValidationError(
                self.env._(
                    "An axis secret has at least 16 characters, for %(agency)s too.",
                    agency=self.display_name,
                )
            )
        self.env["egov.axis.secret"]._egov_store(self._egov_owner(), secret)

    @api.model
    def _egov_by_code(self, code):
        """The active registered system with ``code`` (or QCVN 102 ``code102``)."""
        if not code:
            return self.browse()
        Agencies = self.sudo()
        return Agencies.search([("code", "=", code)], limit=1) or Agencies.search(
            [("code102", "=", code)], limit=1
        )

    @api.model
    def _egov_secret_for(self, system_id):
        """The secret of the active system ``system_id`` (exact code), or ``None``."""
        agency = self.sudo().search([("code", "=", system_id)], limit=1)
        if not agency:
            return None
        return self.env["egov.axis.secret"]._egov_load(agency._egov_owner())

    @api.model
    def _egov_register(self, code, name, secret, **values):
        """Register (or update) system ``code`` with ``secret``; settings administrators."""
        if not (self.env.su or self.env.user.has_group("base.group_system")):
            raise AccessError(self.env._("Only settings administrators manage the axis hub."))
        Agencies = self.sudo().with_context(active_test=False)
        code = self._egov_normalize({"code": code})["code"]
        agency = Agencies.search([("code", "=", code)], limit=1)
        if agency:
            agency.write({"name": name, **values})
        else:
            agency = Agencies.create({"code": code, "name": name, **values})
        agency._egov_set_secret(secret)
        return agency
