"""Checks of the images NĐ 30/2020 Phụ lục I asks for (no Odoo import).

* the signer's handwritten signature: **blue**, PNG with a transparent background;
* the agency seal: **red**, PNG with a transparent background.

:func:`check_transparent_png` returns the list of problem codes (empty = fine):
``not_png``, ``no_transparency``, ``empty_image``, ``wrong_colour``.
"""

import io

#: ink colour → predicate on the mean (r, g, b) of the visible pixels
_INKS = {
    "blue": lambda r, g, b: b > r + 30 and b > g + 15,
    "red": lambda r, g, b: r > g + 60 and r > b + 60,
}


def check_transparent_png(data: bytes, ink: str | None = None) -> list[str]:
    """Problems of ``data`` as a transparent PNG drawn in ``ink`` ("blue", "red" or None)."""
    from PIL import Image, ImageStat, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError):
        return ["not_png"]
    if image.format != "PNG":
        return ["not_png"]
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    if not has_alpha:
        return ["no_transparency"]
    rgba = image.convert("RGBA")
    rgba.thumbnail((256, 256))
    alpha = rgba.getchannel("A")
    low, high = alpha.getextrema()
    if high < 128:
        return ["empty_image"]
    if low > 0:
        return ["no_transparency"]
    if ink is None:
        return []
    visible = alpha.point(lambda a: 255 if a >= 128 else 0)
    red, green, blue = ImageStat.Stat(rgba.convert("RGB"), mask=visible).mean
    return [] if _INKS[ink](red, green, blue) else ["wrong_colour"]
