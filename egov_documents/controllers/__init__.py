from . import egov_account_login
from . import egov_webmanifest
