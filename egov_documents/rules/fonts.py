"""Find a TrueType font that can write Vietnamese.

Printed outputs (the Mục lục văn bản of a dossier, NĐ 30/2020 Phụ lục VI) are written in
Vietnamese, so the font must map the precomposed Vietnamese letters (U+1EA0-U+1EF9 and
ă â đ ê ô ơ ư). Liberation Serif 2.x (Debian ``fonts-liberation2``) has them and the
metrics of Times New Roman; Liberation 1.x (``fonts-liberation``) does not, which is why
every candidate is checked for the letters. DejaVu Serif has them too.

``find_font(("Liberation Serif", "DejaVu Serif"))`` looks in the usual Debian, Fedora and
Arch locations first, then asks fontconfig (``fc-match``) and accepts its answer only when
it is the family asked for (fontconfig always answers with *some* font). It returns None
when nothing fits; the caller decides what to fall back to.
"""

import logging
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

_logger = logging.getLogger(__name__)

#: letters a font must map to write Vietnamese
VIETNAMESE_PROBE = (
    "ĂÂĐÊÔƠƯăâđêôơư"
    "ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ"
    "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
)

STYLES = ("regular", "bold", "italic", "bolditalic")

#: file names of the known families per style
KNOWN_FILES = {
    "liberation serif": {
        "regular": "LiberationSerif-Regular.ttf",
        "bold": "LiberationSerif-Bold.ttf",
        "italic": "LiberationSerif-Italic.ttf",
        "bolditalic": "LiberationSerif-BoldItalic.ttf",
    },
    "dejavu serif": {
        "regular": "DejaVuSerif.ttf",
        "bold": "DejaVuSerif-Bold.ttf",
        "italic": "DejaVuSerif-Italic.ttf",
        "bolditalic": "DejaVuSerif-BoldItalic.ttf",
    },
    "liberation sans": {
        "regular": "LiberationSans-Regular.ttf",
        "bold": "LiberationSans-Bold.ttf",
        "italic": "LiberationSans-Italic.ttf",
        "bolditalic": "LiberationSans-BoldItalic.ttf",
    },
    "dejavu sans": {
        "regular": "DejaVuSans.ttf",
        "bold": "DejaVuSans-Bold.ttf",
        "italic": "DejaVuSans-Oblique.ttf",
        "bolditalic": "DejaVuSans-BoldOblique.ttf",
    },
}

#: directories searched for the known file names, in order (Liberation 2.x before 1.x)
FONT_DIRS = (
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/liberation-serif",
    "/usr/share/fonts/liberation-sans",
    "/usr/share/fonts/dejavu-serif-fonts",
    "/usr/share/fonts/dejavu-sans-fonts",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
    "/usr/local/share/fonts",
)

_FONTCONFIG_STYLES = {
    "regular": "Regular",
    "bold": "Bold",
    "italic": "Italic",
    "bolditalic": "Bold Italic",
}
_FC_MATCH_TIMEOUT = 10


@lru_cache(maxsize=64)
def has_vietnamese(path):
    """True when the TrueType font at ``path`` maps every letter of VIETNAMESE_PROBE."""
    try:
        from fontTools.ttLib import TTFont
    except ImportError:  # pragma: no cover - fontTools ships with reportlab's extras
        return Path(path).is_file()
    try:
        with TTFont(path, lazy=True) as font:
            cmap = font.getBestCmap() or {}
    except Exception:  # any unreadable or non-TrueType file simply does not fit
        return False
    return all(ord(character) in cmap for character in VIETNAMESE_PROBE)


def _fits(path):
    return path.is_file() and path.suffix.lower() == ".ttf" and has_vietnamese(str(path))


def _known_file(family, style, directories):
    name = KNOWN_FILES.get(family.casefold(), {}).get(style)
    if not name:
        return None
    for directory in directories:
        path = Path(directory) / name
        if _fits(path):
            return path
    return None


def _fontconfig_file(family, style):
    fc_match = shutil.which("fc-match")
    if not fc_match:
        return None
    pattern = f"{family}:style={_FONTCONFIG_STYLES[style]}"
    try:
        answer = subprocess.run(
            [fc_match, "--format=%{family}\n%{file}", pattern],
            capture_output=True,
            text=True,
            timeout=_FC_MATCH_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    lines = answer.stdout.splitlines()
    if answer.returncode or len(lines) < 2:
        return None
    families = {name.strip().casefold() for name in lines[0].split(",")}
    if family.casefold() not in families:
        return None  # fontconfig substituted another family
    path = Path(lines[1].strip())
    return path if _fits(path) else None


@lru_cache(maxsize=64)
def _find(family_candidates, style, directories):
    for family in family_candidates:
        path = _known_file(family, style, directories) or _fontconfig_file(family, style)
        if path:
            return str(path)
    return None


def find_font(family_candidates, style="regular", directories=FONT_DIRS):
    """Return the path of a TrueType font of the first family in ``family_candidates``
    that is installed and writes Vietnamese, in ``style`` (regular, bold, italic,
    bolditalic); None when none fits.

    ``family_candidates`` is a family name or a sequence of them, e.g.
    ``("Liberation Serif", "DejaVu Serif")``. ``directories`` are searched for the known
    file names of the family before fontconfig is asked.
    """
    if style not in STYLES:
        raise ValueError(f"unknown font style {style!r}: expected one of {', '.join(STYLES)}")
    if isinstance(family_candidates, str):
        family_candidates = (family_candidates,)
    found = _find(tuple(family_candidates), style, tuple(str(d) for d in directories))
    if not found:
        _logger.info(
            "No %s font with Vietnamese glyphs among %s", style, ", ".join(family_candidates)
        )
    return found
