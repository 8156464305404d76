from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import config

from odoo.addons.egov_documents.rules.secretbox import (
    SOURCE_CONFIG,
    SOURCE_DATABASE,
    SecretBoxError,
    seal,
    unseal,
)

from .egov_interchange_secret import CONFIG_KEY


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
        source = SOURCE_CONFIG if config.get(CONFIG_KEY) else SOURCE_DATABASE
        key_for = self.env["egov.interchange.secret"]._egov_key
        ciphertext = seal(key_for, source, plaintext.encode(), self._egov_bound_to(owner))
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
        key_for = self.env["egov.interchange.secret"]._egov_key
        try:
            return unseal(key_for, secret.ciphertext, self._egov_bound_to(owner)).decode()
        except SecretBoxError:
            raise UserError(
                self.env._(
                    "The axis secret of %(owner)s cannot be decrypted: the server key (option "
                    "%(option)s or the database secret) changed since it was stored. Enter it "
                    "again.",
                    owner=owner,
                    option=CONFIG_KEY,
                )
            ) from None
