"""Vietnamese first: every label, message and report in i18n/vi.po.

For every module at the repository root that ships a translation template
(``<module>/i18n/*.pot``, exported from Odoo), ``<module>/i18n/vi.po`` must exist, parse,
carry the header Odoo needs for Vietnamese, and translate every msgid of the template:
no empty msgstr, no fuzzy entry, the same ``%(name)s`` placeholders and the same number of
bare ``%s``/``%d``, and HTML tags kept balanced as in the msgid. A module that gains a
.pot is picked up automatically.
"""

import re
from collections import Counter
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
POT_FILES = sorted(ROOT.glob("*/i18n/*.pot"))
MODULES = sorted({pot.parent.parent.name for pot in POT_FILES})

# printf-style conversions as Python's % operator reads them; a lone "%" followed by a
# space or a bracket (e.g. "Progress (%)", "50% done") is plain text, not a placeholder.
PLACEHOLDER = re.compile(r"%(?:\((?P<name>[^)]+)\))?[-#0+]?\d*(?:\.\d+)?(?P<conv>[sdifr%])")
TAG = re.compile(r"<(?P<close>/?)(?P<name>[A-Za-z][\w:.-]*)(?:\s[^<>]*?)?(?P<self>/?)>")
VOID_TAGS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


def _templates(module):
    return [pot for pot in POT_FILES if pot.parent.parent.name == module]


def _vi_po(module):
    return ROOT / module / "i18n" / "vi.po"


def _key(entry):
    return (entry.msgctxt or "", entry.msgid)


def _translations(module):
    """Pairs (template entry, vi.po entry or None) for every msgid of the module's .pot."""
    catalog = {_key(entry): entry for entry in polib.pofile(str(_vi_po(module)))}
    pairs = []
    for pot in _templates(module):
        for entry in polib.pofile(str(pot)):
            if entry.obsolete:
                continue
            pairs.append((entry, catalog.get(_key(entry))))
    return pairs


def _msgstrs(entry):
    if entry.msgid_plural:
        return [text for _, text in sorted(entry.msgstr_plural.items())]
    return [entry.msgstr]


def _placeholders(text):
    named, bare, escaped = set(), Counter(), 0
    for match in PLACEHOLDER.finditer(text):
        if match["conv"] == "%":
            escaped += 1
        elif match["name"] is not None:
            named.add((match["name"], match["conv"]))
        else:
            bare[match["conv"]] += 1
    return named, bare, escaped


def _tags(text):
    """Counter of (tag, kind) and whether the tags nest properly."""
    seen, stack, nested = Counter(), [], True
    for match in TAG.finditer(text):
        name = match["name"].lower()
        if match["self"] or (name in VOID_TAGS and not match["close"]):
            seen[(name, "self")] += 1
        elif match["close"]:
            seen[(name, "close")] += 1
            if stack and stack[-1] == name:
                stack.pop()
            else:
                nested = False
        else:
            seen[(name, "open")] += 1
            stack.append(name)
    return seen, nested and not stack


def _label(entry):
    text = entry.msgid if len(entry.msgid) <= 70 else entry.msgid[:67] + "..."
    return repr(text)


def test_vietnamese_first_every_vi_po_has_the_pot_it_translates():
    orphans = sorted(
        po.parent.parent.name
        for po in ROOT.glob("*/i18n/vi.po")
        if po.parent.parent.name not in MODULES
    )
    assert MODULES, "no module ships an i18n/*.pot: nothing to check the translations against"
    assert not orphans, f"i18n/vi.po without an i18n/*.pot to check it against: {orphans}"


@pytest.mark.parametrize("module", MODULES)
def test_vietnamese_first_every_module_with_a_pot_ships_i18n_vi_po(module):
    assert _vi_po(module).is_file(), f"{module}/i18n/vi.po is missing"


@pytest.mark.parametrize("module", MODULES)
def test_vietnamese_first_vi_po_parses_with_the_header_odoo_needs(module):
    catalog = polib.pofile(str(_vi_po(module)))
    header = catalog.metadata
    assert header.get("Language") == "vi", f"{module}/i18n/vi.po: Language is not vi"
    assert "charset=UTF-8" in header.get("Content-Type", ""), (
        f"{module}/i18n/vi.po: Content-Type is not text/plain; charset=UTF-8"
    )
    plural_forms = header.get("Plural-Forms", "").replace(" ", "")
    assert plural_forms.startswith("nplurals=1;plural=0"), (
        f"{module}/i18n/vi.po: Plural-Forms is not nplurals=1; plural=0;"
    )


@pytest.mark.parametrize("module", MODULES)
def test_vietnamese_first_every_msgid_of_the_pot_has_a_msgstr(module):
    missing, empty, fuzzy = [], [], []
    for template, translation in _translations(module):
        if translation is None:
            missing.append(_label(template))
        elif "fuzzy" in translation.flags:
            fuzzy.append(_label(template))
        elif not all(text.strip() for text in _msgstrs(translation)):
            empty.append(_label(template))
    problems = []
    if missing:
        problems.append(f"{len(missing)} msgid(s) not in vi.po: " + "; ".join(missing[:20]))
    if empty:
        problems.append(f"{len(empty)} empty msgstr: " + "; ".join(empty[:20]))
    if fuzzy:
        problems.append(f"{len(fuzzy)} fuzzy entries: " + "; ".join(fuzzy[:20]))
    assert not problems, f"{module}/i18n/vi.po is incomplete:\n" + "\n".join(problems)


@pytest.mark.parametrize("module", MODULES)
def test_vietnamese_first_placeholders_are_kept(module):
    wrong = []
    for template, translation in _translations(module):
        if translation is None:
            continue
        expected = _placeholders(template.msgid)
        for text in _msgstrs(translation):
            if not text:
                continue
            named, bare, escaped = _placeholders(text)
            if named != expected[0]:
                wrong.append(f"{_label(template)}: named {sorted(named)} != {sorted(expected[0])}")
            if bare != expected[1]:
                wrong.append(f"{_label(template)}: bare {dict(bare)} != {dict(expected[1])}")
            if escaped != expected[2]:
                wrong.append(f"{_label(template)}: '%%' {escaped} != {expected[2]}")
    assert not wrong, f"{module}/i18n/vi.po changes placeholders:\n" + "\n".join(wrong)


@pytest.mark.parametrize("module", MODULES)
def test_vietnamese_first_html_tags_stay_balanced_like_the_msgid(module):
    wrong = []
    for template, translation in _translations(module):
        if translation is None:
            continue
        expected, expected_nested = _tags(template.msgid)
        for text in _msgstrs(translation):
            if not text:
                continue
            seen, nested = _tags(text)
            if seen != expected:
                wrong.append(
                    f"{_label(template)}: tags {sorted(seen.items())} != {sorted(expected.items())}"
                )
            elif expected_nested and not nested:
                wrong.append(f"{_label(template)}: tags are not properly nested")
    assert not wrong, f"{module}/i18n/vi.po breaks HTML tags:\n" + "\n".join(wrong)
