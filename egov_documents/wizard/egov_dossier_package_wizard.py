import base64

from odoo import fields, models
from odoo.exceptions import UserError


class EgovDossierPackageWizard(models.TransientModel):
    """Verify a dossier package against its SHA-256 manifest, or import it as a closed
    dossier of the current agency."""

    _name = "egov.dossier.package.wizard"
    _description = "Verify or Import a Dossier Package"

    mode = fields.Selection(
        [("verify", "Verify"), ("import", "Import")], required=True, default="verify"
    )
    package = fields.Binary(required=True)
    package_name = fields.Char()
    result = fields.Text(readonly=True)
    problem_count = fields.Integer(readonly=True)
    dossier_id = fields.Many2one("egov.dossier", readonly=True)

    def _package_bytes(self):
        self.ensure_one()
        if not self.package:
            raise UserError(self.env._("Upload the package (.zip) first."))
        return base64.b64decode(self.package)

    def action_verify(self):
        self.ensure_one()
        problems = self.env["egov.dossier"]._egov_package_problem_messages(self._package_bytes())
        self.write(
            {
                "problem_count": len(problems),
                "result": "\n".join(problems)
                if problems
                else self.env._(
                    "The package is intact: every file matches its SHA-256 in the manifest and the metadata are valid."
                ),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Verify Dossier Package"),
        }

    def action_import(self):
        self.ensure_one()
        dossier = self.env["egov.dossier"]._egov_import_package(self._package_bytes())
        return dossier._egov_form_action()
