{
    "name": "eGov Digital Signatures (PAdES)",
    "summary": "Sign documents as Nghị định 30/2020 draws them and verify signed PDFs on receipt",
    "version": "18.0.0.1.0",
    "category": "Productivity/Documents",
    "license": "LGPL-3",
    "author": "egov",
    "depends": ["egov_documents"],
    "external_dependencies": {"python": ["pyhanko", "pyhanko_certvalidator", "cryptography"]},
    "data": [],
    "installable": True,
}
