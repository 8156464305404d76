"""Vietnamese first, checked against the code as it is now.

The Odoo-free test ``tests/test_i18n_complete.py`` checks ``i18n/vi.po`` against the
module's ``.pot``; a ``.pot`` that was not exported again after new strings landed hides
them. This test asks Odoo's own extractor (the one ``--i18n-export`` uses) for the terms
every installed egov module has today (field labels and help, selections, views, menus,
actions, constraints, ``_()``/``_lt()``/``env._()`` messages in Python) and requires each
of them to be translated in the module's ``vi.po``, and listed in its ``.pot``.

To fix a failure: export the module's .pot again from a database with the egov modules
installed (``--i18n-export=<module>/i18n/<module>.pot --modules=<module>``, no language)
and merge it into ``vi.po`` with a Vietnamese translation for every new msgid.
"""

import glob
import os

import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

SHOWN = 20


def _label(msgid):
    return repr(msgid if len(msgid) <= 100 else msgid[:97] + "...")


@tagged("post_install", "-at_install")
class TestTranslationsCurrent(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        installed = cls.env["ir.module.module"].search(
            [("name", "=like", "egov%"), ("state", "=", "installed")]
        )
        # {module: (path of i18n/vi.po, set of the source terms Odoo extracts today)}
        cls.catalogs = {}
        for module in sorted(installed.mapped("name")):
            path = get_module_path(module)
            vi_po = path and os.path.join(path, "i18n", "vi.po")
            if not vi_po or not os.path.isfile(vi_po):
                continue
            reader = TranslationModuleReader(cls.env.cr, modules=[module], lang=None)
            # rows are (module, type, name, res_id, source, value, comments)
            terms = {row[4] for row in reader if row[0] == module}
            cls.catalogs[module] = (vi_po, terms)

    def _missing_message(self, what, missing):
        shown = "\n".join(f"  {_label(msgid)}" for msgid in sorted(missing)[:SHOWN])
        more = f"\n  ... and {len(missing) - SHOWN} more" if len(missing) > SHOWN else ""
        return f"{len(missing)} current term(s) {what}:\n{shown}{more}"

    def test_the_egov_modules_with_a_vi_po_are_found(self):
        self.assertIn(
            "egov_documents",
            self.catalogs,
            "egov_documents is installed and ships i18n/vi.po: the test must check it",
        )
        for module, (_vi_po, terms) in self.catalogs.items():
            with self.subTest(module=module):
                self.assertTrue(terms, f"Odoo extracts no term at all from {module}")

    def test_vi_po_translates_every_term_of_the_current_code(self):
        for module, (vi_po, terms) in self.catalogs.items():
            with self.subTest(module=module):
                translated = {
                    entry.msgid
                    for entry in polib.pofile(vi_po)
                    if not entry.obsolete and "fuzzy" not in entry.flags and entry.msgstr.strip()
                }
                missing = terms - translated
                self.assertFalse(
                    missing,
                    f"{module}/i18n/vi.po is stale: "
                    + self._missing_message("without a Vietnamese translation", missing),
                )

    def test_pot_lists_every_term_of_the_current_code(self):
        for module, (vi_po, terms) in self.catalogs.items():
            with self.subTest(module=module):
                templates = glob.glob(os.path.join(os.path.dirname(vi_po), "*.pot"))
                self.assertTrue(templates, f"{module} ships i18n/vi.po but no i18n/*.pot")
                listed = {
                    entry.msgid
                    for template in templates
                    for entry in polib.pofile(template)
                    if not entry.obsolete
                }
                missing = terms - listed
                self.assertFalse(
                    missing,
                    f"{module}/i18n/{module}.pot is stale: "
                    + self._missing_message("not in the template", missing),
                )
