import base64

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..imagecheck import check_transparent_png

IMAGE_KINDS = [("signature", "Signature"), ("seal", "Seal")]
#: where 18.0.1.0.0 kept the images: attachments of these fields
LEGACY_IMAGE_FIELDS = {
    "egov_signature_image": ("res.users", "signature"),
    "egov_seal_image": ("res.company", "seal"),
}


def move_legacy_images(env):
    """Move the images stored as ``res.users.egov_signature_image`` and
    ``res.company.egov_seal_image`` attachments (18.0.1.0.0) into ``egov.signing.image``,
    byte for byte, and drop the old attachments. Safe to run twice; returns the count."""
    Attachments = env["ir.attachment"].sudo().with_context(active_test=False)
    legacy = Attachments.search(
        [
            ("res_field", "in", list(LEGACY_IMAGE_FIELDS)),
            ("res_model", "in", ["res.users", "res.company"]),
        ]
    )
    Images = env["egov.signing.image"].sudo()
    moved = 0
    for attachment in legacy:
        model, kind = LEGACY_IMAGE_FIELDS[attachment.res_field]
        owner = env[model].sudo().browse(attachment.res_id).exists()
        if owner and attachment.datas and model == attachment.res_model:
            company = owner if model == "res.company" else owner.company_id
            Images._egov_store(kind, owner, company, attachment.datas)
            moved += 1
    legacy.unlink()
    return moved


class EgovSigningImage(models.Model):
    """A leader's handwritten signature or an agency's seal (NĐ 30/2020 Phụ lục I).

    Kept apart from ``res.users`` and ``res.company``, which every user of every agency
    reads: the record rules let only the owner of a signature and the administrators of
    the owner's agency see it; the signing steps read it in ``sudo()`` after checking the
    signer. ``res.users.egov_signature_image`` and ``res.company.egov_seal_image`` are
    views on these records that follow the same rules.
    """

    _name = "egov.signing.image"
    _description = "Signature or Seal Image"
    _check_company_auto = True

    kind = fields.Selection(IMAGE_KINDS, required=True, index=True)
    user_id = fields.Many2one(
        "res.users", string="Owner", index="btree_not_null", ondelete="cascade"
    )
    company_id = fields.Many2one(
        "res.company", string="Agency", required=True, index=True, ondelete="cascade"
    )
    image = fields.Binary(attachment=True, required=True)

    _sql_constraints = [
        (
            "owner_unique",
            "unique(kind, company_id, user_id)",
            "A person has one signature image and an agency one seal.",
        ),
    ]

    @api.constrains("kind", "user_id")
    def _check_owner(self):
        for record in self:
            if (record.kind == "signature") != bool(record.user_id):
                raise ValidationError(
                    self.env._("A signature image belongs to a person; a seal to an agency only.")
                )

    @api.model
    def _egov_check_image(self, data, subject, ink):
        """Refuse an image that is not a transparent PNG drawn in ``ink``."""
        problems = check_transparent_png(base64.b64decode(data), ink=ink)
        if problems:
            raise ValidationError(
                self._egov_image_message(
                    problems,
                    subject,
                    self.env._("blue") if ink == "blue" else self.env._("red"),
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

    @api.model
    def _egov_images(self, kind, owners):
        """``{owner id: image}`` of the images of ``owners`` (users or agencies) that the
        current user may read (all of them in ``sudo()``)."""
        if not self.has_access("read"):
            return {}
        owner_field = "user_id" if kind == "signature" else "company_id"
        domain = [("kind", "=", kind), (owner_field, "in", owners._origin.ids)]
        if kind == "seal":
            domain.append(("user_id", "=", False))
        return {
            record[owner_field].id: record.image
            for record in self.search(domain).with_context(bin_size=False)
        }

    @api.model
    def _egov_store(self, kind, owner, company, data):
        """Set (or remove, when ``data`` is empty) the image of ``owner``; the caller's
        rights apply (its own signature, or an administrator of the agency)."""
        owner_field = "user_id" if kind == "signature" else "company_id"
        domain = [("kind", "=", kind), (owner_field, "=", owner.id)]
        if kind == "seal":
            domain.append(("user_id", "=", False))
        existing = self.search(domain)
        if not data:
            existing.unlink()
        elif existing:
            existing.write({"image": data, "company_id": company.id})
        else:
            self.create(
                {
                    "kind": kind,
                    "user_id": owner.id if kind == "signature" else False,
                    "company_id": company.id,
                    "image": data,
                }
            )
