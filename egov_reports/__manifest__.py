{
    "name": "eGov Registers and Compliance Reports",
    "summary": "NĐ 30/2020 registers, processing slips and compliance statistics",
    "version": "18.0.0.1.0",
    "category": "Productivity/Documents",
    "license": "LGPL-3",
    "author": "egov",
    "depends": ["egov_documents"],
}
