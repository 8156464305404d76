if __name__.startswith("odoo.addons."):
    from . import controllers, models, wizards  # noqa: F401
