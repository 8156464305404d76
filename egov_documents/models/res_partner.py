from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..rules.errors import RuleError
from ..rules.identifiers import check_qcvn102, check_qd20, normalize_code

AGENCY_LEVELS = [
    ("central", "Central (ministry, government body)"),
    ("province", "Province"),
    ("department", "Department / District"),
    ("commune", "Commune / Ward"),
    ("unit", "Attached unit"),
]


class ResPartner(models.Model):
    """An agency of the national directory (cơ quan), internal or external.

    Every agency carries both identifier codes: QCVN 102:2016 (``code_qcvn102``, the
    code used on the axis today) and QĐ 20/2020/QĐ-TTg (``code_qd20``).
    """

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    # Agencies are found by either identifier code as well as by name.
    _rec_names_search = [
        "complete_name",
        "email",
        "ref",
        "vat",
        "company_registry",
        "code_qcvn102",
        "code_qd20",
    ]

    # the document search box matches the issuing agency's name among ~111k directory entries
    name = fields.Char(index="trigram")
    is_agency = fields.Boolean(string="Is an Agency", index=True)
    code_qcvn102 = fields.Char(
        string="Identifier Code (QCVN 102)",
        size=13,
        index="btree_not_null",
        help="Agency identifier code under QCVN 102:2016, e.g. 000.00.00.H53.",
    )
    code_qd20 = fields.Char(
        string="Identifier Code (QĐ 20/2020)",
        size=35,
        index="btree_not_null",
        help="Electronic identifier code under Decision 20/2020/QĐ-TTg, e.g. H53.12.",
    )
    agency_abbreviation = fields.Char(
        help="Used in document notations, e.g. UBND in 15/QĐ-UBND.",
    )
    agency_level = fields.Selection(AGENCY_LEVELS)
    agency_parent_id = fields.Many2one(
        "res.partner",
        string="Parent Agency",
        domain=[("is_agency", "=", True)],
        index="btree_not_null",
    )

    _sql_constraints = [
        (
            "code_qcvn102_unique",
            "UNIQUE(code_qcvn102)",
            "Another agency already has this QCVN 102 identifier code.",
        ),
        (
            "code_qd20_unique",
            "UNIQUE(code_qd20)",
            "Another agency already has this QĐ 20/2020 identifier code.",
        ),
    ]

    @api.model
    def _egov_normalize_codes(self, vals):
        for field_name in ("code_qcvn102", "code_qd20"):
            if field_name in vals:
                vals[field_name] = normalize_code(vals[field_name]) or False
        if vals.get("agency_abbreviation"):
            vals["agency_abbreviation"] = vals["agency_abbreviation"].strip()
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._egov_normalize_codes(vals)
        return super().create(vals_list)

    def write(self, vals):
        return super().write(self._egov_normalize_codes(dict(vals)))

    @api.constrains("code_qcvn102", "code_qd20")
    def _check_identifier_codes(self):
        for partner in self:
            try:
                if partner.code_qcvn102:
                    check_qcvn102(partner.code_qcvn102)
                if partner.code_qd20:
                    check_qd20(partner.code_qd20)
            except RuleError as error:
                raise ValidationError(self.env._(error.template, **error.params)) from error

    @api.constrains("agency_abbreviation")
    def _check_agency_abbreviation(self):
        for partner in self.filtered("agency_abbreviation"):
            if any(char in partner.agency_abbreviation for char in " /"):
                raise ValidationError(
                    self.env._(
                        "The abbreviation %(abbreviation)s of %(agency)s may not contain spaces "
                        "or '/': it becomes part of document notations such as 15/QĐ-UBND.",
                        abbreviation=partner.agency_abbreviation,
                        agency=partner.display_name,
                    )
                )

    @api.constrains("agency_parent_id")
    def _check_agency_parent(self):
        if self._has_cycle("agency_parent_id"):
            raise ValidationError(self.env._("An agency cannot be its own parent agency."))
