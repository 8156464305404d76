"""Odoo-free tests: the repository root is put on sys.path so the pure engines
(``egov_documents.rules``, ``egov_signing.pades``, ...) import as plain packages, and
``addons/`` so the test material imports as ``egov_fixtures.<module>``."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "addons"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))
