from odoo import api, fields, models
from odoo.modules.db import FunctionStatus
from odoo.osv import expression
from odoo.tools import create_index

from ..rules.text import normalize_text

#: the columns one word of the search box is looked for in, each served by an index
#: (trigram for the texts, btree for the arrival number)
SEARCH_BOX_FIELDS = (
    "subject",
    "number_notation",
    "document_identifier",
    "issuing_agency_id.name",
)


class EgovDocument(models.Model):
    """One search box: whatever a clerk types -- the number alone ("3456"), the notation
    ("BNV-CCVC"), both ("3456/BNV-CCVC"), words of the subject, the issuing agency's name or
    the document identifier -- finds the document when Enter is pressed."""

    _inherit = "egov.document"  # pylint: disable=consider-merging-classes-inherited

    subject = fields.Char(index="trigram")
    search_text = fields.Char(
        string="Number, Notation, Subject or Agency",
        compute="_compute_search_text",
        search="_search_search_text",
        help="Technical: the search box over number, notation, subject, issuing agency and "
        "document identifier.",
    )

    def init(self):
        result = super().init()
        # document identifiers are pasted in part (e.g. "2026/11/16,3456"): a trigram index
        # beside the btree one that serves the duplicate check
        if self.pool.has_trigram:
            column = '"document_identifier"'
            if self.pool.has_unaccent == FunctionStatus.INDEXABLE:
                column = self.pool.unaccent(column)
            create_index(
                self.env.cr,
                "egov_document_identifier_trgm_idx",
                self._table,
                [f"{column} gin_trgm_ops"],
                method="gin",
            )
        return result

    def _compute_search_text(self):
        for document in self:
            document.search_text = False

    @api.model
    def _search_search_text(self, operator, value):
        if operator not in ("ilike", "like", "=", "=ilike") or not isinstance(value, str):
            return expression.FALSE_DOMAIN if operator not in ("!=", "not ilike") else []
        text = normalize_text(value)
        if not text:
            return []
        # every word must be found, each in any of the fields: "3456 BNV" and "cải cách
        # 2026" both narrow down
        return expression.AND([self._egov_search_box_word_domain(word) for word in text.split()])

    @api.model
    def _egov_search_box_word_domain(self, word):
        domains = [[(name, "ilike", word)] for name in SEARCH_BOX_FIELDS]
        if word.isdigit() and len(word) < 10:
            domains.append([("arrival_number", "=", int(word))])
        return expression.OR(domains)
