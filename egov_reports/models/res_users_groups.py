from odoo import models


class ResGroups(models.Model):
    """Users added to a group from the group's side (Settings → Groups → Users) land on
    their dashboard too, like those given a role on their user form (``res_users.py``)."""

    _inherit = "res.groups"  # pylint: disable=consider-merging-classes-inherited

    def write(self, vals):
        result = super().write(vals)
        if "users" in vals:
            self.users._egov_set_dashboard_home()
        return result
