from . import egov_axis
