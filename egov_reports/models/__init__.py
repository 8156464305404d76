from . import (
    egov_dashboard,
    egov_register_book,
    egov_register_report,
    egov_register_wkhtmltopdf,
    egov_report_period,
    egov_report_period_company,
    egov_report_stat,
    egov_report_stat_assignment,
    egov_report_stat_document,
    egov_report_stat_login,
    res_users,
    res_users_groups,
)
