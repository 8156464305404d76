"""Throughput of the signing engine on the 3-page sample decision.

    python3 bench/bench_signing.py [N]

Prints documents/second for the full chain (signer's approval signature →
number/date fill → organisation signature) and verifications/second of the
issued document (both signatures, difference analysis, chain and CRL check), and
the time and peak memory (tracemalloc) of refusing an oversize file and an
oversize /Contents (33 MB of hex digits) before pyHanko reads them.
"""

import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "addons")]  # egov_signing, egov_fixtures

from egov_fixtures import samples  # noqa: E402

from egov_signing.pades import (  # noqa: E402
    MAX_FILE_SIZE,
    FileTooLargeError,
    Pkcs12Signer,
    SealAppearance,
    SignerAppearance,
    ValidationMaterial,
    add_number_date_fields,
    fill_number_date,
    sign_pdf,
    verify_pdf,
)


def main(iterations: int = 10) -> None:
    pki = samples.build_demo_pki()
    draft = add_number_date_fields(samples.sample_decision_pdf())
    person = Pkcs12Signer(pki.person.pkcs12(), "demo")
    org = Pkcs12Signer(pki.organisation.pkcs12(), "demo")
    signer_app = SignerAppearance(
        samples.signature_png(), full_name=samples.SIGNER_NAME, position=samples.SIGNER_POSITION
    )
    seal_app = SealAppearance(samples.seal_png(), agency_name=org.subject_name)
    material = ValidationMaterial(
        trust_roots=(pki.root.cert,), intermediates=(pki.issuing_ca.cert,), crls=(pki.crl_der,)
    )

    def chain(number: int) -> bytes:
        signed = sign_pdf(draft, person, signer_app)
        numbered = fill_number_date(signed, number=str(number), date=pki.now.date())
        return sign_pdf(numbered, org, seal_app)

    issued = chain(0)  # warm-up: imports, font caches
    assert verify_pdf(issued, material).ok

    start = time.perf_counter()
    for i in range(iterations):
        issued = chain(i + 1)
    sign_s = time.perf_counter() - start

    start = time.perf_counter()
    for _ in range(iterations):
        result = verify_pdf(issued, material)
    verify_s = time.perf_counter() - start
    assert result.ok

    print(f"document: 3 pages, {len(draft) // 1024} KiB draft, {len(issued) // 1024} KiB issued")
    print(
        f"full chain (signer -> number/date -> organisation): {iterations / sign_s:.2f} documents/s ({sign_s / iterations * 1000:.0f} ms each)"
    )
    print(
        f"verification (2 signatures): {iterations / verify_s:.2f} verifications/s ({verify_s / iterations * 1000:.0f} ms each)"
    )
    refusal_figures(issued, material)


def _measure(call):
    tracemalloc.start()
    start = time.perf_counter()
    try:
        outcome = call()
    except FileTooLargeError as exc:
        outcome = exc
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return outcome, elapsed, peak


def refusal_figures(signed: bytes, material) -> None:
    """Oversize input is refused before pyHanko parses it (its hex reader costs ~45
    bytes per hex digit: 33 MB of /Contents took 30 s and 2.9 GB)."""
    too_big = signed + b"%" * (MAX_FILE_SIZE + 1 - len(signed))
    err, elapsed, peak = _measure(lambda: verify_pdf(too_big, material))
    assert err.code == "file_too_large"
    print(
        f"oversize file ({len(too_big) // 2**20} MiB): refused in {elapsed * 1000:.1f} ms, "
        f"peak {peak / 1024:.0f} KiB"
    )
    start = signed.index(b"/Contents <") + len(b"/Contents <")
    end = signed.index(b">", start)
    huge = signed[:start] + b"0" * (33 * 2**20) + signed[end:]
    result, elapsed, peak = _measure(lambda: verify_pdf(huge, material))
    assert result.problems[0].code == "contents_too_large"
    print(
        f"oversize /Contents (33 MiB of hex): refused in {elapsed * 1000:.1f} ms, "
        f"peak {peak / 1024:.0f} KiB"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
