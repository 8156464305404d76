"""``python -m egov_interchange.edxml``: see :mod:`egov_interchange.edxml.cli`."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
