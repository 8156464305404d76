from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResUsers(models.Model):
    """A signer's handwritten signature image (blue, transparent PNG; NĐ 30/2020 Phụ lục I,
    II.7.d) and personal signing certificate."""

    _inherit = "res.users"  # pylint: disable=consider-merging-classes-inherited

    egov_signature_image = fields.Binary(
        string="Signature Image",
        compute="_compute_egov_signature_image",
        inverse="_inverse_egov_signature_image",
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

    def _compute_egov_signature_image(self):
        """Only the owner, the administrators of the owner's agency and the signing steps
        (in ``sudo()``) see a signature; everyone else reads nothing (``egov.signing.image``
        record rules)."""
        images = self.env["egov.signing.image"]._egov_images("signature", self)
        for user in self:
            user.egov_signature_image = images.get(user._origin.id or user.id, False)

    def _inverse_egov_signature_image(self):
        Images = self.env["egov.signing.image"]
        for user in self:
            if user.egov_signature_image:
                Images._egov_check_image(
                    user.egov_signature_image,
                    self.env._("The signature image of %(user)s", user=user.name),
                    "blue",
                )
            Images._egov_store("signature", user, user.company_id, user.egov_signature_image)

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
        return self.env["egov.signing.image"]._egov_image_message(problems, subject, colour)

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
