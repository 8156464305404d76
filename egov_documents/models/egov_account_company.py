import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    """Per agency: the logins allowed outside the province's login format."""

    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    egov_login_exceptions = fields.Text(
        string="Logins Outside the Format",
        help="Logins of this agency allowed although they do not follow the login format of "
        "the rule profile (one per line), e.g. a shared mailbox or a service account.",
    )

    def _egov_login_exception_set(self):
        self.ensure_one()
        return {
            line.strip().lower()
            for line in re.split(r"[\n,;]+", self.sudo().egov_login_exceptions or "")
            if line.strip()
        }

    @api.constrains("egov_login_exceptions")
    def _check_egov_login_exceptions(self):
        for company in self:
            for login in company._egov_login_exception_set():
                if " " in login:
                    raise ValidationError(
                        self.env._(
                            "Logins outside the format of %(agency)s: %(login)s is not a login "
                            "(no spaces; one login per line).",
                            agency=company.name,
                            login=login,
                        )
                    )
