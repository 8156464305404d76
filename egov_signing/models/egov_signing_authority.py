import base64

from cryptography import x509

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..pades import load_certificates, sha256_fingerprint


class EgovSigningAuthority(models.Model):
    """A certification authority (tổ chức cung cấp dịch vụ chứng thực chữ ký số) named by
    its root or intermediate CA certificate. A province's rule profile lists the ones its
    regulation accepts (Kon Tum Điều 11.5, Thái Bình Điều 7, Bến Tre Điều 9.1.a: the
    specialised certificates of Ban Cơ yếu Chính phủ); the government roots ship as
    records."""

    _name = "egov.signing.authority"
    _description = "Certification Authority"
    _order = "name, id"

    name = fields.Char(required=True, help="Defaults to the name in the certificate.")
    active = fields.Boolean(default=True)
    certificate_file = fields.Binary(
        string="CA Certificate",
        attachment=False,
        required=True,
        help="The root or intermediate certificate of the authority (PEM or DER).",
    )
    subject = fields.Char(readonly=True)
    fingerprint_sha256 = fields.Char(string="SHA-256 Fingerprint", readonly=True, index=True)

    _sql_constraints = [
        (
            "fingerprint_unique",
            "unique(fingerprint_sha256)",
            "This certification authority is already registered.",
        )
    ]

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [{**vals, **self._egov_certificate_values(vals)} for vals in vals_list]
        return super().create(vals_list)

    def write(self, vals):
        if "certificate_file" in vals:
            vals = {**vals, **self._egov_certificate_values(vals)}
        return super().write(vals)

    @api.model
    def _egov_certificate_values(self, vals):
        """Subject, fingerprint and (when not given) name, read from the certificate given in
        ``vals``; the constraint names an unreadable file."""
        certificate = _load(vals.get("certificate_file"))
        if certificate is None:
            return {"subject": False, "fingerprint_sha256": False}
        values = {
            "subject": certificate.subject.rfc4514_string(),
            "fingerprint_sha256": sha256_fingerprint(certificate),
        }
        if not vals.get("name"):
            names = certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
            values["name"] = str(names[0].value) if names else values["subject"]
        return values

    @api.constrains("certificate_file")
    def _check_certificate(self):
        for authority in self:
            if authority._egov_certificate() is None:
                raise ValidationError(
                    self.env._(
                        "The file of %(name)s is not a certificate (PEM or DER).",
                        name=authority.name or self.env._("the authority"),
                    )
                )

    def _egov_certificate(self):
        """The CA certificate (a cryptography certificate), or None when unreadable."""
        self.ensure_one()
        return _load(self.certificate_file)

    def _egov_certificates(self):
        return tuple(
            certificate
            for certificate in (authority._egov_certificate() for authority in self.sudo())
            if certificate is not None
        )


def _load(data):
    """The first certificate of base64 ``data`` (PEM or DER), or None."""
    if not data:
        return None
    try:
        certificates = load_certificates(base64.b64decode(data))
    except ValueError:
        return None
    return certificates[0] if certificates else None


class EgovRuleProfile(models.Model):
    """Which certification authorities the province's regulation accepts."""

    _inherit = "egov.rule.profile"  # pylint: disable=consider-merging-classes-inherited

    accepted_ca_ids = fields.Many2many(
        "egov.signing.authority",
        "egov_rule_profile_signing_authority_rel",
        "profile_id",
        "authority_id",
        string="Accepted Certification Authorities",
        help="Signatures count only with a certificate issued under one of these authorities; "
        "empty: any trust root the agency configured.",
    )
