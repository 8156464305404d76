from . import egov_account_login, egov_webmanifest
