{
    "name": "egov test and demo fixtures",
    "summary": "Sample PDFs, a throw-away PKI and a dummy TSA for tests, benchmarks and the demo "
    "province; not part of the product",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "license": "LGPL-3",
    "author": "egov",
    "website": "https://github.com/egov-vn/egov",
    "depends": ["base"],
}
