from odoo import api, fields, models


class EgovDocumentPreviewMixin(models.AbstractModel):
    """Read the document where you act on it.

    Shows a document's PDF inline with Odoo's own PDF viewer, never as a download: by default
    the main file in its current version (the signing steps keep the earlier versions aside, so
    the file's content is always the latest one), on request any other PDF file of the same
    document. Nothing is stored: what the user may read is what the record rules of the
    document and its files let him read; a file of another document is never shown here,
    whatever a client sends as ``preview_file_id``.

    A model that uses it says where its document is (``_egov_preview_document_path``).
    """

    _name = "egov.document.preview.mixin"
    _description = "Inline PDF Preview of a Document"

    #: dotted path from the record to the egov.document whose files it shows
    _egov_preview_document_path = "document_id"

    preview_file_id = fields.Many2one(
        "egov.document.file",
        string="PDF File",
        compute="_compute_preview_file_id",
        readonly=False,
        help="The PDF file shown: the main file by default; any other PDF file of the document.",
    )
    preview_document_id = fields.Many2one("egov.document", compute="_compute_preview_file_id")
    preview_file_count = fields.Integer(compute="_compute_preview_file_id")
    preview_pdf = fields.Binary(string="Document Text", compute="_compute_preview_pdf")
    preview_file_checksum = fields.Char(compute="_compute_preview_pdf")

    def onchange(self, values, field_names, fields_spec):
        # the viewer fetches the PDF from its file: only its size travels with a form change
        return super(
            EgovDocumentPreviewMixin, self.with_context(bin_size_preview_pdf=True)
        ).onchange(values, field_names, fields_spec)

    def _egov_preview_depends(self):
        return [self._egov_preview_document_path]

    def _egov_preview_document(self):
        """The saved document whose files this record shows."""
        self.ensure_one()
        return self.mapped(self._egov_preview_document_path)._origin[:1]

    def _egov_preview_files(self):
        """The PDF files of the document the user can read, the main file first."""
        files = self._egov_preview_document().file_ids.filtered(
            lambda file: file.file_format == "pdf"
        )
        return files.sorted(lambda file: (file.role != "main", file.sequence, file.id))

    def _egov_preview_file(self):
        """The file to show: the chosen one when it is a PDF of this document, else the first
        one. Only ids are compared, so a foreign file is never read here."""
        allowed = self._egov_preview_files()
        chosen = self.preview_file_id._origin
        return chosen if chosen and chosen in allowed else allowed[:1]

    @api.depends(lambda self: self._egov_preview_depends())
    def _compute_preview_file_id(self):
        for record in self:
            files = record._egov_preview_files()
            record.preview_document_id = record._egov_preview_document()
            record.preview_file_count = len(files)
            record.preview_file_id = files[:1]

    @api.depends("preview_file_id")
    def _compute_preview_pdf(self):
        for record in self:
            file = record._egov_preview_file()
            record.preview_pdf = file.datas if file else False
            record.preview_file_checksum = file.checksum if file else False
