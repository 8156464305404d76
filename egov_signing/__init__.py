# ``pades`` is a pure engine (pyhanko + cryptography, no Odoo import).
if __name__.startswith("odoo.addons."):
    from . import models  # noqa: F401
    from .hooks import post_init_hook  # noqa: F401
