from . import test_axis_hub, test_interchange_admin, test_interchange_flows, test_interchange_signed
