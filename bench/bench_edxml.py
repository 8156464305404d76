"""Throughput of the edXML codec (egov_interchange.edxml) on a document package with a
1 MB PDF attachment, and the cost of refusing hostile input.

    python3 bench/bench_edxml.py [N]

Prints the package size, packages/second to build and to parse+validate (median of N
runs), the peak Python memory of one parse (tracemalloc), the same for a package with
an attachment at the 30 MB limit, and the time to refuse a billion-laughs DOCTYPE and
a 50 MB zip bomb.
"""

import io
import os
import statistics
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "addons"), str(ROOT / "tests" / "interchange" / "samples")]

import edxml_factory as factory  # noqa: E402
from reportlab.lib.utils import ImageReader  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from egov_interchange.edxml import Attachment, EdxmlError, build, parse  # noqa: E402


def pdf_of_about(size):
    """A one-page PDF of about ``size`` bytes: a noise image (incompressible)."""
    from PIL import Image

    side = int((size / 3 / 1.25) ** 0.5)  # reportlab writes images in ASCII85 (5/4)
    image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 800, "Van ban kem theo (1 MB)")
    pdf.drawImage(ImageReader(image), 72, 200, 450, 450)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def median_rate(func, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    return 1 / median, median


def peak_memory(func):
    tracemalloc.start()
    func()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def refusal_time(data):
    start = time.perf_counter()
    try:
        parse(data)
    except EdxmlError as exc:
        return time.perf_counter() - start, str(exc)
    raise SystemExit("hostile input was accepted")


def main(runs=20):
    pdf = pdf_of_about(2**20)
    package = factory.full_document(
        attachments=[Attachment("cong-van-1MB.pdf", "application/pdf", pdf)]
    )
    data = build(package)
    assert parse(data).attachments[0].data == pdf
    print(f"package: 1 attachment of {len(pdf):,} bytes -> edXML of {len(data):,} bytes")
    rate, median = median_rate(lambda: build(package), runs)
    print(f"build:          {rate:8.1f} packages/s  (median {median * 1000:.2f} ms, N={runs})")
    rate, median = median_rate(lambda: parse(data), runs)
    print(f"parse+validate: {rate:8.1f} packages/s  (median {median * 1000:.2f} ms, N={runs})")
    print(f"parse peak Python memory: {peak_memory(lambda: parse(data)) / 2**20:.1f} MiB")

    big = factory.full_document(
        attachments=[Attachment("scan-30MB.pdf", "application/pdf", os.urandom(30 * 2**20 - 1))]
    )
    big_data = build(big)
    rate, median = median_rate(lambda: parse(big_data), 3)
    print(
        f"30 MB attachment ({len(big_data) / 2**20:.1f} MiB edXML): parse+validate "
        f"{median * 1000:.0f} ms, peak {peak_memory(lambda: parse(big_data)) / 2**20:.0f} MiB"
    )

    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            b'<!ENTITY a%d "%s">' % (i, (b"&a%d;" % (i - 1) if i else b"&a;") * 10)
            for i in range(9)
        )
        + b"]><edXML>&a8;</edXML>"
    )
    seconds, message = refusal_time(laughs)
    print(f"billion laughs refused in {seconds * 1e6:.0f} us: {message}")

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ghi-chu.txt", b"\0" * (50 * 2**20))
    bomb = factory.full_document(
        attachments=[Attachment("ghi-chu.txt", "application/zip", buffer.getvalue())]
    )
    seconds, message = refusal_time(build(bomb))
    print(
        f"zip bomb ({len(buffer.getvalue()):,} bytes -> 50 MiB) refused in "
        f"{seconds * 1000:.1f} ms: {message}"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
