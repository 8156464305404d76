"""Errors raised by the pure rules engine.

Every error carries an English message template written inline as ``_lt("...")`` at
the place it is raised, plus the parameters to fill it. The Odoo layer translates the
template (Odoo's translation export picks up the ``_lt`` keyword) and then applies the
parameters, so users see the message in their own language::

    except RuleError as err:
        raise ValidationError(self.env._(err.template, **err.params)) from err

Each subclass has a stable ``code`` that callers and tests can rely on.
"""


def _lt(message):
    """Mark ``message`` for translation export; return it unchanged.

    Babel's keyword ``_lt`` makes Odoo's ``i18n`` export collect the string literal.
    """
    return message


class RuleError(ValueError):
    """A value breaks a rule of the regulations this engine implements."""

    code = "rule_error"

    def __init__(self, template, **params):
        self.template = template
        self.params = params
        super().__init__(template % params if params else template)


class InvalidIdentifierCode(RuleError):
    """An agency code (QCVN 102:2016, QĐ 20/2020) or a document identifier is malformed."""

    code = "invalid_identifier_code"


class UnsupportedFileFormat(RuleError):
    """An attachment is not one of the allowed formats (Kon Tum Điều 11.3)."""

    code = "unsupported_file_format"


class DamagedFile(UnsupportedFileFormat):
    """An attachment looks like an allowed format but does not parse as one."""

    code = "damaged_file"


class UnsafeFile(UnsupportedFileFormat):
    """An attachment carries content refused whatever its format: a web page or script
    hidden in a PDF, a ZIP bomb, a ZIP member name that escapes its folder."""

    code = "unsafe_file"


class FileTooLarge(UnsupportedFileFormat):
    """An attachment is larger than the size limit per file."""

    code = "file_too_large"


class TextTooLong(RuleError):
    """A text is longer than its field allows; it is refused, never cut."""

    code = "text_too_long"


class InvalidNumbering(RuleError):
    """A number or notation (số, ký hiệu) breaks NĐ 30/2020 Điều 15 or Phụ lục I II.3.c."""

    code = "invalid_numbering"


class InvalidWorkSchedule(RuleError):
    """A working schedule, or a request made to it, cannot be honoured."""

    code = "invalid_work_schedule"


class InvalidDate(RuleError):
    """A date or time value cannot be read, or a lunar date does not exist."""

    code = "invalid_date"
