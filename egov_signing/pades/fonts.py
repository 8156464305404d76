"""Find the TrueType fonts used in visible signatures.

NĐ 30/2020 asks for Times New Roman; Liberation Serif 2.x (Debian
``fonts-liberation2``) has the same metrics and the Vietnamese glyphs.
Liberation 1.x (Debian ``fonts-liberation``) lacks the precomposed Vietnamese
letters (U+1EA0-U+1EF9), so every candidate is checked for them. The font is
looked up at run time: an explicit path, then ``$EGOV_SIGNING_FONT_DIR``, then
the usual system locations; DejaVu Serif is the last resort.
"""

import logging
import os
from functools import lru_cache
from pathlib import Path

from .errors import FontNotFoundError

_logger = logging.getLogger(__name__)

#: letters a font must have to render Vietnamese
VIETNAMESE_PROBE = (
    "ĂÂĐÊÔƠƯăâđêôơư"
    "ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ"
    "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
)

#: file names tried for each style, in order (Times New Roman first if present)
FONT_FILES = {
    "regular": ("times.ttf", "Times New Roman.ttf", "LiberationSerif-Regular.ttf"),
    "bold": ("timesbd.ttf", "Times New Roman Bold.ttf", "LiberationSerif-Bold.ttf"),
    "italic": ("timesi.ttf", "Times New Roman Italic.ttf", "LiberationSerif-Italic.ttf"),
    "bolditalic": (
        "timesbi.ttf",
        "Times New Roman Bold Italic.ttf",
        "LiberationSerif-BoldItalic.ttf",
    ),
}
FALLBACK_FILES = {
    "regular": "DejaVuSerif.ttf",
    "bold": "DejaVuSerif-Bold.ttf",
    "italic": "DejaVuSerif-Italic.ttf",
    "bolditalic": "DejaVuSerif-BoldItalic.ttf",
}

#: directories searched after ``$EGOV_SIGNING_FONT_DIR``
FONT_DIRS = (
    "/usr/share/fonts/truetype/msttcorefonts",
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/liberation-serif",
    "/usr/share/fonts/TTF",
    "/usr/local/share/fonts",
    "/Library/Fonts",
    "C:/Windows/Fonts",
)
FALLBACK_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu")


@lru_cache(maxsize=64)
def has_vietnamese(path: str) -> bool:
    """True if the font maps every letter of :data:`VIETNAMESE_PROBE`."""
    try:
        from fontTools.ttLib import TTFont
    except ImportError:  # pragma: no cover - fontTools comes with pyhanko[opentype]
        return True
    try:
        cmap = TTFont(path, lazy=True).getBestCmap() or {}
    except Exception:
        return False
    return all(ord(ch) in cmap for ch in VIETNAMESE_PROBE)


@lru_cache(maxsize=64)
def _search(path: str | None, env_dir: str | None, style: str) -> str:
    candidates: list[Path] = []
    if path:
        p = Path(path)
        if p.is_file():
            if not has_vietnamese(str(p)):
                raise FontNotFoundError("The configured font has no Vietnamese glyphs", path=str(p))
            return str(p)
        candidates.append(p)
    if env_dir:
        candidates.append(Path(env_dir))
    candidates.extend(Path(d) for d in FONT_DIRS)
    for directory in candidates:
        for name in FONT_FILES[style]:
            file = directory / name
            if file.is_file() and has_vietnamese(str(file)):
                return str(file)
    for directory in (*candidates, *(Path(d) for d in FALLBACK_DIRS)):
        file = directory / FALLBACK_FILES[style]
        if file.is_file() and has_vietnamese(str(file)):
            _logger.warning("No Times/Liberation Serif with Vietnamese glyphs; using %s", file)
            return str(file)
    raise FontNotFoundError(
        "No serif font with Vietnamese glyphs found: install fonts-liberation2 (Liberation "
        "Serif 2.x), or set EGOV_SIGNING_FONT_DIR, or pass font_path",
        style=style,
        searched=[str(c) for c in candidates],
    )


def find_font(path: str | os.PathLike | None = None, style: str = "regular") -> str:
    """Path of a Times-compatible TrueType font with Vietnamese glyphs for ``style``
    (``regular``, ``bold``, ``italic``, ``bolditalic``).

    ``path`` may name a font file (used for every style) or a directory
    (searched first). Raises :class:`FontNotFoundError` if nothing fits.
    """
    if style not in FONT_FILES:
        raise ValueError(f"unknown font style {style!r}")
    return _search(
        str(path) if path else None, os.environ.get("EGOV_SIGNING_FONT_DIR") or None, style
    )
