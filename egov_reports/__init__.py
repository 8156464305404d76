if __name__.startswith("odoo.addons."):
    from . import models  # noqa: F401
