from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import config

from odoo.addons.egov_documents.rules.secretbox import (
    FORMAT,
    SOURCE_CONFIG,
    SOURCE_DATABASE,
    SecretBoxError,
    derive_key,
    seal,
    unseal,
)

SECRET_KINDS = [
    ("pkcs12", "PKCS#12 Archive"),
    ("passphrase", "PKCS#12 Passphrase"),
    ("pin", "PKCS#11 PIN"),
]
#: server option (odoo.conf ``egov_signing_key = ...`` or ``--egov_signing_key``) holding the
#: master secret; without it the database secret (``database.secret``) is used.
CONFIG_KEY = "egov_signing_key"


class EgovSigningSecret(models.Model):
    """Key material of a signing certificate, encrypted at rest (AES-256-GCM).

    The key is derived with HKDF-SHA256 from the server option ``egov_signing_key`` when
    it is set (the recommended setup: a database dump alone then reveals nothing), else
    from the database secret. Each value is bound to its certificate and kind (GCM
    associated data), so a ciphertext copied onto another certificate does not decrypt.

    The model has no access right for anyone (``ir.model.access`` grants nothing): only
    the signing code reads it, as superuser. It is never shown, exported or logged.
    """

    _name = "egov.signing.secret"
    _description = "Signing Secret (encrypted)"

    certificate_id = fields.Many2one(
        "egov.signing.certificate", required=True, index=True, ondelete="cascade"
    )
    kind = fields.Selection(SECRET_KINDS, required=True)
    ciphertext = fields.Text(required=True)

    _sql_constraints = [
        (
            "certificate_kind_unique",
            "unique(certificate_id, kind)",
            "A certificate keeps one secret of each kind.",
        )
    ]

    @api.depends("certificate_id", "kind")
    def _compute_display_name(self):
        for secret in self:
            secret.display_name = f"{secret.kind} #{secret.certificate_id.id}"

    # --- Key derivation and encryption ---------------------------------------------------
    @api.model
    def _egov_master_key(self, source):
        if source == SOURCE_CONFIG:
            material = config.get(CONFIG_KEY)
        else:
            material = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        if not material:
            raise UserError(
                self.env._(
                    "The signing secrets were encrypted with the server option %(option)s, "
                    "which is not set any more. Set it again in the server configuration.",
                    option=CONFIG_KEY,
                )
            )
        return derive_key(material, b"egov_signing", b"egov.signing.secret/" + FORMAT.encode())

    @staticmethod
    def _egov_associated_data(certificate_id, kind):
        return f"egov.signing.secret:{certificate_id}:{kind}".encode()

    @api.model
    def _egov_encrypt(self, certificate_id, kind, plaintext):
        source = SOURCE_CONFIG if config.get(CONFIG_KEY) else SOURCE_DATABASE
        return seal(
            self._egov_master_key,
            source,
            plaintext,
            self._egov_associated_data(certificate_id, kind),
        )

    def _egov_decrypt(self):
        self.ensure_one()
        try:
            return unseal(
                self._egov_master_key,
                self.ciphertext,
                self._egov_associated_data(self.certificate_id.id, self.kind),
            )
        except SecretBoxError:
            raise UserError(
                self.env._(
                    "The key material of certificate %(certificate)s cannot be decrypted: the "
                    "server key (option %(option)s or the database secret) changed since it was "
                    "stored. Upload the key again.",
                    certificate=self.certificate_id.display_name,
                    option=CONFIG_KEY,
                )
            ) from None

    # --- Storage (always as superuser) ----------------------------------------------------
    @api.model
    def _egov_store(self, certificate, kind, plaintext):
        """Encrypt and keep ``plaintext`` (bytes) as ``kind`` of ``certificate``; a falsy
        value removes it."""
        Secrets = self.sudo()
        existing = Secrets.search([("certificate_id", "=", certificate.id), ("kind", "=", kind)])
        if not plaintext:
            existing.unlink()
            return Secrets
        ciphertext = self._egov_encrypt(certificate.id, kind, plaintext)
        if existing:
            existing.ciphertext = ciphertext
            return existing
        return Secrets.create(
            {"certificate_id": certificate.id, "kind": kind, "ciphertext": ciphertext}
        )

    @api.model
    def _egov_load(self, certificate, kind):
        """The decrypted bytes of ``kind`` for ``certificate``, or ``None``."""
        secret = self.sudo().search(
            [("certificate_id", "=", certificate.id), ("kind", "=", kind)], limit=1
        )
        return secret._egov_decrypt() if secret else None

    @api.model
    def _egov_reencrypt_all(self):
        """Re-encrypt every secret with the current key source, e.g. after setting
        ``egov_signing_key`` on a server that used the database secret until then.
        Returns the number of secrets re-encrypted."""
        count, last_id = 0, 0
        while secrets := self.sudo().search([("id", ">", last_id)], order="id", limit=500):
            for secret in secrets:
                secret.ciphertext = self._egov_encrypt(
                    secret.certificate_id.id, secret.kind, secret._egov_decrypt()
                )
            count += len(secrets)
            last_id = secrets[-1].id
        return count
