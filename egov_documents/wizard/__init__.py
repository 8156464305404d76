from . import egov_void_number_wizard
