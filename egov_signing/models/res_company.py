from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    """The agency's seal (red, transparent PNG, drawn at its real size) and the
    organisation certificate the clerk signs with (NĐ 30/2020 Phụ lục I, II.8.a)."""

    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    egov_seal_image = fields.Binary(
        string="Seal Image",
        compute="_compute_egov_seal_image",
        inverse="_inverse_egov_seal_image",
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

    def _compute_egov_seal_image(self):
        """Only the agency's administrators and the organisation signature (in ``sudo()``)
        see the seal (``egov.signing.image`` record rules)."""
        images = self.env["egov.signing.image"]._egov_images("seal", self)
        for company in self:
            company.egov_seal_image = images.get(company._origin.id or company.id, False)

    def _inverse_egov_seal_image(self):
        Images = self.env["egov.signing.image"]
        for company in self:
            if company.egov_seal_image:
                Images._egov_check_image(
                    company.egov_seal_image,
                    self.env._("The seal image of %(agency)s", agency=company.name),
                    "red",
                )
            Images._egov_store("seal", company, company, company.egov_seal_image)

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

    def _egov_accepted_authorities(self):
        """The CA certificates the agency's rule profile accepts; empty: every trust root
        (Kon Tum Điều 11.5, Thái Bình Điều 7, Bến Tre Điều 9.1.a)."""
        self.ensure_one()
        return self._egov_rule_profile().accepted_ca_ids._egov_certificates()

    def _egov_signing_profile(self):
        """The agency's signing profile (an empty recordset means the defaults)."""
        self.ensure_one()
        return (
            self.env["egov.signing.profile"].sudo().search([("company_id", "=", self.id)], limit=1)
        )
