{
    "name": "eGov Registers and Compliance Reports",
    "summary": "NĐ 30/2020 registers, processing slips and compliance statistics",
    "version": "18.0.0.1.0",
    "category": "Productivity/Documents",
    "license": "LGPL-3",
    "author": "egov",
    "depends": ["egov_documents"],
    "data": [
        "security/egov_reports_security.xml",
        "security/ir.model.access.csv",
        "views/egov_reports_menus.xml",
        "report/egov_register_reports.xml",
        "report/egov_register_templates.xml",
        "report/egov_slip_templates.xml",
        "wizards/egov_register_print_wizard_views.xml",
        "views/egov_register_views.xml",
        "views/egov_report_stat_views.xml",
        "views/egov_report_period_views.xml",
        "data/egov_report_period_cron.xml",
        "views/egov_dashboard_views.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "egov_reports/static/src/dashboard/**/*",
        ],
        "web.assets_tests": [
            "egov_reports/static/tests/tours/**/*",
        ],
    },
}
