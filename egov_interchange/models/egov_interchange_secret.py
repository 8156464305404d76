import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import config

#: server option holding the master secret; without it the database secret is used (the same
#: approach as egov_signing's certificate secrets: AES-256-GCM, HKDF-SHA256, bound to its owner)
CONFIG_KEY = "egov_interchange_key"
_FORMAT = "v1"


class EgovInterchangeSecret(models.Model):
    """The shared secret of a backend (HMAC key of the axis), encrypted at rest.

    No access right for anyone (``ir.model.access`` grants nothing): only the transport code
    reads it, as superuser, to sign its requests. It is never shown, exported or logged.
    """

    _name = "egov.interchange.secret"
    _description = "Axis Secret (encrypted)"

    backend_id = fields.Many2one(
        "egov.interchange.backend", required=True, index=True, ondelete="cascade"
    )
    ciphertext = fields.Text(required=True)

    _sql_constraints = [
        ("backend_unique", "unique(backend_id)", "A backend keeps one secret."),
    ]

    @api.model
    def _egov_key(self, source):
        if source == "c":
            material = config.get(CONFIG_KEY)
        else:
            material = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        if not material:
            raise UserError(
                self.env._(
                    "The axis secrets were encrypted with the server option %(option)s, which "
                    "is not set any more. Set it again in the server configuration.",
                    option=CONFIG_KEY,
                )
            )
        return HKDF(
            algorithm=hashes.SHA256(),
            length=32,
            salt=b"egov_interchange",
            info=b"egov.interchange.secret/" + _FORMAT.encode(),
        ).derive(str(material).encode())

    @staticmethod
    def _egov_bound_to(backend_id):
        return f"egov.interchange.secret:{backend_id}".encode()

    @api.model
    def _egov_store(self, backend, plaintext):
        """Encrypt and keep ``plaintext`` (str) for ``backend``; a falsy value removes it."""
        Secrets = self.sudo()
        existing = Secrets.search([("backend_id", "=", backend.id)])
        if not plaintext:
            existing.unlink()
            return Secrets
        source = "c" if config.get(CONFIG_KEY) else "d"
        nonce = os.urandom(12)
        sealed = AESGCM(self._egov_key(source)).encrypt(
            nonce, plaintext.encode(), self._egov_bound_to(backend.id)
        )
        ciphertext = f"{_FORMAT}:{source}:{base64.b64encode(nonce + sealed).decode()}"
        if existing:
            existing.ciphertext = ciphertext
            return existing
        return Secrets.create({"backend_id": backend.id, "ciphertext": ciphertext})

    @api.model
    def _egov_load(self, backend):
        """The decrypted secret of ``backend`` (str), or ``None``."""
        secret = self.sudo().search([("backend_id", "=", backend.id)], limit=1)
        if not secret:
            return None
        try:
            version, source, payload = secret.ciphertext.split(":", 2)
            if version != _FORMAT:
                raise ValueError(version)
            raw = base64.b64decode(payload)
            return (
                AESGCM(self._egov_key(source))
                .decrypt(raw[:12], raw[12:], self._egov_bound_to(backend.id))
                .decode()
            )
        except (ValueError, InvalidTag):
            raise UserError(
                self.env._(
                    "The secret of %(backend)s cannot be decrypted: the server key (option "
                    "%(option)s or the database secret) changed since it was stored. Enter it "
                    "again.",
                    backend=backend.display_name,
                    option=CONFIG_KEY,
                )
            ) from None
