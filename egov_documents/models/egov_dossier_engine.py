"""The Odoo side of the dossier engine (``egov_documents/dossier``, Odoo-free).

The engine is imported when first used, so that the selections below read its code lists
(PL VI Mục III) and the models never repeat them.
"""

import importlib


def engine():
    """The pure dossier engine: codes, file codes, packages."""
    return importlib.import_module("odoo.addons.egov_documents.dossier")


def code_selection(name):
    """The code list ``name`` of the engine (``MAINTENANCE``, ``RIGHTS``, ``LANGUAGES``) as
    selection pairs ``(code, label)``."""
    codes = getattr(engine(), name)
    items = codes.items() if isinstance(codes, dict) else codes
    pairs = []
    for item in items:
        if isinstance(item, (tuple, list)):
            code, label = item[0], item[1]
        else:
            code, label = item, item
        pairs.append((str(code), str(label)))
    return pairs
