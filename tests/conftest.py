"""Odoo-free tests: the repository root is put on sys.path so the pure engines
(``egov_documents.rules``, ``egov_signing.pades``, ...) import as plain packages."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
