# ruff: noqa: I001
from . import test_certificates_and_secrets
from . import test_images
from . import test_outgoing_signing
from . import test_verification_on_receipt
from . import test_bulk_actions
from . import test_rpc_never_reveals_keys
from . import test_pkcs11_token
