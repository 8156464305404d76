from odoo import models


class IrModuleModule(models.Model):
    """Languages loaded after the groups view was generated translate it too."""

    _inherit = "ir.module.module"  # pylint: disable=consider-merging-classes-inherited

    def _load_module_terms(self, modules, langs, overwrite=False, imported_module=False):
        result = super()._load_module_terms(
            modules, langs, overwrite=overwrite, imported_module=imported_module
        )
        self.env["res.groups"]._egov_translate_user_groups_view(langs)
        return result
