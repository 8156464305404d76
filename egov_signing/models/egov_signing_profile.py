from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..pades import SignOptions, ValidationMaterial, load_certificates, sha256_fingerprint
from ..pades.trust import load_intermediates, load_trust_roots

REVOCATION_MODES = [
    ("soft-fail", "Soft Fail (unknown status is accepted)"),
    ("hard-fail", "Hard Fail (a failed revocation check invalidates)"),
    ("require", "Require (revocation information must be found)"),
]


class EgovSigningProfile(models.Model):
    """How an agency signs and verifies: time-stamping (PAdES B-T), long-term validation
    material (B-LT), the trust roots signatures must chain to, and revocation checking.

    One profile per agency. An agency without a profile signs at level B-B, trusts the roots
    shipped with the module (Ban Cơ yếu "RootCA chuyên dùng Chính phủ G2", Vietnam National
    Root CA) and never fetches anything.
    """

    _name = "egov.signing.profile"
    _description = "Signing Profile"
    _check_company_auto = True

    name = fields.Char(required=True, default=lambda self: self.env._("Signing Settings"))
    company_id = fields.Many2one(
        "res.company",
        string="Agency",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    tsa_url = fields.Char(
        string="Time-Stamping Service (TSA)",
        help="RFC 3161 service; when set every signature gets a trusted timestamp (PAdES B-T).",
    )
    tsa_timeout = fields.Integer(string="TSA Timeout (s)", default=10)
    attach_ltv = fields.Boolean(
        string="Embed Validation Material",
        help="Embed certificates and revocation information (CRL/OCSP) in signed files "
        "(PAdES B-LT) when revocation information is available.",
    )
    use_shipped_roots = fields.Boolean(
        string="Trust the Government Roots",
        default=True,
        help="Trust the roots shipped with the module: RootCA chuyên dùng Chính phủ G2 (Ban Cơ "
        "yếu Chính phủ) and the Vietnam National Root CA (NEAC).",
    )
    trust_root_attachment_ids = fields.Many2many(
        "ir.attachment",
        "egov_signing_profile_trust_root_rel",
        "profile_id",
        "attachment_id",
        string="Additional Trust Roots",
        help="PEM, DER or PKCS#7 files of root certificates signatures may chain to.",
    )
    intermediate_attachment_ids = fields.Many2many(
        "ir.attachment",
        "egov_signing_profile_intermediate_rel",
        "profile_id",
        "attachment_id",
        string="Intermediate Certificates",
        help="CA certificates that help build chains; they are never trusted by themselves.",
    )
    crl_attachment_ids = fields.Many2many(
        "ir.attachment",
        "egov_signing_profile_crl_rel",
        "profile_id",
        "attachment_id",
        string="Revocation Lists (CRL)",
        help="CRL files obtained from the certification authorities (PEM or DER).",
    )
    allow_fetching = fields.Boolean(
        string="Fetch Revocation Information",
        help="Download CRLs and OCSP answers named in the certificates when verifying. Off by "
        "default: the server then needs access to the CAs' sites, and validity is judged at "
        "the time of the check.",
    )
    revocation_mode = fields.Selection(REVOCATION_MODES, default="soft-fail", required=True)
    require_signature = fields.Boolean(
        string="Signing Requires a Certificate",
        default=True,
        help="A leader signing a document whose main file is a PDF must have a certificate: "
        "the document is then signed digitally, never only recorded as signed.",
    )
    refuse_unsigned_electronic = fields.Boolean(
        string="Unsigned Electronic Documents Fail the Check",
        help="An incoming document received electronically (axis, same system, email) whose "
        "main PDF carries no digital signature fails the receipt check.",
    )
    trust_summary = fields.Text(string="Trusted Roots", compute="_compute_trust_summary")

    _sql_constraints = [
        ("company_unique", "unique(company_id)", "An agency has one signing profile."),
    ]

    @api.depends("use_shipped_roots", "trust_root_attachment_ids")
    def _compute_trust_summary(self):
        for profile in self:
            lines = [
                f"{_cn(cert)} — SHA-256 {sha256_fingerprint(cert)}"
                for cert in profile._egov_trust_roots()
            ]
            profile.trust_summary = "\n".join(lines) or self.env._(
                "No trust root: every signature is untrusted."
            )

    @api.constrains(
        "trust_root_attachment_ids", "intermediate_attachment_ids", "crl_attachment_ids"
    )
    def _check_files(self):
        for profile in self:
            for attachment in (
                profile.trust_root_attachment_ids | profile.intermediate_attachment_ids
            ):
                try:
                    certs = load_certificates(attachment.sudo().raw or b"")
                except ValueError:
                    certs = []
                if not certs:
                    raise ValidationError(
                        self.env._(
                            "%(file)s is not a certificate file (PEM, DER or PKCS#7).",
                            file=attachment.name,
                        )
                    )
            for attachment in profile.crl_attachment_ids:
                if _crl_der(attachment.sudo().raw or b"") is None:
                    raise ValidationError(
                        self.env._(
                            "%(file)s is not a certificate revocation list (PEM or DER).",
                            file=attachment.name,
                        )
                    )

    # --- What the engine needs --------------------------------------------------------------
    def _egov_trust_roots(self):
        """Trust anchors: the shipped roots (unless turned off) and the profile's files.
        An empty recordset (no profile) trusts the shipped roots."""
        roots = list(load_trust_roots()) if (not self or self.use_shipped_roots) else []
        roots += _certificates(self.trust_root_attachment_ids)
        return _unique(roots)

    def _egov_validation_material(self, company=None):
        """What signatures are checked against; with ``company``, narrowed to the
        certification authorities its rule profile accepts (Kon Tum Điều 11.5)."""
        intermediates = list(load_intermediates()) if (not self or self.use_shipped_roots) else []
        intermediates += _certificates(self.intermediate_attachment_ids)
        crls = tuple(
            der for der in (_crl_der(a.sudo().raw or b"") for a in self.crl_attachment_ids) if der
        )
        return ValidationMaterial(
            trust_roots=tuple(self._egov_trust_roots()),
            intermediates=tuple(_unique(intermediates)),
            crls=crls,
            allow_fetching=bool(self.allow_fetching),
            revocation_mode=self.revocation_mode or "soft-fail",
            accepted_authorities=company._egov_accepted_authorities() if company else (),
        )

    def _egov_sign_options(self):
        return SignOptions(
            tsa_url=self.tsa_url or None,
            tsa_timeout=self.tsa_timeout or 10,
            ltv=self._egov_validation_material() if self.attach_ltv else None,
        )


def _cn(cert):
    attributes = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return str(attributes[0].value) if attributes else cert.subject.rfc4514_string()


def _certificates(attachments):
    certs = []
    for attachment in attachments.sudo():
        try:
            certs += load_certificates(attachment.raw or b"")
        except ValueError:
            continue
    return certs


def _unique(certs):
    seen, unique = set(), []
    for cert in certs:
        der = cert.public_bytes(Encoding.DER)
        if der not in seen:
            seen.add(der)
            unique.append(cert)
    return unique


def _crl_der(data):
    try:
        if b"-----BEGIN X509 CRL-----" in data:
            return x509.load_pem_x509_crl(data).public_bytes(Encoding.DER)
        return x509.load_der_x509_crl(data).public_bytes(Encoding.DER)
    except ValueError:
        return None
