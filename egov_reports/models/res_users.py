from odoo import api, models

OFFICER = "egov_documents.group_egov_officer"
DASHBOARD_ACTION = "egov_reports.action_egov_dashboard"


class ResUsers(models.Model):
    """egov users land on their role's dashboard after login (``res.users.action_id``, the
    home action), not in Discuss. A user who chose another home action keeps it."""

    _inherit = "res.users"  # pylint: disable=consider-merging-classes-inherited

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._egov_set_dashboard_home()
        return users

    def write(self, vals):
        result = super().write(vals)
        if any(key == "groups_id" or key.startswith(("in_group_", "sel_groups_")) for key in vals):
            self._egov_set_dashboard_home()
        return result

    def _egov_set_dashboard_home(self):
        """Give the dashboard as home action to those of these users who are egov users
        and have no home action yet."""
        action_id = self.env["ir.model.data"]._xmlid_to_res_id(
            DASHBOARD_ACTION, raise_if_not_found=False
        )
        if not action_id:
            return
        users = self.sudo().filtered(
            lambda user: not user.action_id and not user.share and user.has_group(OFFICER)
        )
        if users:
            users.write({"action_id": action_id})

    @api.model
    def _egov_set_dashboard_home_for_all(self):
        """At install: every existing egov user without a home action."""
        group = self.env.ref(OFFICER)
        self.sudo().search([("groups_id", "in", group.ids)])._egov_set_dashboard_home()
