"""The password change forced at the first login (Bến Tre QĐ 44/2017 Điều 7; Thái Bình QĐ
17/2019 Điều 11): after logging in, and whenever he opens the web client, a user whose
password was set by an administrator is sent to a page where he chooses his own."""

from odoo import http
from odoo.exceptions import AccessDenied, UserError
from odoo.http import request

from odoo.addons.web.controllers.home import Home

CHANGE_URL = "/egov/change_password"


def _must_change(uid):
    user = request.env["res.users"].sudo().browse(uid).exists() if uid else None
    return bool(user) and user.egov_must_change_password


class EgovAccountHome(Home):
    def _login_redirect(self, uid, redirect=None):
        if request.db and _must_change(uid):
            return CHANGE_URL
        return super()._login_redirect(uid, redirect=redirect)

    @http.route()
    def web_client(self, s_action=None, **kw):
        if request.db and _must_change(request.session.uid):
            return request.redirect(CHANGE_URL, 303)
        return super().web_client(s_action=s_action, **kw)

    @http.route(CHANGE_URL, type="http", auth="user", methods=["GET", "POST"], sitemap=False)
    def egov_change_password(self, **post):
        user = request.env.user
        values = {"error": None}
        if request.httprequest.method == "POST":
            old, new = post.get("old_password") or "", post.get("new_password") or ""
            if new != (post.get("confirm_password") or ""):
                values["error"] = request.env._("The new password and its confirmation differ.")
            elif new == old:
                values["error"] = request.env._(
                    "Choose a new password, different from the one you were given."
                )
            else:
                try:
                    user.change_password(old, new)
                except AccessDenied:
                    values["error"] = request.env._("The current password is wrong.")
                except UserError as error:
                    values["error"] = error.args[0]
                else:
                    # the session was tied to the old password: open one with the new one
                    request.session.authenticate(
                        request.db, {"login": user.login, "password": new, "type": "password"}
                    )
                    return request.redirect("/odoo", 303)
        elif not user.egov_must_change_password:
            return request.redirect("/odoo", 303)
        values["login"] = user.login
        return request.render("egov_documents.change_password_page", values)
