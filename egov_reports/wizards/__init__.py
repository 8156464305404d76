from . import egov_register_print_wizard  # noqa: F401
