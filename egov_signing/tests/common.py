import base64
from datetime import date

from cryptography.hazmat.primitives.serialization import Encoding

from odoo import Command

from odoo.addons.egov_documents.tests.common import EgovCase
from odoo.addons.egov_fixtures import samples
from odoo.addons.egov_signing.pades import (
    Pkcs12Signer,
    SealAppearance,
    SignerAppearance,
    add_number_date_fields,
    fill_number_date,
    sign_pdf,
    verify_pdf,
)

PASSPHRASE = "Mật khẩu 2026!"
_MATERIAL = {}


def demo_material():
    """The throw-away PKI, the sample decision and appendix, the images: built once per run."""
    if not _MATERIAL:
        _MATERIAL.update(
            pki=samples.build_demo_pki(),
            decision=samples.sample_decision_pdf(),
            appendix=samples.sample_appendix_pdf(),
            signature=samples.signature_png(),
            seal=samples.seal_png(),
        )
    return _MATERIAL


class SigningCase(EgovCase):
    """Two agencies of one database that trust the demo root: agency A signs and issues
    (leader A with a personal certificate and a signature image, the agency with its seal
    and organisation certificate), agency B receives; B also holds the CA's CRL."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        material = demo_material()
        cls.pki = material["pki"]
        cls.decision_pdf = material["decision"]
        cls.appendix_pdf = material["appendix"]
        cls.signature_png = material["signature"]
        cls.seal_png = material["seal"]
        cls.Certificates = cls.env["egov.signing.certificate"]
        root_pem = cls.pki.root.cert.public_bytes(Encoding.PEM)
        for company, with_crl in ((cls.agency_a, False), (cls.agency_b, True)):
            cls.env["egov.signing.profile"].create(
                {
                    "company_id": company.id,
                    "trust_root_attachment_ids": [
                        Command.create({"name": "demo-root.pem", "raw": root_pem})
                    ],
                    "crl_attachment_ids": [
                        Command.create({"name": "issuing.crl", "raw": cls.pki.crl_der})
                    ]
                    if with_crl
                    else [],
                }
            )
        cls.leader_a.write(
            {"name": samples.SIGNER_NAME, "egov_signature_image": cls._b64(cls.signature_png)}
        )
        cls.person_certificate = cls._certificate(cls.pki.person, cls.leader_a)
        cls.leader_a.egov_certificate_id = cls.person_certificate
        cls.org_certificate = cls._certificate(cls.pki.organisation, company=cls.agency_a)
        cls.agency_a.write(
            {
                "egov_seal_image": cls._b64(cls.seal_png),
                "egov_org_certificate_id": cls.org_certificate.id,
            }
        )
        cls.partner_b = cls.agency_b.partner_id

    @classmethod
    def _certificate(cls, identity, user=None, company=None, passphrase=PASSPHRASE):
        return cls.Certificates.create(
            {
                "kind": "person" if user else "organisation",
                "user_id": user.id if user else False,
                "company_id": (company or user.company_id).id,
                "pkcs12_file": cls._b64(identity.pkcs12(passphrase.encode())),
                "pkcs12_passphrase": passphrase,
            }
        )

    # --- Documents -----------------------------------------------------------------------
    def _draft(
        self, subject="Quyết định ban hành Quy chế quản lý văn bản điện tử", appendix=True, **values
    ):
        files = [
            Command.create(
                {"name": "QD-quy-che.pdf", "datas": self._b64(self.decision_pdf), "role": "main"}
            )
        ]
        if appendix:
            files.append(
                Command.create(
                    {
                        "name": "Phu-luc.pdf",
                        "datas": self._b64(self.appendix_pdf),
                        "role": "appendix",
                        "sequence": 20,
                    }
                )
            )
        return self._outgoing(
            self.officer_a,
            subject=subject,
            document_type_id=self.types["decision"].id,
            signer_id=self.leader_a.id,
            signer_name=samples.SIGNER_NAME,
            signer_position=samples.SIGNER_POSITION,
            signer_competence="kt",
            recipient_ids=[Command.create({"kind": "agency", "partner_id": self.partner_b.id})],
            file_ids=files,
            **values,
        )

    def _signed_draft(self, **values):
        document = self._draft(**values)
        document.with_user(self.leader_a).action_approve_and_sign()
        return document

    @staticmethod
    def _file(document, role="main"):
        return document.sudo().file_ids.filtered(lambda f: f.role == role)[:1]

    @classmethod
    def _bytes(cls, file):
        return base64.b64decode(file.with_context(bin_size=False).datas)

    def _verify(self, file):
        material = self.agency_b._egov_signing_profile()._egov_validation_material()
        return verify_pdf(self._bytes(file), material)

    def _externally_signed(self, identity, number="07"):
        """A decision signed and sealed outside this system (another province's eOffice)."""
        signer = Pkcs12Signer(identity.pkcs12(b"x"), "x")
        organisation = Pkcs12Signer(self.pki.organisation.pkcs12(b"x"), "x")
        signed = sign_pdf(
            add_number_date_fields(self.decision_pdf),
            signer,
            SignerAppearance(
                self.signature_png, full_name=samples.SIGNER_NAME, position=samples.SIGNER_POSITION
            ),
        )
        numbered = fill_number_date(signed, number=number, date=date(2026, 11, 16))
        return sign_pdf(
            numbered, organisation, SealAppearance(self.seal_png, agency_name="UBND tỉnh")
        )

    def _received(self, pdf, **values):
        """An incoming document of agency B arriving over the axis with ``pdf`` as main file."""
        return self._incoming(
            self.clerk_b,
            arrival_channel="axis",
            file_ids=[
                Command.create({"name": "QD-07.pdf", "datas": self._b64(pdf), "role": "main"})
            ],
            **values,
        )

    @staticmethod
    def _as(record, user):
        return record.with_user(user).with_context(allowed_company_ids=user.company_id.ids)

    @staticmethod
    def _signature_reports(document, role="main"):
        files = [f for f in document.signature_result["files"] if f["role"] == role]
        return files[0]["result"]["signatures"]
