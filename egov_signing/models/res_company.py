import base64

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..imagecheck import check_transparent_png


class ResCompany(models.Model):
    """The agency's seal (red, transparent PNG, drawn at its real size) and the
    organisation certificate the clerk signs with (NĐ 30/2020 Phụ lục I, II.8.a)."""

    _inherit = "res.company"

    egov_seal_image = fields.Binary(
        string="Seal Image",
        attachment=True,
        help="The agency's seal: red, PNG with a transparent background.",
    )
    egov_seal_diameter_mm = fields.Float(
        string="Seal Diameter (mm)",
        default=36,
        help="The real diameter of the seal: the image is drawn at this size.",
    )
    egov_org_certificate_id = fields.Many2one(
        "egov.signing.certificate",
        string="Organisation Certificate",
        domain="[('kind', '=', 'organisation'), ('company_id', '=', id)]",
        help="The certificate of the agency, used for the organisation signature.",
    )

    @api.constrains("egov_seal_image")
    def _check_egov_seal_image(self):
        for company in self.filtered("egov_seal_image"):
            problems = check_transparent_png(base64.b64decode(company.egov_seal_image), ink="red")
            if problems:
                raise ValidationError(
                    self.env["res.users"]._egov_image_message(
                        problems,
                        self.env._("The seal image of %(agency)s", agency=company.name),
                        self.env._("red"),
                    )
                )

    @api.constrains("egov_seal_diameter_mm")
    def _check_egov_seal_diameter(self):
        for company in self:
            if not 10 <= company.egov_seal_diameter_mm <= 60:
                raise ValidationError(
                    self.env._(
                        "A seal is between 10 and 60 mm wide; %(diameter)s mm was given for %(agency)s.",
                        diameter=company.egov_seal_diameter_mm,
                        agency=company.name,
                    )
                )

    @api.constrains("egov_org_certificate_id")
    def _check_egov_org_certificate(self):
        for company in self.filtered("egov_org_certificate_id"):
            certificate = company.egov_org_certificate_id.sudo()
            if certificate.kind != "organisation" or certificate.company_id != company:
                raise ValidationError(
                    self.env._(
                        "The organisation certificate of %(agency)s must be one of its own "
                        "certificates of kind Organisation.",
                        agency=company.name,
                    )
                )

    def _egov_signing_profile(self):
        """The agency's signing profile (an empty recordset means the defaults)."""
        self.ensure_one()
        return (
            self.env["egov.signing.profile"].sudo().search([("company_id", "=", self.id)], limit=1)
        )
