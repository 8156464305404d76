from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import EgovCase


@tagged("post_install", "-at_install")
class TestAgencyCodes(EgovCase):
    """QCVN 102:2016 and QĐ 20/2020 identifier codes of agencies."""

    def test_qcvn102_code_wrong_shape_is_refused_with_the_expected_pattern(self):
        with self.assertRaisesRegex(ValidationError, "000.00.00.H53") as caught:
            self.env["res.partner"].create(
                {"name": "Sở X", "is_agency": True, "code_qcvn102": "00.000.00.H53"}
            )
        self.assertIn("00.000.00.H53", str(caught.exception))

    def test_qcvn102_code_wrong_length_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "13"):
            self.env["res.partner"].create(
                {"name": "Sở X", "is_agency": True, "code_qcvn102": "000.00.00.H5"}
            )

    def test_qd20_code_with_empty_group_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "H53..12"):
            self.env["res.partner"].create(
                {"name": "Sở X", "is_agency": True, "code_qd20": "H53..12"}
            )

    def test_qd20_code_with_more_than_four_levels_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "at most 4 levels"):
            self.env["res.partner"].create(
                {"name": "Sở X", "is_agency": True, "code_qd20": "H53.01.02.003.04"}
            )

    def test_codes_are_normalised_to_upper_case(self):
        partner = self.env["res.partner"].create(
            {
                "name": "UBND xã",
                "is_agency": True,
                "code_qcvn102": " 001.03.12.h98 ",
                "code_qd20": "h98.12.03",
            }
        )
        self.assertRecordValues(
            partner, [{"code_qcvn102": "001.03.12.H98", "code_qd20": "H98.12.03"}]
        )

    @mute_logger("odoo.sql_db")
    def test_duplicate_qcvn102_code_is_refused(self):
        with self.assertRaises(IntegrityError) as caught, self.cr.savepoint():
            self.env["res.partner"].create(
                {"name": "Trùng mã", "is_agency": True, "code_qcvn102": "000.00.12.H98"}
            )
        self.assertIn("code_qcvn102_unique", str(caught.exception))

    def test_agency_found_by_identifier_code(self):
        found = self.env["res.partner"].name_search("000.00.15.H98")
        self.assertEqual([pid for pid, _name in found], [self.agency_b.partner_id.id])
        found = self.env["res.partner"].name_search("H98.12")
        self.assertIn(self.agency_a.partner_id.id, [pid for pid, _name in found])

    def test_company_is_an_agency_with_codes_on_its_partner(self):
        self.assertRecordValues(
            self.agency_a.partner_id,
            [
                {
                    "is_agency": True,
                    "code_qcvn102": "000.00.12.H98",
                    "agency_abbreviation": "SNV",
                    "agency_parent_id": self.province.id,
                }
            ],
        )

    def test_abbreviation_with_space_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "U BND"):
            self.env["res.partner"].create(
                {"name": "Sở Y", "is_agency": True, "agency_abbreviation": "U BND"}
            )
