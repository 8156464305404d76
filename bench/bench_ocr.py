"""Accuracy and speed of registration from a scan (egov_documents.rules.scantext + scanmeta).

    python3 bench/bench_ocr.py [--out docs/evidence/ocr-accuracy.txt]

Builds scanned pages from the demo province's documents (the specs of
``addons/egov_demo/demo_documents.py``, read without Odoo) rendered with the demo's own
renderer (``egov_fixtures.pdfs.render_document_pdf``): each page rasterised at 200 dpi,
then "scanned" with Pillow (rotation of up to ±1°, gaussian noise, slight blur, JPEG
artefacts) and saved as an image-only PDF. Each is read the way the scan wizard reads it
(no text layer, so OCR at 300 dpi with Tesseract ``vie``) and parsed; every field is
compared with the value used to render it. Prints, per field, the share read exactly
right, and the time per page (median, p95). The same documents with their text layer are
read too, as the reference.
"""

import argparse
import ast
import io
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "addons")]

from egov_fixtures.pdfs import render_document_pdf  # noqa: E402

from egov_documents.rules.numbering import make_notation, number_and_notation  # noqa: E402
from egov_documents.rules.scanmeta import parse_metadata  # noqa: E402
from egov_documents.rules.scantext import extract_text  # noqa: E402

DEMO = ROOT / "addons" / "egov_demo" / "demo_documents.py"
RASTER_DPI = 200
SEED = 20261129
#: the demo province's agencies (egov_demo data): xmlid → (name, parent, city, abbreviation)
AGENCIES = {
    "base.main_partner": ("UBND tỉnh Tây Ninh", "", "Tây Ninh", "UBND"),
    "egov_demo.partner_bo_noi_vu": ("Bộ Nội vụ", "", "Hà Nội", "BNV"),
    "egov_demo.partner_ubnd_binh_phuoc": ("UBND tỉnh Bình Phước", "", "Đồng Xoài", "UBND"),
    "egov_demo.partner_van_phong_chinh_phu": ("Văn phòng Chính phủ", "", "Hà Nội", "VPCP"),
    "egov_demo.company_stc": (
        "Sở Tài chính tỉnh Tây Ninh",
        "UBND tỉnh Tây Ninh",
        "Tây Ninh",
        "STC",
    ),
    "egov_demo.company_snv": ("Sở Nội vụ tỉnh Tây Ninh", "UBND tỉnh Tây Ninh", "Tây Ninh", "SNV"),
    "egov_demo.company_hoa_thanh": (
        "UBND huyện Hòa Thành",
        "UBND tỉnh Tây Ninh",
        "Hòa Thành",
        "UBND",
    ),
}
TYPE_ABBREVIATIONS = {
    "decision": "QĐ",
    "plan": "KH",
    "report": "BC",
    "notice": "TB",
    "submission": "TTr",
    "invitation": "GM",
    "official_letter": "",
}
#: who signs the outgoing documents of each agency in the demo (egov_demo users)
SIGNERS = {"SNV": "Đặng Văn Hùng", "UBND": "Phạm Hoài Nam", "STC": "Ngô Thanh Sơn"}
FIELDS = (
    "number",
    "notation",
    "issued_date",
    "agency",
    "document_type",
    "subject",
    "signer_competence",
    "signer_position",
    "signer_name",
)


def demo_specs():
    """The literal tables of demo_documents.py, read with ``ast`` (no Odoo needed)."""
    tree = ast.parse(DEMO.read_text(encoding="utf-8"))
    tables = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            try:
                tables[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                continue
    return tables


def ground_truths():
    """One dict per document: what is rendered and what the parser should read back."""
    tables = demo_specs()
    titles, prefixes = tables["TITLES"], tables["COMPETENCE_PREFIXES"]
    body_default = tables["DEFAULT_BODY"]
    today = date(2026, 11, 27)
    docs = []
    for spec in tables["SNV_INCOMING"] + tables["UBND_INCOMING"]:
        name, parent, city, _abbreviation = AGENCIES[spec["issuer"]]
        competence, position, signer = spec["signer"]
        docs.append(
            {
                "parent": parent,
                "agency": name,
                "number": spec["number"],
                "notation": spec["notation"],
                "place": city,
                "issued_date": today - timedelta(days=spec["issued_days_ago"] * 7 // 5),
                "type": TYPE_ABBREVIATIONS[spec["type"]],
                "subject": spec["subject"],
                "body": spec.get("pdf") or body_default,
                "competence": competence,
                "position": position,
                "signer": signer,
                "prefix": prefixes.get(competence, ""),
            }
        )
    issuers = {"SNV_OUTGOING": "egov_demo.company_snv", "UBND_OUTGOING": "base.main_partner"}
    numbers = iter(range(7, 400, 13))
    for table, issuer in issuers.items():
        for copy, other in ((0, issuer), (1, "egov_demo.company_hoa_thanh")):
            for index, spec in enumerate(tables[table]):
                if copy and index % 2:
                    continue  # a few re-issued by the district, for more agencies and signers
                name, parent, city, abbreviation = AGENCIES[other]
                type_abbreviation = TYPE_ABBREVIATIONS[spec["type"]]
                notation = make_notation(type_abbreviation or None, abbreviation, "VP")
                if type_abbreviation:
                    notation = make_notation(type_abbreviation, abbreviation)
                docs.append(
                    {
                        "parent": parent,
                        "agency": name,
                        "number": number_and_notation(next(numbers), notation).split("/")[0],
                        "notation": notation,
                        "place": city,
                        "issued_date": today - timedelta(days=3 * index + copy),
                        "type": type_abbreviation,
                        "subject": spec["subject"],
                        "body": spec.get("pdf") or body_default,
                        "competence": spec["competence"],
                        "position": spec["position"],
                        "signer": SIGNERS.get(abbreviation, "Lê Văn Tài")
                        if not copy
                        else "Trương Thị Hoa",
                        "prefix": prefixes.get(spec["competence"], ""),
                    }
                )
    for doc in docs:
        doc["title"] = titles.get(doc["type"], "")
    return docs


def render(doc):
    return render_document_pdf(
        parent_agency=doc["parent"],
        agency=doc["agency"],
        number_notation=f"{doc['number']}/{doc['notation']}",
        place=doc["place"],
        issued_date=doc["issued_date"],
        title=doc["title"],
        subject=doc["subject"],
        body=doc["body"],
        signer_position=f"{doc['prefix']}{doc['position']}",
        signer_name=doc["signer"],
    )


def scanned(pdf_bytes, rng):
    """The page as a scanner gives it: rasterised at 200 dpi, turned up to ±1°, noise,
    blur and JPEG artefacts, saved as an image-only PDF."""
    import subprocess
    import tempfile

    import numpy
    from PIL import Image, ImageFilter

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder, "page.pdf")
        source.write_bytes(pdf_bytes)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                str(RASTER_DPI),
                "-gray",
                "-tiff",
                "-singlefile",
                "-f",
                "1",
                "-l",
                "1",
                str(source),
                f"{folder}/page",
            ],
            check=True,
            timeout=60,
        )
        image = Image.open(Path(folder, "page.tif")).convert("L")
        image.load()
    image = image.rotate(rng.uniform(-1, 1), resample=Image.BICUBIC, expand=False, fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(radius=rng.uniform(0.4, 0.8)))
    pixels = numpy.asarray(image, dtype=numpy.float32)
    noise = numpy.random.default_rng(rng.randrange(1 << 30)).normal(0, 12, pixels.shape)
    image = Image.fromarray(numpy.clip(pixels + noise, 0, 255).astype(numpy.uint8))
    jpeg = io.BytesIO()
    image.save(jpeg, format="JPEG", quality=rng.randint(45, 70))
    jpeg.seek(0)
    out = io.BytesIO()
    Image.open(jpeg).save(out, format="PDF", resolution=RASTER_DPI)
    return out.getvalue()


