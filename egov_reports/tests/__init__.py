from . import (
    test_dashboard,
    test_dashboard_activities,
    test_dashboard_home,
    test_dashboard_tours,
    test_period_reports,
    test_register_books,
    test_report_pdf,
    test_stat_access,
    test_stat_figures,
)
