{
    "name": "eGov Document Interchange (edXML / VDXP)",
    "summary": "Exchange documents between agencies over the national document axis in edXML",
    "version": "18.0.0.1.0",
    "category": "Productivity/Documents",
    "license": "LGPL-3",
    "author": "egov",
    "depends": ["egov_documents"],
}
