"""pyHanko logs an error with a full traceback whenever it cannot load key material (a
wrong passphrase, a damaged PKCS#12 file, ...). For egov these are expected outcomes,
reported to the signer as a worded message: the tracebacks go to the debug level instead
of flooding the server log. (The engine quiets pyHanko the same way while it verifies.)"""

import logging

#: the pyHanko modules that log expected key-loading failures
PYHANKO_LOGGERS = ("pyhanko.sign.signers.pdf_cms",)


class ExpectedFailuresAtDebug(logging.Filter):
    """Drops records that carry a traceback (below CRITICAL) and logs them again at the
    debug level, on the same logger."""

    def filter(self, record):
        if record.levelno <= logging.DEBUG or record.levelno >= logging.CRITICAL:
            return True
        if not record.exc_info:
            return True
        logger = logging.getLogger(record.name)
        if logger.isEnabledFor(logging.DEBUG):
            record.levelno, record.levelname = logging.DEBUG, logging.getLevelName(logging.DEBUG)
            return True
        return False


_FILTER = ExpectedFailuresAtDebug()


def install():
    for name in PYHANKO_LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
