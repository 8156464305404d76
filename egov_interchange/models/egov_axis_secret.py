import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import config

from .egov_interchange_secret import CONFIG_KEY

_FORMAT = "v1"


class EgovAxisSecret(models.Model):
    """The HMAC secret of a system known to the hub (a registered agency, or the hub's own
    account on the national axis), encrypted at rest with the key of
    ``egov.interchange.secret`` (AES-256-GCM, HKDF from the server option
    ``egov_interchange_key`` or the database secret) and bound to its owner by ``owner``.

    No access right for anyone: only the hub code reads it, as superuser, to check or sign
    requests. It is never shown, exported or logged.
    """

    _name = "egov.axis.secret"
    _description = "Axis Hub Secret (encrypted)"

    owner = fields.Char(required=True, index=True)
    ciphertext = fields.Text(required=True)

    _sql_constraints = [("owner_unique", "unique(owner)", "An axis system keeps one secret.")]

    @staticmethod
    def _egov_bound_to(owner):
        return f"egov.axis.secret:{owner}".encode()

    @api.model
    def _egov_store(self, owner, plaintext):
        """Encrypt and keep ``plaintext`` (str) for ``owner`` (e.g. ``agency:7``); a falsy
        value removes it."""
        Secrets = self.sudo()
        existing = Secrets.search([("owner", "=", owner)])
        if not plaintext:
            existing.unlink()
            return Secrets
        source = "c" if config.get(CONFIG_KEY) else "d"
        nonce = os.urandom(12)
        key = self.env["egov.interchange.secret"]._egov_key(source)
        sealed = AESGCM(key).encrypt(nonce, plaintext.encode(), self._egov_bound_to(owner))
        ciphertext = f"{_FORMAT}:{source}:{base64.b64encode(nonce + sealed).decode()}"
        if existing:
            existing.ciphertext = ciphertext
            return existing
        return Secrets.create({"owner": owner, "ciphertext": ciphertext})

    @api.model
    def _egov_load(self, owner):
        """The decrypted secret of ``owner`` (str), or ``None``."""
        secret = self.sudo().search([("owner", "=", owner)], limit=1)
        if not secret:
            return None
        try:
            version, source, payload = secret.ciphertext.split(":", 2)
            if version != _FORMAT:
                raise ValueError(version)
            raw = base64.b64decode(payload)
            key = self.env["egov.interchange.secret"]._egov_key(source)
            return AESGCM(key).decrypt(raw[:12], raw[12:], self._egov_bound_to(owner)).decode()
        except (ValueError, InvalidTag):
            raise UserError(
                self.env._(
                    "The axis secret of %(owner)s cannot be decrypted: the server key (option "
                    "%(option)s or the database secret) changed since it was stored. Enter it "
                    "again.",
                    owner=owner,
                    option=CONFIG_KEY,
                )
            ) from None
