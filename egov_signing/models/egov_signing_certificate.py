import base64
import logging

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import Encoding

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import config

from ..pades import (
    Pkcs11Signer,
    Pkcs12Signer,
    SignerError,
    accepted_chain,
    load_certificates,
    sha256_fingerprint,
)
from . import signing_messages

_logger = logging.getLogger(__name__)

CERTIFICATE_KINDS = [("person", "Person"), ("organisation", "Organisation")]
STORAGES = [("pkcs12", "PKCS#12 File on the Server"), ("pkcs11", "PKCS#11 Token or HSM")]
VALIDITY_STATES = [
    ("missing", "No Certificate"),
    ("not_yet_valid", "Not Yet Valid"),
    ("valid", "Valid"),
    ("expired", "Expired"),
]
#: server option: comma-separated PKCS#11 modules the server may load (an allow-list, because
#: loading a library runs its code in the server process)
PKCS11_LIBRARIES_KEY = "egov_signing_pkcs11_libraries"
#: the write-only inputs: never stored as such, never read back
_KEY_INPUTS = ("pkcs12_file", "pkcs12_passphrase", "pkcs11_pin", "certificate_file")


def _common_name(name):
    attributes = name.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return str(attributes[0].value) if attributes else name.rfc4514_string()


def _is_ca(certificate):
    try:
        return certificate.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        return False


