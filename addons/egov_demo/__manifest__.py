{
    "name": "eGov Demo Province (Tây Ninh)",
    "summary": "A runnable sample province: agencies with real-format identifier codes, units, "
    "users for every role, registers and documents in several states",
    "version": "18.0.1.0.0",
    "category": "Productivity/Documents",
    "license": "LGPL-3",
    "author": "egov",
    "website": "https://github.com/egov-vn/egov",
    "depends": ["egov_documents", "egov_fixtures"],
    # Everything is in "data", not "demo": the product runs with --without-demo=all and this
    # addon *is* the demo. Documents are created by the post_init_hook through the real
    # workflows so that their numbers come from the registers.
    "data": [
        "data/res_lang_data.xml",
        "data/res_company_data.xml",
        "data/res_partner_data.xml",
        "data/hr_department_data.xml",
        "data/res_users_data.xml",
        "data/hr_employee_data.xml",
        "data/egov_register_data.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "egov_demo/static/src/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
}
