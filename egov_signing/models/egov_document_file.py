from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.egov_documents.models.egov_guard import is_system

from .egov_document_verification import SIGNED_OUTGOING_STATES

#: what makes a file another file
_CONTENT_FIELDS = frozenset({"datas", "role", "document_id"})


class EgovDocumentFile(models.Model):
    """Files and signatures.

    * Adding, replacing or removing a file checks the signatures of its document again;
      no context a client sends can skip it.
    * The files of a signed outgoing document change only through the signing steps of
      this module (number and date, organisation signature), never by hand.
    * Each signing step keeps the version it replaced (``previous_version_ids``).
    """

    _inherit = "egov.document.file"  # pylint: disable=consider-merging-classes-inherited

    previous_version_ids = fields.Many2many(
        "ir.attachment",
        "egov_document_file_previous_version_rel",
        "file_id",
        "attachment_id",
        string="Earlier Versions",
        readonly=True,
        copy=False,
        help="The versions this file had before each signing step, oldest first.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not is_system(self.env):
            for vals in vals_list:
                if "previous_version_ids" in vals:
                    raise UserError(self._egov_versions_message())
        files = super().create(vals_list)
        files.document_id._egov_recheck_on_file_change()
        return files

    def write(self, vals):
        if not is_system(self.env) and "previous_version_ids" in vals:
            raise UserError(self._egov_versions_message())
        before = self.document_id
        result = super().write(vals)
        if _CONTENT_FIELDS & set(vals):
            (before | self.document_id).exists()._egov_recheck_on_file_change()
        return result

    def unlink(self):
        documents = self.document_id
        result = super().unlink()
        documents.exists()._egov_recheck_on_file_change()
        return result

    def _egov_versions_message(self):
        return self.env._(
            "The earlier versions of a file are kept by the signing steps; they cannot be "
            "changed by hand."
        )


class EgovDocument(models.Model):
    # One concern per file: this part guards the files of a signed document.
    _inherit = "egov.document"  # pylint: disable=consider-merging-classes-inherited

    def _egov_check_files_editable(self, operation="write"):
        """Once a document is to be signed digitally, or carries a digital signature, its
        files change only through the signing steps (number and date, organisation
        signature), never by hand: not even the clerk's digitised original."""
        result = super()._egov_check_files_editable(operation)
        for document in self:
            if (
                document.direction == "incoming"
                or document.outgoing_state not in SIGNED_OUTGOING_STATES
            ):
                continue
            if document._egov_requires_digital_signature() or document.signature_status not in (
                "unchecked",
                "unsigned",
            ):
                raise UserError(
                    self.env._(
                        "%(document)s is signed (%(state)s): its files change only through the "
                        "signing steps (number and date, organisation signature), never by hand; "
                        "to change the content, return it to draft or make a replacing document.",
                        document=document.display_name,
                        state=document._egov_state_label("outgoing_state", document.outgoing_state),
                    )
                )
        return result