class EgovSigningCertificate(models.Model):
    """A signing certificate of a person (a leader's approval signature) or of an agency
    (the organisation signature the clerk applies), with where its private key lives.

    The public part (certificate, subject, issuer, validity) is readable by the agency's
    users. The key material is not a field of this model: the PKCS#12 archive, its
    passphrase and a token PIN are written through write-only inputs that always read
    back empty, and kept encrypted in ``egov.signing.secret``, which nobody can read.
    """

    _name = "egov.signing.certificate"
    _description = "Signing Certificate"
    _order = "company_id, kind, name, id"
    _check_company_auto = True

    name = fields.Char(
        compute="_compute_name",
        store=True,
        readonly=False,
        help="Defaults to the name in the certificate.",
    )
    active = fields.Boolean(default=True)
    kind = fields.Selection(CERTIFICATE_KINDS, required=True, default="person")
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        index="btree_not_null",
        check_company=True,
        help="The person who signs with this certificate (certificates of kind Person).",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Agency",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    storage = fields.Selection(STORAGES, required=True, default="pkcs12")
    # --- Write-only key inputs ------------------------------------------------------------
    pkcs12_file = fields.Binary(
        string="PKCS#12 File (.p12, .pfx)",
        compute="_compute_key_inputs",
        inverse="_inverse_key_inputs",
        store=False,
        help="Stored encrypted; never shown again once saved.",
    )
    pkcs12_passphrase = fields.Char(
        string="PKCS#12 Passphrase",
        compute="_compute_key_inputs",
        inverse="_inverse_key_inputs",
        store=False,
        help="Stored encrypted; never shown again once saved.",
    )
    pkcs11_pin = fields.Char(
        string="Token PIN",
        compute="_compute_key_inputs",
        inverse="_inverse_key_inputs",
        store=False,
        help="Stored encrypted; never shown again once saved.",
    )
    certificate_file = fields.Binary(
        string="Certificate File (.cer, .pem)",
        compute="_compute_key_inputs",
        inverse="_inverse_key_inputs",
        store=False,
        help="For a key on a token: the certificate (PEM, DER or PKCS#7), possibly with the "
        "certificates of its CA, which are embedded in signatures.",
    )
    has_key_material = fields.Boolean(
        string="Key Stored",
        compute="_compute_has_key_material",
        help="The PKCS#12 archive (or the token PIN) is stored, encrypted.",
    )
    # --- PKCS#11 ------------------------------------------------------------------------
    pkcs11_library = fields.Char(
        string="PKCS#11 Module",
        help="Full path of the token's PKCS#11 library on the server. It must be listed in the "
        "server option egov_signing_pkcs11_libraries.",
    )
    pkcs11_token_label = fields.Char(string="Token Label")
    pkcs11_key_label = fields.Char(string="Key Label")
    pkcs11_key_id = fields.Char(string="Key ID (hex)")
    pkcs11_pin_option = fields.Char(
        string="PIN Server Option",
        help="Name of a server configuration option holding the PIN, instead of storing it here.",
    )
    # --- Public part ----------------------------------------------------------------------
    certificate_pem = fields.Text(string="Certificate (PEM)", readonly=True, copy=False)
    chain_pem = fields.Text(
        string="Chain (PEM)",
        readonly=True,
        copy=False,
        help="Intermediate certificates embedded in signatures.",
    )
    subject = fields.Char(readonly=True, copy=False)
    subject_common_name = fields.Char(string="Subject Name", readonly=True, copy=False)
    issuer = fields.Char(readonly=True, copy=False)
    issuer_common_name = fields.Char(string="Issued By", readonly=True, copy=False)
    serial_number = fields.Char(readonly=True, copy=False)
    not_before = fields.Datetime(string="Valid From", readonly=True, copy=False)
    not_after = fields.Datetime(string="Valid Until", readonly=True, copy=False)
    fingerprint_sha256 = fields.Char(string="SHA-256 Fingerprint", readonly=True, copy=False)
    validity_state = fields.Selection(VALIDITY_STATES, compute="_compute_validity_state")

    _sql_constraints = [
        (
            "fingerprint_company_unique",
            "unique(fingerprint_sha256, company_id)",
            "This certificate is already registered for the agency.",
        )
    ]

    # --- Computes -------------------------------------------------------------------------
    @api.depends("subject_common_name")
    def _compute_name(self):
        for certificate in self:
            if not certificate.name:
                certificate.name = certificate.subject_common_name or False

    def _compute_key_inputs(self):
        for certificate in self:
            for field_name in _KEY_INPUTS:
                certificate[field_name] = False

    def _compute_has_key_material(self):
        secrets = (
            self.env["egov.signing.secret"]
            .sudo()
            .search([("certificate_id", "in", self.ids), ("kind", "in", ("pkcs12", "pin"))])
        )
        with_secret = set(secrets.certificate_id.ids)
        for certificate in self:
            certificate.has_key_material = certificate.id in with_secret or bool(
                certificate.storage == "pkcs11" and certificate.pkcs11_pin_option
            )

    @api.depends("not_before", "not_after")
    def _compute_validity_state(self):
        now = fields.Datetime.now()
        for certificate in self:
            if not certificate.not_after:
                certificate.validity_state = "missing"
            elif certificate.not_before and now < certificate.not_before:
                certificate.validity_state = "not_yet_valid"
            elif now > certificate.not_after:
                certificate.validity_state = "expired"
            else:
                certificate.validity_state = "valid"

    @api.depends("name", "subject_common_name")
    def _compute_display_name(self):
        for certificate in self:
            certificate.display_name = (
                certificate.name or certificate.subject_common_name or self.env._("New Certificate")
            )

    # --- Constraints ----------------------------------------------------------------------
    @api.constrains("kind", "user_id")
    def _check_owner(self):
        for certificate in self:
            if certificate.kind == "person" and not certificate.user_id:
                raise ValidationError(
                    self.env._(
                        "Certificate %(name)s of a person needs its owner.",
                        name=certificate.display_name,
                    )
                )
            if certificate.kind == "organisation" and certificate.user_id:
                raise ValidationError(
                    self.env._(
                        "Certificate %(name)s of an agency has no personal owner.",
                        name=certificate.display_name,
                    )
                )

    @api.constrains("storage", "pkcs11_library")
    def _check_pkcs11_library(self):
        for certificate in self.filtered(lambda c: c.storage == "pkcs11"):
            if not certificate.pkcs11_library:
                raise ValidationError(
                    self.env._(
                        "Give the PKCS#11 module of the token of %(name)s.",
                        name=certificate.display_name,
                    )
                )
            certificate._egov_check_pkcs11_library()

    def _egov_check_pkcs11_library(self):
        allowed = {
            path.strip()
            for path in (config.get(PKCS11_LIBRARIES_KEY) or "").split(",")
            if path.strip()
        }
        if self.pkcs11_library not in allowed:
            raise ValidationError(
                self.env._(
                    "The PKCS#11 module %(library)s is not allowed on this server: the system "
                    "administrator lists the allowed modules in the server option %(option)s.",
                    library=self.pkcs11_library,
                    option=PKCS11_LIBRARIES_KEY,
                )
            )

    # --- Key inputs -----------------------------------------------------------------------
    def _inverse_key_inputs(self):
        Secrets = self.env["egov.signing.secret"]
        for certificate in self:
            if not any(certificate[name] for name in _KEY_INPUTS):
                continue
            if certificate.storage == "pkcs12" and (
                certificate.pkcs12_file or certificate.pkcs12_passphrase
            ):
                certificate._egov_store_pkcs12(
                    base64.b64decode(certificate.pkcs12_file) if certificate.pkcs12_file else None,
                    certificate.pkcs12_passphrase,
                )
            if certificate.pkcs11_pin:
                Secrets._egov_store(certificate, "pin", certificate.pkcs11_pin.encode())
            if certificate.certificate_file:
                try:
                    certs = load_certificates(base64.b64decode(certificate.certificate_file))
                except ValueError:
                    certs = []
                if not certs:
                    raise UserError(
                        self.env._(
                            "The certificate file of %(name)s is not a PEM or DER certificate.",
                            name=certificate.display_name,
                        )
                    )
                leaf = next((cert for cert in certs if not _is_ca(cert)), None)
                if leaf is None and certificate.certificate_pem:
                    # Only CA certificates: they complete the chain of the signing
                    # certificate already known, they never replace it.
                    chain = {
                        c.fingerprint(hashes.SHA256()): c
                        for c in [*certificate._egov_chain(), *certs]
                    }
                    certificate._egov_set_certificate(
                        certificate._egov_x509(), tuple(chain.values())
                    )
                    continue
                leaf = leaf or certs[0]
                certificate._egov_set_certificate(leaf, tuple(c for c in certs if c is not leaf))
        # the inputs never stay in the cache of this transaction either
        self.invalidate_recordset([*_KEY_INPUTS, "has_key_material"])

    def _egov_store_pkcs12(self, data, passphrase):
        """Open the archive to check it and read its certificate, then keep both the archive
        and its passphrase encrypted. ``None`` keeps the stored value."""
        self.ensure_one()
        Secrets = self.env["egov.signing.secret"]
        if data is None:
            data = Secrets._egov_load(self, "pkcs12")
        if passphrase in (None, False):
            stored = Secrets._egov_load(self, "passphrase")
            passphrase = stored.decode() if stored is not None else ""
        if not data:
            raise UserError(
                self.env._("Upload the PKCS#12 file of %(name)s.", name=self.display_name)
            )
        try:
            signer = Pkcs12Signer(data, passphrase or None)
        except SignerError:
            raise UserError(
                self.env._(
                    "The PKCS#12 file of %(name)s could not be opened: wrong passphrase or "
                    "damaged file.",
                    name=self.display_name,
                )
            ) from None
        self._egov_set_certificate(signer.certificate, signer.chain)
        Secrets._egov_store(self, "pkcs12", data)
        Secrets._egov_store(self, "passphrase", passphrase.encode())
        _logger.info(
            "Key material of signing certificate %s (%s) stored, encrypted",
            self.id,
            signer.subject_name,
        )

    def _egov_set_certificate(self, certificate, chain=()):
        self.ensure_one()
        pem = certificate.public_bytes(Encoding.PEM).decode()
        self.write(
            {
                "certificate_pem": pem,
                "chain_pem": "".join(c.public_bytes(Encoding.PEM).decode() for c in chain) or False,
                "subject": certificate.subject.rfc4514_string(),
                "subject_common_name": _common_name(certificate.subject),
                "issuer": certificate.issuer.rfc4514_string(),
                "issuer_common_name": _common_name(certificate.issuer),
                "serial_number": format(certificate.serial_number, "x"),
                "not_before": certificate.not_valid_before_utc.replace(tzinfo=None),
                "not_after": certificate.not_valid_after_utc.replace(tzinfo=None),
                "fingerprint_sha256": sha256_fingerprint(certificate),
            }
        )
        if not self.name:
            self.name = self.subject_common_name

    def action_read_certificate_from_token(self):
        """Open the token (PKCS#11) and read the certificate stored with the key."""
        for certificate in self:
            if certificate.storage != "pkcs11":
                raise UserError(
                    self.env._("%(name)s is not kept on a token.", name=certificate.display_name)
                )
            with certificate.with_context(
                egov_certificate_from_token=True
            )._egov_signer() as signer:
                certificate._egov_set_certificate(signer.certificate, signer.chain)
        return True

    # --- Use ----------------------------------------------------------------------------------
    def _egov_x509(self):
        self.ensure_one()
        return x509.load_pem_x509_certificate(self.certificate_pem.encode())

    def _egov_chain(self):
        """The stored chain, completed up to the root from the intermediates the agency
        knows (its signing profile and the shipped ones), so a certificate read from a
        token without its CA still signs with a chain receivers can follow."""
        self.ensure_one()
        chain = list(load_certificates(self.chain_pem.encode())) if self.chain_pem else []
        if not self.certificate_pem:
            return tuple(chain)
        company = self.company_id or self.user_id.company_id or self.env.company
        known = company._egov_signing_profile()._egov_validation_material().intermediates
        current = self._egov_x509()
        for _depth in range(8):
            if current.issuer == current.subject:
                break
            issuer = next((cert for cert in chain if cert.subject == current.issuer), None)
            if issuer is None:
                issuer = next((cert for cert in known if cert.subject == current.issuer), None)
                if issuer is None:
                    break
                chain.append(issuer)
            current = issuer
        return tuple(chain)

    def _egov_check_usable(self, purpose):
        """Refuse a certificate that cannot sign now, naming it and ``purpose``."""
        self.ensure_one()
        if not self.certificate_pem:
            raise UserError(
                self.env._(
                    "Certificate %(name)s has no certificate loaded yet.", name=self.display_name
                )
            )
        if self.validity_state != "valid":
            raise UserError(
                self.env._(
                    "Certificate %(name)s cannot be used for %(purpose)s: it is valid from "
                    "%(start)s to %(end)s.",
                    name=self.display_name,
                    purpose=purpose,
                    start=self.env["egov.document"]._egov_format_dt(self.not_before),
                    end=self.env["egov.document"]._egov_format_dt(self.not_after),
                )
            )
        if not self.has_key_material:
            raise UserError(
                self.env._(
                    "The private key of certificate %(name)s is not stored.", name=self.display_name
                )
            )
        self._egov_check_accepted_authority()

    def _egov_check_accepted_authority(self):
        """Refuse a certificate issued outside the certification authorities the agency's
        rule profile accepts (Kon Tum Điều 11.5, Thái Bình Điều 7, Bến Tre Điều 9.1.a)."""
        self.ensure_one()
        company = self.company_id
        accepted = company._egov_accepted_authorities()
        if not accepted:
            return
        chain = [self._egov_x509(), *self._egov_chain()]
        roots = company._egov_signing_profile()._egov_trust_roots()
        chain += [root for root in roots if root.subject == chain[-1].issuer]
        if accepted_chain(chain, accepted):
            return
        profile = company._egov_rule_profile()
        raise UserError(
            self.env._(
                "Certificate %(name)s was issued by %(issuer)s, which %(regulation)s does not "
                "accept: only certificates of %(accepted)s may sign for %(agency)s.",
                name=self.display_name,
                issuer=self.issuer_common_name or self.issuer,
                regulation=profile.regulation or profile.display_name,
                accepted=", ".join(profile.accepted_ca_ids.mapped("name")),
                agency=company.name,
            )
        )

    def _egov_signer(self):
        """The engine's signer for this certificate (use it as a context manager). The key
        material is decrypted in memory only."""
        self.ensure_one()
        Secrets = self.env["egov.signing.secret"]
        if self.storage == "pkcs12":
            data = Secrets._egov_load(self, "pkcs12")
            if not data:
                raise UserError(
                    self.env._(
                        "The private key of certificate %(name)s is not stored.",
                        name=self.display_name,
                    )
                )
            passphrase = Secrets._egov_load(self, "passphrase")
            try:
                return Pkcs12Signer(data, passphrase or None)
            except SignerError:
                raise UserError(
                    self.env._(
                        "The PKCS#12 file of %(name)s could not be opened.", name=self.display_name
                    )
                ) from None
        self._egov_check_pkcs11_library()
        if self.pkcs11_pin_option:
            pin = config.get(self.pkcs11_pin_option)
            pin = str(pin) if pin else None
        else:
            stored = Secrets._egov_load(self, "pin")
            pin = stored.decode() if stored is not None else None
        use_stored_cert = self.certificate_pem and not self.env.context.get(
            "egov_certificate_from_token"
        )
        try:
            return Pkcs11Signer(
                self.pkcs11_library,
                token_label=self.pkcs11_token_label or None,
                pin=pin,
                key_label=self.pkcs11_key_label or None,
                key_id=bytes.fromhex(self.pkcs11_key_id) if self.pkcs11_key_id else None,
                cert_label=None if use_stored_cert else (self.pkcs11_key_label or None),
                cert_id=None
                if use_stored_cert or not self.pkcs11_key_id
                else bytes.fromhex(self.pkcs11_key_id),
                certificate=self._egov_x509() if use_stored_cert else None,
                chain=self._egov_chain(),
            )
        except (SignerError, ValueError) as error:
            _logger.debug("Certificate %s: token not usable: %r", self.id, error)
            raise UserError(
                self.env._(
                    "The token of certificate %(name)s cannot be used: %(error)s",
                    name=self.display_name,
                    error=signing_messages.problem_text(self.env, "signer_error"),
                )
            ) from None

    def unlink(self):
        self.env["egov.signing.secret"].sudo().search([("certificate_id", "in", self.ids)]).unlink()
        return super().unlink()
