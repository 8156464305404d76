"""Signing: PAdES approval signatures with the NĐ 30 appearances.

All signatures are *approval* signatures (never certification/DocMDP): an
approval signature lets the clerk fill the number/date fields and the
organisation sign afterwards without invalidating it. Level: PAdES B-B, B-T
when a TSA is configured, B-LT when validation material is given.
"""

import asyncio
import textwrap
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO

from pyhanko.sign import fields as ph_fields
from pyhanko.sign import signers as ph_signers
from pyhanko.sign.fields import SigSeedSubFilter

from .appearance import (
    MM,
    CompositeStampStyle,
    ImageItem,
    SealAppearance,
    SignerAppearance,
    StampAppearance,
    TextItem,
    fit_image,
    font_metrics,
    load_image,
    text_width,
)
from .errors import PlacementError, SignerError, SigningFailedError
from .fields import (
    DATE_FIELD,
    NUMBER_FIELD,
    field_names,
    fields_locked_by_signatures,
    open_incremental,
    own_appearances,
)
from .fonts import find_font
from .locate import find_signature_block
from .material import ValidationMaterial
from .signers import LocalSigner, Signer
from .timeutil import iso_vn, now_vn, to_vn

Rect = tuple[float, float, float, float]
DIGEST = "sha256"


@dataclass(frozen=True)
class SignOptions:
    """How to sign.

    ``tsa_url``: RFC 3161 time-stamping service (PAdES B-T); ``timestamper`` a
    ready pyHanko ``TimeStamper`` (wins over ``tsa_url``). ``ltv``: validation
    material to embed in the DSS (B-LT) when it includes revocation info.
    ``signing_time``: the time shown and put in /M (default: now, +07:00).
    """

    tsa_url: str | None = None
    tsa_timeout: int = 10
    timestamper: object | None = None
    ltv: ValidationMaterial | None = None
    font_path: str | None = None
    signing_time: datetime | None = None
    location: str | None = None

    def make_timestamper(self):
        if self.timestamper is not None:
            return self.timestamper
        if self.tsa_url:
            from pyhanko.sign.timestamps import HTTPTimeStamper

            return HTTPTimeStamper(self.tsa_url, timeout=self.tsa_timeout)
        return None

    @property
    def level(self) -> str:
        if self.ltv is not None and self.ltv.has_revocation_info:
            return "B-LT"
        return "B-T" if (self.timestamper or self.tsa_url) else "B-B"


