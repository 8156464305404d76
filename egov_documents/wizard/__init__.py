# ruff: noqa: I001
from . import egov_void_number_wizard
from . import egov_reason_wizard
from . import egov_distribute_wizard
from . import egov_assignment_wizard
from . import egov_review_wizard
