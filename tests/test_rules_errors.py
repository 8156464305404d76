"""The translatable error contract the Odoo layer relies on (egov_documents.rules.errors)."""

import ast
import re
from pathlib import Path

import pytest

from egov_documents.rules import errors
from egov_documents.rules.errors import (
    DamagedFile,
    FileTooLarge,
    InvalidDate,
    InvalidIdentifierCode,
    InvalidNumbering,
    InvalidWorkSchedule,
    RuleError,
    TextTooLong,
    UnsafeFile,
    UnsupportedFileFormat,
    _lt,
)

RULES_DIR = Path(errors.__file__).resolve().parent
ERROR_CLASS_NAMES = {
    "RuleError",
    "InvalidIdentifierCode",
    "UnsupportedFileFormat",
    "InvalidNumbering",
    "InvalidWorkSchedule",
    "InvalidDate",
    "DamagedFile",
    "UnsafeFile",
    "FileTooLarge",
    "TextTooLong",
}
PLACEHOLDER_RE = re.compile(r"%\((\w+)\)s")


def error_calls():
    """Yield (file, line, call) for every construction of a rules error in the package."""
    for path in sorted(RULES_DIR.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ERROR_CLASS_NAMES
            ):
                yield path.name, node.lineno, node


def test_lt_marker_returns_the_message_unchanged():
    assert _lt("File %(filename)s is empty.") == "File %(filename)s is empty."


def test_rule_error_keeps_template_and_params_and_formats_its_message():
    err = RuleError("Identifier code %(code)s is wrong.", code="X")
    assert err.template == "Identifier code %(code)s is wrong."
    assert err.params == {"code": "X"}
    assert str(err) == "Identifier code X is wrong."
    assert isinstance(err, ValueError)


def test_rule_error_without_params_keeps_percent_signs_verbatim():
    err = RuleError("100% wrong")
    assert str(err) == "100% wrong"
    assert err.params == {}


@pytest.mark.parametrize(
    ("error_class", "code"),
    [
        (RuleError, "rule_error"),
        (InvalidIdentifierCode, "invalid_identifier_code"),
        (UnsupportedFileFormat, "unsupported_file_format"),
        (InvalidNumbering, "invalid_numbering"),
        (InvalidWorkSchedule, "invalid_work_schedule"),
        (InvalidDate, "invalid_date"),
        (DamagedFile, "damaged_file"),
        (UnsafeFile, "unsafe_file"),
        (FileTooLarge, "file_too_large"),
        (TextTooLong, "text_too_long"),
    ],
)
def test_each_error_class_has_its_own_stable_code(error_class, code):
    assert error_class.code == code
    assert issubclass(error_class, RuleError)


def test_every_raise_site_writes_its_template_inline_with_lt():
    calls = list(error_calls())
    assert len(calls) > 40  # the scan really sees the package's raise sites
    for filename, line, call in calls:
        template = call.args[0] if call.args else None
        assert (
            isinstance(template, ast.Call)
            and isinstance(template.func, ast.Name)
            and template.func.id == "_lt"
            and len(template.args) == 1
            and isinstance(template.args[0], ast.Constant)
            and isinstance(template.args[0].value, str)
        ), f'{filename}:{line}: the template must be written inline as _lt("...")'


def test_every_template_placeholder_has_a_param_and_every_param_is_used():
    for filename, line, call in error_calls():
        template = call.args[0].args[0].value
        placeholders = set(PLACEHOLDER_RE.findall(template))
        params = {keyword.arg for keyword in call.keywords}
        assert placeholders == params, f"{filename}:{line}: {placeholders} != {params}"
