"""Command line: ``python -m egov_documents.dossier verify|show|index PACKAGE [OUT.pdf]``."""

import sys

from .cli import main

sys.exit(main())
