import base64

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..rules.fileformat import sha256_hex
from .egov_guard import is_system


class EgovDossierFile(models.Model):
    """A file of a document of a closed dossier, kept as it was at closing with its SHA-256
    (NĐ 30/2020 Phụ lục VI: the dossier is the record). The content is an ordinary
    attachment, deduplicated in the filestore with the document's own file."""

    _name = "egov.dossier.file"
    _description = "File Kept in a Dossier"
    _inherit = ["egov.guarded.mixin"]
    _order = "line_id, sequence, id"

    _egov_system_fields = frozenset(
        {
            "line_id",
            "sequence",
            "name",
            "role",
            "datas",
            "sha256",
            "file_size",
            "document_file_id",
        }
    )

    line_id = fields.Many2one(
        "egov.dossier.document", string="Document", required=True, index=True, ondelete="cascade"
    )
    dossier_id = fields.Many2one(related="line_id.dossier_id", store=True, index=True)
    company_id = fields.Many2one(related="line_id.company_id", store=True, index=True)
    sequence = fields.Integer(readonly=True)
    name = fields.Char(string="File Name", required=True, readonly=True)
    role = fields.Char(readonly=True)
    datas = fields.Binary(string="Content", attachment=True, readonly=True)
    sha256 = fields.Char(string="SHA-256", readonly=True, index=True)
    file_size = fields.Integer(string="Size (bytes)", readonly=True)
    document_file_id = fields.Many2one("egov.document.file", readonly=True, ondelete="set null")

    @api.model_create_multi
    def create(self, vals_list):
        if not is_system(self.env):
            raise UserError(
                self.env._("The files of a dossier are kept when it closes, never added by hand.")
            )
        for vals in vals_list:
            if vals.get("datas") and not vals.get("sha256"):
                raw = base64.b64decode(vals["datas"])
                vals.update({"sha256": sha256_hex(raw), "file_size": len(raw)})
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not is_system(self.env):
            raise UserError(
                self.env._(
                    "The files kept in a dossier are removed only by an approved destruction."
                )
            )

    def _egov_content(self, record=None):
        """The raw bytes of this kept file (or of ``record``'s ``datas``), b'' when gone."""
        record = record if record is not None else self
        record = record.sudo()
        return base64.b64decode(record.datas) if record.datas else b""
