# ruff: noqa: I001
from . import pyhanko_logging
from . import egov_signing_secret
from . import egov_signing_certificate
from . import egov_signing_authority
from . import egov_signing_profile
from . import egov_signing_image
from . import res_company
from . import res_users
from . import egov_document_verification
from . import egov_document_signing
from . import egov_document_file
from . import egov_document_arrival_stamp

pyhanko_logging.install()