def _run(coro):
    """Run a coroutine from synchronous code, even under a running event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


# ---------------------------------------------------------------------- layout


@dataclass
class _Layout:
    page: int
    rect: Rect
    items: tuple
    field_name: str
    reason: str
    lock: ph_fields.FieldMDPSpec | None = None
    extras: dict = field(default_factory=dict)


def _page_count(writer) -> int:
    return int(writer.root["/Pages"]["/Count"])


def _page_box(writer, page: int) -> Rect:
    page_obj = writer.find_page_for_modification(page)[0].get_object()
    box = page_obj.get("/CropBox") or page_obj.get("/MediaBox")
    node = page_obj
    while box is None and "/Parent" in node:
        node = node["/Parent"]
        box = node.get("/CropBox") or node.get("/MediaBox")
    return tuple(float(v) for v in box)


def _unique_name(writer, base: str) -> str:
    names = set(field_names(writer))
    if base not in names:
        return base
    n = 2
    while f"{base}_{n}" in names:
        n += 1
    return f"{base}_{n}"


def _resolve_page(writer, page: int) -> int:
    count = _page_count(writer)
    page = page + count if page < 0 else page
    if not 0 <= page < count:
        raise PlacementError("Page out of range", page=page, pages=count)
    return page


def _layout_signer(pdf, writer, app: SignerAppearance, opts: SignOptions) -> _Layout:
    img = load_image(app.signature_image)
    aspect = img.width / img.height
    if app.placement is not None:
        page = _resolve_page(writer, app.placement.page)
        x0, y0, x1, y1 = app.placement.rect
        box_w, box_h = x1 - x0, y1 - y0
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        h = min(box_h, box_w / aspect)
    elif app.full_name:
        block = find_signature_block(pdf, _page_count(writer), app.full_name, app.position)
        page = block.page
        gx0, gy0, gx1, gy1 = block.gap
        if gy1 - gy0 < 10:
            raise PlacementError("No room between the position line and the name line")
        cx, cy = block.center_x, (gy0 + gy1) / 2
        h = (gy1 - gy0) * app.image_ratio
    else:
        raise PlacementError("SignerAppearance needs full_name or placement")
    w = h * aspect
    if w > app.max_width_mm * MM:
        w = app.max_width_mm * MM
        h = w / aspect
    rect = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
    item = ImageItem(fit_image(img, w), 0, 0, w, h)
    return _Layout(page, rect, (item,), _unique_name(writer, app.field_name), app.reason)


def _signature_widgets(writer):
    """(name, page index, rect, signed?) for every signature field with a widget."""
    pages = {}
    for idx in range(_page_count(writer)):
        ref = writer.find_page_for_modification(idx)[0]
        pages[(ref.idnum, ref.generation)] = idx
    for name, value, field_ref in ph_fields.enumerate_sig_fields(writer.prev, filled_status=None):
        field_obj = field_ref.get_object()
        widget = field_obj
        if "/Rect" not in widget and "/Kids" in field_obj:
            widget = field_obj["/Kids"][0].get_object()
        rect = widget.get("/Rect")
        if rect is None:
            continue
        page_ref = widget.raw_get("/P") if "/P" in widget else None
        page = pages.get((page_ref.idnum, page_ref.generation)) if page_ref is not None else None
        yield name, page, tuple(float(v) for v in rect), value is not None


def _wrap(text: str, font: str, size: float, max_width: float) -> list[str]:
    words = text.split()
    lines: list[str] = []
    for word in words:
        if lines and text_width(font, size, lines[-1] + " " + word) <= max_width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _layout_seal(pdf, writer, app: SealAppearance, opts: SignOptions, when: datetime) -> _Layout:
    diameter = app.seal_diameter_mm * MM
    if app.placement is not None:
        page = _resolve_page(writer, app.placement.page)
        sx0, sy0, sx1, sy1 = app.placement.rect
        cx, cy = (sx0 + sx1) / 2, (sy0 + sy1) / 2
        seal = (cx - diameter / 2, cy - diameter / 2, cx + diameter / 2, cy + diameter / 2)
    else:
        widgets = [w for w in _signature_widgets(writer) if w[3] and w[1] is not None]
        if app.signer_field:
            widgets = [w for w in widgets if w[0] == app.signer_field]
        else:
            ours = [w for w in widgets if w[0].startswith(SignerAppearance.field_name)]
            widgets = ours or widgets
        if not widgets:
            raise PlacementError(
                "No signed signer signature to place the seal next to; sign as the signer "
                "first or give a placement",
                signer_field=app.signer_field,
            )
        _name, page, (x0, y0, x1, y1), _ = widgets[-1]
        right = x0 + app.overlap * (x1 - x0)
        cy = (y0 + y1) / 2
        seal = (right - diameter, cy - diameter / 2, right, cy + diameter / 2)
    img = load_image(app.seal_image)
    items = []
    rect = list(seal)
    if app.caption:
        font = find_font(opts.font_path, "regular")
        size = app.caption_font_size
        lines = [*_wrap(app.agency_name, font, size, app.caption_width_mm * MM), iso_vn(when)]
        ascent, descent = font_metrics(font)
        block_h = size * 1.15 * (len(lines) - 1) + (ascent - descent) * size
        widest = max(text_width(font, size, ln) for ln in lines)
        if app.caption_position == "left":
            anchor, align, top = seal[0] - 2, "right", cy + block_h / 2
            text_box = (anchor - widest, top - block_h, anchor, top)
        else:
            anchor, align, top = (seal[0] + seal[2]) / 2, "center", seal[1] - 5
            text_box = (anchor - widest / 2, top - block_h, anchor + widest / 2, top)
        rect = [
            min(rect[0], text_box[0]),
            min(rect[1], text_box[1]),
            max(rect[2], text_box[2]),
            max(rect[3], text_box[3]),
        ]
        items.append((lines, anchor, top, font, size, align))
    ox, oy = rect[0], rect[1]
    built = [ImageItem(fit_image(img, diameter), seal[0] - ox, seal[1] - oy, diameter, diameter)]
    for lines, anchor, top, font, size, align in items:
        built.insert(0, TextItem(tuple(lines), anchor - ox, top - oy, font, size, align=align))
    lock_names = app.lock_fields
    if lock_names is None:
        present = set(field_names(writer))
        lock_names = tuple(n for n in (NUMBER_FIELD, DATE_FIELD) if n in present)
    # fields an earlier signature locks stay under that lock only: writing them again here
    # would modify them for it
    already = fields_locked_by_signatures(writer)
    lock_names = tuple(n for n in lock_names if n not in already)
    # the lock must cover appearances written in the signed revision (see own_appearances)
    own_appearances(writer, lock_names)
    lock = (
        ph_fields.FieldMDPSpec(ph_fields.FieldMDPAction.INCLUDE, list(lock_names))
        if lock_names
        else None
    )
    return _Layout(
        page, tuple(rect), tuple(built), _unique_name(writer, app.field_name), app.reason, lock
    )


def _layout_stamp(pdf, writer, app: StampAppearance, opts: SignOptions, when: datetime) -> _Layout:
    px0, py0, px1, py1 = _page_box(writer, 0)
    font = find_font(opts.font_path, "regular")
    size = app.font_size
    lines = list(app.lines) + ([iso_vn(when)] if app.with_time else [])
    ascent, descent = font_metrics(font)
    text_h = size * 1.15 * (len(lines) - 1) + (ascent - descent) * size
    text_w = max(text_width(font, size, ln) for ln in lines)
    diameter = app.seal_diameter_mm * MM if app.seal_image is not None else 0
    gap = 4 if diameter else 0
    width = diameter + gap + text_w + 1
    height = max(diameter, text_h)
    x1 = px1 - app.right_margin_mm * MM
    y1 = py1 - app.top_margin_mm * MM
    rect = (x1 - width, y1 - height, x1, y1)
    items = []
    if diameter:
        img = fit_image(load_image(app.seal_image), diameter)
        items.append(ImageItem(img, 0, (height - diameter) / 2, diameter, diameter))
    top = height - (height - text_h) / 2
    items.append(TextItem(tuple(lines), diameter + gap, top, font, size))
    return _Layout(0, rect, tuple(items), _unique_name(writer, app.field_name), app.reason)


def _layout(pdf, writer, appearance, opts, when) -> _Layout:
    if isinstance(appearance, SignerAppearance):
        return _layout_signer(pdf, writer, appearance, opts)
    if isinstance(appearance, SealAppearance):
        return _layout_seal(pdf, writer, appearance, opts, when)
    if isinstance(appearance, StampAppearance):
        return _layout_stamp(pdf, writer, appearance, opts, when)
    raise TypeError(f"unknown appearance {type(appearance).__name__}")


# ---------------------------------------------------------------------- signing


def _pdf_signer(pyh_signer, layout: _Layout, opts: SignOptions, *, with_ltv: bool, timestamper):
    ltv = opts.ltv if with_ltv and opts.ltv is not None and opts.ltv.has_revocation_info else None
    meta = ph_signers.PdfSignatureMetadata(
        field_name=layout.field_name,
        md_algorithm=DIGEST,
        subfilter=SigSeedSubFilter.PADES,
        reason=layout.reason,
        location=opts.location,
        embed_validation_info=ltv is not None,
        validation_context=ltv.validation_context() if ltv else None,
    )
    spec = ph_fields.SigFieldSpec(
        sig_field_name=layout.field_name,
        on_page=layout.page,
        box=layout.rect,
        field_mdp_spec=layout.lock,
    )
    return ph_signers.PdfSigner(
        meta,
        signer=pyh_signer,
        timestamper=timestamper,
        stamp_style=CompositeStampStyle(items=layout.items),
        new_field_spec=spec,
    ), meta


async def _async_sign(writer, pdf_signer, when: datetime) -> bytes:
    from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

    session = pdf_signer.init_signing_session(writer)
    session.system_time = when
    validation_info = await session.perform_presign_validation(writer)
    reserved = await session.estimate_signature_container_size(validation_info, tight=False)
    tbs = session.prepare_tbs_document(validation_info=validation_info, bytes_reserved=reserved)
    prepared, output = tbs.digest_tbs_document()
    post = await tbs.perform_signature(
        document_digest=prepared.document_digest,
        pdf_cms_signed_attrs=PdfCMSSignedAttributes(
            signing_time=when,
            adobe_revinfo_attr=None
            if validation_info is None
            else validation_info.adobe_revinfo_attr,
        ),
    )
    await post.post_signature_processing(output)
    vc = pdf_signer.signature_meta.validation_context
    if vc is not None:
        await vc.aclose()
    return output.getvalue()


def _signing_time(opts: SignOptions) -> datetime:
    return to_vn(opts.signing_time) if opts.signing_time else now_vn()


def sign_pdf(pdf: bytes, signer: Signer, appearance, options: SignOptions | None = None) -> bytes:
    """Add a visible PAdES approval signature; returns the new PDF (an
    incremental update of ``pdf``, earlier signatures untouched).

    ``appearance``: :class:`SignerAppearance`, :class:`SealAppearance` or
    :class:`StampAppearance`. ``signer``: a :class:`LocalSigner`
    (:class:`Pkcs12Signer`, :class:`Pkcs11Signer`); external signers go through
    ``ExternalSigner.prepare`` / ``ExternalSigner.complete`` (module ``external``).
    """
    if not isinstance(signer, LocalSigner):
        raise TypeError(
            "signer must be a LocalSigner (Pkcs12Signer, Pkcs11Signer); external signers "
            "sign in two phases: signer.prepare() then signer.complete()"
        )
    opts = options or SignOptions()
    when = _signing_time(opts)
    writer = open_incremental(pdf)
    layout = _layout(pdf, writer, appearance, opts, when)
    pdf_signer, _ = _pdf_signer(
        signer.pyhanko_signer(), layout, opts, with_ltv=True, timestamper=opts.make_timestamper()
    )
    try:
        return _run(_async_sign(writer, pdf_signer, when))
    except SignerError:
        raise
    except Exception as exc:
        raise SigningFailedError(
            f"Signing failed: {type(exc).__name__}: {textwrap.shorten(str(exc), 200)}"
        ) from exc


def add_validation_info(pdf: bytes, material: ValidationMaterial) -> bytes:
    """Extend every signature to PAdES B-LT: embed certificates, CRLs and OCSP
    responses in the DSS (one incremental update). Useful after external signing."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import async_add_validation_info
    from pyhanko.sign.validation.pdf_embedded import collect_embedded_signatures

    reader = PdfFileReader(BytesIO(pdf), strict=False)
    sigs = collect_embedded_signatures(reader)
    if not sigs:
        return pdf

    async def run():
        vc = material.validation_context()
        out = BytesIO(pdf)
        try:
            for sig in sigs:
                reader_now = PdfFileReader(BytesIO(out.getvalue()), strict=False)
                current = [
                    s
                    for s in collect_embedded_signatures(reader_now)
                    if s.field_name == sig.field_name
                ][0]
                out = await async_add_validation_info(current, vc, in_place=False)
        finally:
            await vc.aclose()
        return out.getvalue()

    return _run(run())