def expected(doc):
    return {
        "number": doc["number"],
        "notation": doc["notation"],
        "issued_date": doc["issued_date"],
        "agency": doc["agency"].upper(),
        "document_type": doc["type"],
        "subject": doc["subject"],
        "signer_competence": doc["competence"],
        "signer_position": doc["position"],
        "signer_name": doc["signer"],
    }


def measure(docs, pages):
    """Per field: right, read (found at all); per page: seconds."""
    right = dict.fromkeys(FIELDS, 0)
    exact_right = {field: [0, 0] for field in FIELDS}
    seconds, misses, sources = [], [], set()
    for doc, page in zip(docs, pages, strict=True):
        start = time.perf_counter()
        scan = extract_text(page)
        found = parse_metadata(scan.text)
        seconds.append(time.perf_counter() - start)
        sources.add(scan.source)
        for field, value in expected(doc).items():
            got = found.get(field)
            ok = got is not None and got.value == value
            right[field] += ok
            if got is not None and got.confidence == "exact":
                exact_right[field][0] += 1
                exact_right[field][1] += ok
            if not ok:
                misses.append((field, value, got.value if got else None))
    return right, exact_right, seconds, misses, sources


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "evidence" / "ocr-accuracy.txt"))
    args = parser.parse_args()
    rng = random.Random(SEED)
    docs = ground_truths()
    electronic = [render(doc) for doc in docs]
    scans = [scanned(pdf, rng) for pdf in electronic]
    lines = [
        "Registration from a scan: accuracy of the fields read (bench/bench_ocr.py)",
        f"{len(docs)} demo documents ({len({d['agency'] for d in docs})} agencies, "
        f"{len({d['type'] for d in docs})} types incl. công văn), one page each, rendered with "
        "egov_fixtures.pdfs.render_document_pdf.",
        f"Scans: rasterised at {RASTER_DPI} dpi, rotated ±1°, gaussian noise σ=12, blur "
        "0.4–0.8 px, JPEG quality 45–70, image-only PDF; read by OCR (pdftoppm 300 dpi, "
        "tesseract -l vie).",
        "Right = the value equals the one used to render (subject and names character for "
        "character, date as a date).",
        "",
    ]
    for label, pages in (("scanned (OCR)", scans), ("electronic (text layer)", electronic)):
        right, exact_right, seconds, misses, sources = measure(docs, pages)
        lines.append(f"== {label}: source {', '.join(sorted(sources))} ==")
        lines.append(f"{'field':<20}{'right':>10}{'share':>8}   marked exact: right/marked")
        for field in FIELDS:
            marked, ok = exact_right[field]
            lines.append(
                f"{field:<20}{right[field]:>6}/{len(docs):<3}{right[field] / len(docs):>8.0%}"
                f"   {ok}/{marked}"
            )
        total = sum(right.values())
        lines.append(
            f"{'all fields':<20}{total:>6}/{len(docs) * len(FIELDS):<3}"
            f"{total / (len(docs) * len(FIELDS)):>8.1%}"
        )
        lines.append(
            f"time per page: median {statistics.median(seconds):.2f} s, "
            f"p95 {percentile(seconds, 0.95):.2f} s, max {max(seconds):.2f} s"
        )
        for field, want, got in misses[:12]:
            lines.append(f"  miss {field}: expected {want!r}, read {got!r}")
        if len(misses) > 12:
            lines.append(f"  … {len(misses) - 12} more misses")
        lines.append("")
    text = "\n".join(lines)
    print(text)
    Path(args.out).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
