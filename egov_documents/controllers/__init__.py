from . import egov_account_login
