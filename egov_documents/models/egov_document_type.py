from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EgovDocumentType(models.Model):
    """A type of administrative document (NĐ 30/2020 Điều 7) with its abbreviation
    (Phụ lục III). Công văn and thư công have no abbreviation: their notation is the
    agency's abbreviation followed by the drafting unit's."""

    _name = "egov.document.type"
    _description = "Document Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    abbreviation = fields.Char(
        help="Type abbreviation used in notations, e.g. QĐ in 15/QĐ-UBND. Empty for công văn.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    notation_uses_unit = fields.Boolean(
        string="Notation Uses the Drafting Unit",
        help="Công văn: the notation is agency abbreviation + drafting unit abbreviation, "
        "e.g. 12/UBND-VX.",
    )
    requires_paper = fields.Boolean(
        string="Also Sent on Paper",
        help="Documents of this type are also sent as a paper copy (Tây Ninh 52/2019 "
        "Điều 6.2, Kon Tum Điều 7), e.g. documents submitted to the Government.",
    )
    is_legal_normative = fields.Boolean(
        string="Legal Normative Document (QPPL)",
        help="Văn bản quy phạm pháp luật: its number carries the year, e.g. 05/2019/QĐ-UBND "
        "(Tây Ninh 52/2019 Phụ lục I; NĐ 30/2020 Phụ lục II), and each QPPL kind is numbered in "
        "its own register (NĐ 30/2020 Điều 15.1).",
    )
    edxml_type = fields.Integer(string="edXML Type Code", default=1)
    description = fields.Text()

    _sql_constraints = [
        ("name_unique", "UNIQUE(name)", "A document type with this name already exists."),
    ]

    @api.constrains("abbreviation", "notation_uses_unit")
    def _check_abbreviation(self):
        for document_type in self:
            abbreviation = document_type.abbreviation
            if abbreviation and any(char in abbreviation for char in " /-"):
                raise ValidationError(
                    self.env._(
                        "The abbreviation %(abbreviation)s of document type %(type)s may not "
                        "contain spaces, '/' or '-'.",
                        abbreviation=abbreviation,
                        type=document_type.name,
                    )
                )
            if not abbreviation and not document_type.notation_uses_unit:
                raise ValidationError(
                    self.env._(
                        "Document type %(type)s needs an abbreviation, unless its notation "
                        "uses the drafting unit like a công văn.",
                        type=document_type.name,
                    )
                )
