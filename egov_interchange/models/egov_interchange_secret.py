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

#: server option holding the master secret; without it the database secret is used (the same
#: approach as egov_signing's certificate secrets: AES-256-GCM, HKDF-SHA256, bound to its owner)
CONFIG_KEY = "egov_interchange_key"


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
        if source == SOURCE_CONFIG:
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
        return derive_key(
            material, b"egov_interchange", b"egov.interchange.secret/" + FORMAT.encode()
        )

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
        source = SOURCE_CONFIG if config.get(CONFIG_KEY) else SOURCE_DATABASE
        ciphertext = seal(
            self._egov_key, source, plaintext.encode(), self._egov_bound_to(backend.id)
        )
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
            return unseal(
                self._egov_key, secret.ciphertext, self._egov_bound_to(backend.id)
            ).decode()
        except SecretBoxError:
            raise UserError(
                self.env._(
                    "The secret of %(backend)s cannot be decrypted: the server key (option "
                    "%(option)s or the database secret) changed since it was stored. Enter it "
                    "again.",
                    backend=backend.display_name,
                    option=CONFIG_KEY,
                )
            ) from None
