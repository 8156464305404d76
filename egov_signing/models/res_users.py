import base64

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..imagecheck import check_transparent_png


class ResUsers(models.Model):
    """A signer's handwritten signature image (blue, transparent PNG; NĐ 30/2020 Phụ lục I,
    II.7.d) and personal signing certificate."""

    _inherit = "res.users"

    egov_signature_image = fields.Binary(
        string="Signature Image",
        attachment=True,
        help="Your handwritten signature: blue, PNG with a transparent background. It is "
        "drawn between your position and your name on the documents you sign.",
    )
    egov_certificate_id = fields.Many2one(
        "egov.signing.certificate",
        string="Signing Certificate",
        domain="[('kind', '=', 'person'), ('user_id', '=', id)]",
        help="The certificate your approval signatures are made with.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["egov_signature_image", "egov_certificate_id"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["egov_signature_image"]

    @api.constrains("egov_signature_image")
    def _check_egov_signature_image(self):
        for user in self.filtered("egov_signature_image"):
            problems = check_transparent_png(
                base64.b64decode(user.egov_signature_image), ink="blue"
            )
            if problems:
                raise ValidationError(
                    self._egov_image_message(
                        problems,
                        self.env._("The signature image of %(user)s", user=user.name),
                        self.env._("blue"),
                    )
                )

    @api.constrains("egov_certificate_id")
    def _check_egov_certificate(self):
        for user in self.filtered("egov_certificate_id"):
            certificate = user.egov_certificate_id.sudo()
            if certificate.kind != "person" or certificate.user_id != user:
                raise ValidationError(
                    self.env._(
                        "The signing certificate of %(user)s must be a personal certificate of "
                        "theirs.",
                        user=user.name,
                    )
                )

    @api.model
    def _egov_image_message(self, problems, subject, colour):
        code = problems[0]
        if code == "not_png":
            return self.env._("%(subject)s must be a PNG file.", subject=subject)
        if code == "no_transparency":
            return self.env._(
                "%(subject)s must have a transparent background (PNG with an alpha channel).",
                subject=subject,
            )
        if code == "empty_image":
            return self.env._("%(subject)s is empty: nothing is visible.", subject=subject)
        return self.env._(
            "%(subject)s must be drawn in %(colour)s (Nghị định 30/2020, Phụ lục I).",
            subject=subject,
            colour=colour,
        )

    def _egov_personal_certificate(self):
        """The certificate this user signs with: the one set on the user, else their only
        active personal certificate."""
        self.ensure_one()
        certificate = self.sudo().egov_certificate_id
        if certificate and certificate.active:
            return certificate
        return (
            self.env["egov.signing.certificate"]
            .sudo()
            .search(
                [("kind", "=", "person"), ("user_id", "=", self.id)],
                order="not_after desc",
                limit=1,
            )
        )
