# The pure engines in ``rules`` import without Odoo; the Odoo layer registers
# only when Odoo loads this package as an addon.
if __name__.startswith("odoo.addons."):
    from . import controllers, models, wizard
    from .hooks import post_init_hook  # noqa: F401
