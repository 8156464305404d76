from odoo import fields, models
from odoo.exceptions import UserError

from ..rules.errors import RuleError
from ..rules.numbering import format_number, make_notation
from ..rules.worktime import to_local


class EgovDocument(models.Model):
    """Outgoing and internal documents: number and notation (NĐ 30/2020 Điều 15)."""

    _inherit = "egov.document"

    def action_assign_number(self):
        """The clerk gives each signed document the next number of its register for this
        year, its notation and its date (cấp số, thời gian ban hành)."""
        self._egov_check_group("egov_documents.group_egov_clerk", self.env._("number outgoing documents"))
        if any(document.direction == "incoming" for document in self):
            raise UserError(self.env._("Incoming documents are registered, not numbered."))
        self._egov_check_move("numbered")
        today = to_local(fields.Datetime.now()).date()
        for document in self:
            register = document.register_id or self.env["egov.register"]._find_for(
                document.company_id,
                document.direction,
                document.document_type_id,
                confidential=document.confidentiality != "normal",
            )
            notation = document._egov_make_notation()
            entry = register._take_number(document, today)
            document._egov_move(
                "numbered",
                {
                    "register_id": register.id,
                    "register_entry_id": entry.id,
                    "number": format_number(entry.number),
                    "notation": notation,
                    "issued_date": today,
                },
            )
        return True

    def _egov_make_notation(self):
        """Ký hiệu: type abbreviation + agency abbreviation (QĐ-UBND); for công văn the
        agency abbreviation + the drafting unit's (UBND-VX)."""
        self.ensure_one()
        document_type = self.document_type_id
        agency_abbreviation = self.company_id.agency_abbreviation
        if not agency_abbreviation:
            raise UserError(
                self.env._(
                    "Agency %(agency)s has no abbreviation: set it before numbering documents.",
                    agency=self.company_id.name,
                )
            )
        unit_abbreviation = None
        if document_type.notation_uses_unit:
            unit_abbreviation = self.department_id.egov_abbreviation
            if not unit_abbreviation:
                raise UserError(
                    self.env._(
                        "A %(type)s takes the drafting unit's abbreviation in its notation: set "
                        "the drafting unit of %(document)s and its abbreviation.",
                        type=document_type.name,
                        document=self.display_name,
                    )
                )
        try:
            return make_notation(
                None if document_type.notation_uses_unit else document_type.abbreviation,
                agency_abbreviation,
                unit_abbreviation,
            )
        except RuleError as error:
            raise UserError(self.env._(error.template, **error.params)) from error
