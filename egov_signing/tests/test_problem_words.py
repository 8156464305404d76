import inspect
import re

from odoo.tests import tagged

from odoo.addons.egov_signing.models import signing_messages
from odoo.addons.egov_signing.pades import errors, verify

from .common import SigningCase


def _engine_codes():
    """Every code the engine can report: its registry when it has one, otherwise the codes
    its verifier and its exceptions use."""
    codes = set()
    try:
        from ..pades import problems
    except ImportError:
        problems = None
    if problems is not None:
        for name in ("PROBLEMS", "CODES", "MESSAGES", "DEFAULT_MESSAGES"):
            registry = getattr(problems, name, None)
            if registry:
                codes |= set(registry)
    codes |= set(re.findall(r'(?:Problem|problem)\(\s*"([a-z_]+)"', inspect.getsource(verify)))
    codes |= {
        cls.code
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.SigningEngineError)
    }
    return codes


@tagged("post_install", "-at_install")
class TestProblemWords(SigningCase):
    """The engine speaks in codes; people read sentences in their language."""

    def test_every_engine_code_has_its_own_sentence(self):
        codes = _engine_codes()
        self.assertIn("untrusted_chain", codes)
        self.assertIn("signer_error", codes)
        self.assertEqual(codes - signing_messages.worded_codes(self.env), set())

    def test_an_unknown_code_is_named_not_shown_in_english(self):
        text = signing_messages.problem_text(self.env, "brand_new_finding", {"x": 1})
        self.assertIn("brand_new_finding", text)

    def test_engine_errors_are_worded_by_code(self):
        error = errors.SignerError("Could not read the PKCS#12 file", path="/tmp/x.p12")
        text = signing_messages.engine_error_text(self.env, error)
        self.assertNotIn("Could not read", text)
        self.assertIn("passphrase", text)

    def test_rejected_signatures_leave_no_traceback_in_the_server_log(self):
        with self.assertNoLogs("pyhanko", level="WARNING"):
            received = self._received(self._externally_signed(self.pki.untrusted))
        self.assertEqual(received.signature_status, "untrusted")
