from odoo import api, fields, models
from odoo.exceptions import UserError

from .egov_guard import is_system

#: the fields the scan wizard may fill in, in the order they are shown
PREFILLABLE_FIELDS = (
    "issuing_agency_id",
    "number",
    "notation",
    "issued_date",
    "document_type_id",
    "subject",
    "signer_competence",
    "signer_position",
    "signer_name",
    "page_count",
)


def pack_fields(names):
    """Field names as stored in ``prefilled_fields``: ",number,subject," (so that a view
    can test ``',number,' in prefilled_fields``), or False when there are none."""
    names = [name for name in PREFILLABLE_FIELDS if name in set(names)]
    return f",{','.join(names)}," if names else False


def unpack_fields(value):
    return [name for name in (value or "").split(",") if name]


class EgovDocument(models.Model):
    """Incoming documents entered from a scan: which fields were filled in by reading the
    file (text layer or OCR) and are not yet checked by the clerk. Checking them is the
    clerk's job, so this is an ordinary field the clerk clears, by editing a field or with
    "Confirm Information"; registration waits until none is left."""

    _inherit = "egov.document"  # pylint: disable=consider-merging-classes-inherited

    prefilled_fields = fields.Char(
        string="Prefilled, To Check",
        copy=False,
        help="Technical: the fields filled in from the scan that the clerk has not yet "
        "checked, as ,field,field,.",
    )
    prefilled_labels = fields.Char(string="Fields to Check", compute="_compute_prefilled_labels")

    @api.depends("prefilled_fields")
    @api.depends_context("lang")
    def _compute_prefilled_labels(self):
        for document in self:
            document.prefilled_labels = ", ".join(
                document._fields[name]._description_string(self.env)
                for name in unpack_fields(document.prefilled_fields)
                if name in document._fields
            )

    def write(self, vals):
        """A clerk who changes a prefilled field has checked it: its mark goes."""
        if not is_system(self.env) and "prefilled_fields" not in vals:
            edited = set(vals) & set(PREFILLABLE_FIELDS)
            marked = self.filtered("prefilled_fields") if edited else self.browse()
            if marked:
                for document in marked:
                    left = [n for n in unpack_fields(document.prefilled_fields) if n not in edited]
                    super(EgovDocument, document).write(
                        {**vals, "prefilled_fields": pack_fields(left)}
                    )
                return super(EgovDocument, self - marked).write(vals) if self - marked else True
        return super().write(vals)

    def action_confirm_prefilled(self):
        """The clerk checked every field filled in from the scan."""
        self._egov_check_group(
            "egov_documents.group_egov_clerk", self.env._("confirm information read from a scan")
        )
        self.check_access("write")
        documents = self.filtered("prefilled_fields")
        for document in documents:
            labels = document.prefilled_labels
            document.write({"prefilled_fields": False})
            document.message_post(
                body=self.env._(
                    "Information read from the scan checked: %(fields)s", fields=labels
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _egov_check_registrable(self):
        result = super()._egov_check_registrable()
        if self.prefilled_fields:
            raise UserError(
                self.env._(
                    "%(document)s has information read from the scan that nobody has checked "
                    "yet: %(fields)s. Check it against the paper and press Confirm Information "
                    "(or correct the fields), then register.",
                    document=self.display_name,
                    fields=self.prefilled_labels,
                )
            )
        return result
