from odoo import models
from odoo.exceptions import AccessDenied
from odoo.http import request

#: the only page a user who must change his password may use (controllers/egov_account_login.py)
CHANGE_PASSWORD_PATH = "/egov/change_password"


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"  # pylint: disable=consider-merging-classes-inherited

    @classmethod
    def _authenticate(cls, endpoint):
        """A user whose password was set by an administrator works with nothing but the
        password change until he has chosen his own (Bến Tre QĐ 44/2017 Điều 7; Thái Bình QĐ
        17/2019 Điều 11): not the web client, and not JSON-RPC either, whoever holds the
        password the administrator gave."""
        result = super()._authenticate(endpoint)
        if (
            endpoint.routing.get("auth") == "user"
            and request.session.uid
            and request.httprequest.path != CHANGE_PASSWORD_PATH
            and request.env.user.sudo().egov_must_change_password
        ):
            raise AccessDenied(
                request.env._(
                    "Change the password an administrator gave you before using the system: "
                    "open %(path)s.",
                    path=CHANGE_PASSWORD_PATH,
                )
            )
        return result
