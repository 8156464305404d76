import base64
import io

from PIL import Image

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.egov_signing.imagecheck import check_transparent_png

from ..models.egov_signing_image import move_legacy_images
from .common import demo_material


def _png(mode, colour, transparent=True, fmt="PNG"):
    image = Image.new(mode, (40, 20), (0, 0, 0, 0) if transparent else (255, 255, 255, 255))
    for x in range(10, 30):
        image.putpixel((x, 10), colour)
    out = io.BytesIO()
    (image if fmt == "PNG" else image.convert("RGB")).save(out, format=fmt)
    return out.getvalue()


@tagged("post_install", "-at_install")
class TestImages(TransactionCase):
    """NĐ 30/2020 Phụ lục I: the signature image is blue and the seal red, both PNG with a
    transparent background."""

    def test_image_checks(self):
        self.assertEqual(check_transparent_png(demo_material()["signature"], "blue"), [])
        self.assertEqual(check_transparent_png(demo_material()["seal"], "red"), [])
        self.assertEqual(check_transparent_png(demo_material()["seal"], "blue"), ["wrong_colour"])
        self.assertEqual(
            check_transparent_png(_png("RGBA", (20, 40, 180, 255), fmt="JPEG")), ["not_png"]
        )
        self.assertEqual(check_transparent_png(_png("RGB", (20, 40, 180))), ["no_transparency"])
        self.assertEqual(
            check_transparent_png(_png("RGBA", (20, 40, 180, 255), transparent=False)),
            ["no_transparency"],
        )
        self.assertEqual(check_transparent_png(b"not an image"), ["not_png"])

    def test_a_user_signature_must_be_a_blue_transparent_png(self):
        user = self.env.user
        with self.assertRaisesRegex(ValidationError, "must have a transparent background"):
            user.egov_signature_image = base64.b64encode(_png("RGB", (20, 40, 180)))
        with self.assertRaisesRegex(ValidationError, "must be drawn in blue"):
            user.egov_signature_image = base64.b64encode(_png("RGBA", (200, 20, 20, 255)))
        user.egov_signature_image = base64.b64encode(_png("RGBA", (20, 40, 180, 255)))
        self.assertTrue(user.egov_signature_image)

    def test_an_agency_seal_must_be_a_red_transparent_png_of_a_real_size(self):
        company = self.env.company
        with self.assertRaisesRegex(ValidationError, "must be drawn in red"):
            company.egov_seal_image = base64.b64encode(_png("RGBA", (20, 40, 180, 255)))
        with self.assertRaisesRegex(ValidationError, "between 10 and 60 mm"):
            company.egov_seal_diameter_mm = 120
        company.egov_seal_image = base64.b64encode(demo_material()["seal"])
        self.assertTrue(company.egov_seal_image)

    def test_users_set_their_own_signature_image_in_their_preferences(self):
        officer = self.env["res.users"].create(
            {
                "name": "Cán bộ",
                "login": "can_bo_sig",
                "groups_id": [(6, 0, [self.env.ref("base.group_user").id])],
            }
        )
        officer.with_user(officer).write(
            {"egov_signature_image": base64.b64encode(demo_material()["signature"])}
        )
        self.assertTrue(officer.egov_signature_image)
        with self.assertRaises(AccessError):
            officer.with_user(officer).write({"egov_certificate_id": False})


@tagged("post_install", "-at_install")
class TestLegacyImagesMigration(TransactionCase):
    """18.0.1.1.0: the images 18.0.1.0.0 kept on res.users / res.company (readable by every
    user of every agency) move to egov.signing.image, byte for byte."""

    def test_images_stored_on_users_and_companies_move_to_the_guarded_model(self):
        material = demo_material()
        company = self.env["res.company"].create({"name": "Sở Thử nghiệm di chuyển"})
        user = self.env["res.users"].create(
            {
                "name": "Lãnh đạo cũ",
                "login": "legacy_leader",
                "company_id": company.id,
                "company_ids": [(6, 0, company.ids)],
            }
        )
        signature = base64.b64encode(material["signature"])
        seal = base64.b64encode(material["seal"])
        Attachments = self.env["ir.attachment"].sudo()
        Attachments.create(
            {
                "name": "egov_signature_image",
                "res_model": "res.users",
                "res_id": user.id,
                "res_field": "egov_signature_image",
                "datas": signature,
            }
        )
        Attachments.create(
            {
                "name": "egov_seal_image",
                "res_model": "res.company",
                "res_id": company.id,
                "res_field": "egov_seal_image",
                "datas": seal,
            }
        )
        self.assertEqual(move_legacy_images(self.env), 2)
        images = self.env["egov.signing.image"].sudo().search([("company_id", "=", company.id)])
        self.assertEqual(sorted(images.mapped("kind")), ["seal", "signature"])
        by_kind = {image.kind: image for image in images}
        self.assertEqual(by_kind["signature"].user_id, user)
        self.assertEqual(base64.b64decode(by_kind["signature"].image), material["signature"])
        self.assertEqual(base64.b64decode(by_kind["seal"].image), material["seal"])
        left = Attachments.search(
            [
                ("res_field", "in", ["egov_signature_image", "egov_seal_image"]),
                ("res_model", "in", ["res.users", "res.company"]),
            ]
        )
        self.assertFalse(left)
        self.assertEqual(move_legacy_images(self.env), 0, "running it again moves nothing")
