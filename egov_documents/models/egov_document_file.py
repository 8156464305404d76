import base64
import binascii

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..rules.errors import RuleError
from ..rules.fileformat import ALLOWED_FORMATS, MIMETYPES, check_file, sha256_hex
from .egov_guard import is_system

FILE_ROLES = [
    ("main", "Main Document"),
    ("appendix", "Appendix"),
    ("attachment", "Attached File"),
    ("digitised", "Digitised Paper Original"),
]


class EgovDocumentFile(models.Model):
    """A file of a document. Its format is checked from its content, not its name,
    against the formats the regulations allow (Kon Tum Điều 11.3)."""

    _name = "egov.document.file"
    _inherit = ["egov.guarded.mixin"]
    _description = "Document File"
    _order = "document_id, sequence, id"

    # Describes the content; computed from it, never given.
    _egov_system_fields = frozenset({"file_format", "mimetype", "file_size", "checksum", "version"})

    document_id = fields.Many2one("egov.document", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="document_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="File Name", required=True)
    datas = fields.Binary(string="File", attachment=True, required=True)
    role = fields.Selection(FILE_ROLES, default="main", required=True)
    file_format = fields.Selection(
        [(fmt, fmt.upper()) for fmt in ALLOWED_FORMATS], string="Format", readonly=True
    )
    mimetype = fields.Char(readonly=True)
    file_size = fields.Integer(string="Size (bytes)", readonly=True)
    checksum = fields.Char(string="SHA-256", readonly=True, index="btree_not_null")
    version = fields.Integer(default=1, readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        self._egov_check_create_vals(vals_list)
        if not is_system(self.env):
            documents = self.env["egov.document"].browse(
                {vals.get("document_id") for vals in vals_list if vals.get("document_id")}
            )
            documents.check_access("write")
            documents._egov_check_files_editable("create")
        for vals in vals_list:
            self._egov_check_and_describe(vals)
        return super(EgovDocumentFile, self._egov_system()).create(vals_list).with_env(self.env)

    def write(self, vals):
        if not is_system(self.env):
            given = self._egov_system_fields & set(vals)
            if given:
                raise UserError(self._egov_guarded_message(sorted(given)))
            if "document_id" in vals and any(
                file.document_id.id != vals["document_id"] for file in self
            ):
                raise UserError(self.env._("A file stays with its document."))
            if set(vals) - {"sequence"}:
                self.document_id._egov_check_files_editable()
        vals = dict(vals)
        if "datas" in vals or "name" in vals:
            for file in self:
                merged = {"name": file.name, **vals}
                if "datas" not in merged:
                    merged["datas"] = file.datas
                self._egov_check_and_describe(merged)
                vals.update(
                    {
                        key: merged[key]
                        for key in ("file_format", "mimetype", "file_size", "checksum")
                    }
                )
            if "datas" in vals:
                vals["version"] = max(self.mapped("version") or [0]) + 1
        # the description follows the content: written here, never by the caller
        return super(EgovDocumentFile, self._egov_system()).write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_while_editable(self):
        if not is_system(self.env):
            self.document_id._egov_check_files_editable("unlink")

    @api.model
    def _egov_check_and_describe(self, vals):
        """Refuse a file whose content is not an allowed format, or whose name claims
        another format; describe the accepted one (format, type, size, SHA-256)."""
        name = vals.get("name") or ""
        encoded = vals.get("datas")
        try:
            raw = base64.b64decode(encoded or b"", validate=True)
        except (binascii.Error, ValueError) as error:
            raise ValidationError(
                self.env._(
                    "File %(name)s could not be read: its content is not valid base64.", name=name
                )
            ) from error
        try:
            # Size limit per file in bytes; unset or 0: the engine's default (50 MB).
            max_size = (
                self.env["ir.config_parameter"].sudo().get_param("egov_documents.max_file_size")
            )
            file_format = check_file(name, raw, max_size=int(max_size or 0) or None)
        except RuleError as error:
            raise ValidationError(self.env._(error.template, **error.params)) from error
        vals.update(
            {
                "file_format": file_format,
                "mimetype": MIMETYPES[file_format],
                "file_size": len(raw),
                "checksum": sha256_hex(raw),
            }
        )
        return vals
