import base64

from odoo import fields, models
from odoo.exceptions import UserError

from .egov_dossier_engine import engine
from .egov_guard import system_env

CLERK = "egov_documents.group_egov_clerk"
AGENCY_LEADER = "egov_documents.group_egov_agency_leader"
PACKAGE_STATES = ("closed", "archived", "destruction_pending")


class EgovDossier(models.Model):
    """The package of a closed dossier (NĐ 30/2020 Phụ lục VI Mục III): a PDF index, the
    XML metadata, the files and a SHA-256 manifest, built by the pure engine
    (``egov_documents/dossier``) from what the dossier kept at closing; its verification;
    and its import, which recreates the dossier so that exporting it again gives the same
    bytes."""

    _inherit = "egov.dossier"  # pylint: disable=consider-merging-classes-inherited

    # --- Export -------------------------------------------------------------------------------
    def _egov_package_meta(self):
        self.ensure_one()
        return engine().DossierMeta(
            organ_id=self.organ_code or "",
            organ_name=self.organ_name or "",
            file_catalog=self.year,
            file_notation=self.notation,
            title=self.title,
            maintenance=self.maintenance,
            rights=self.rights,
            creator=self.creator or "",
            language=self.language,
            start_date=self.start_date,
            end_date=self.end_date or self.start_date,
            description=self.description or "",
            maintenance_years=self.maintenance_years or None,
        )

    def _egov_package_entries(self):
        self.ensure_one()
        eng = engine()
        entries = []
        for line in self.sudo().document_ids.sorted("ordinal"):
            files = tuple(
                eng.PackageFile(kept.name, kept._egov_content(), role=kept.role or "main")
                for kept in line.file_ids.sorted(lambda f: (f.sequence, f.id))
            )
            entries.append(
                eng.DocumentEntry(
                    ordinal=line.ordinal,
                    direction=line.direction or "",
                    type_name=line.type_name or "",
                    number=line.number or "",
                    notation=line.notation or "",
                    issued_date=line.issued_date,
                    organ_name=line.organ_name or "",
                    subject=line.subject or "",
                    language=line.language or "vi",
                    page_amount=line.page_amount or 0,
                    description=line.description or "",
                    signer_position=line.signer_position or "",
                    signer_name=line.signer_name or "",
                    arrival_number=line.arrival_number or None,
                    arrival_date=line.arrival_date or None,
                    files=files,
                )
            )
        return entries

    def _egov_build_package(self):
        """The package bytes of this closed dossier (the caller may read it)."""
        self.ensure_one()
        self.check_access("read")
        if self.state not in PACKAGE_STATES:
            raise UserError(
                self.env._(
                    "%(dossier)s is %(state)s: only a closed dossier is exported as a package.",
                    dossier=self.display_name,
                    state=self._egov_state_label("state", self.state),
                )
            )
        try:
            return engine().build_package(self._egov_package_meta(), self._egov_package_entries())
        except engine().PackageError as error:
            raise UserError(self.env._(error.template, **error.params)) from error

    def action_export_package(self):
        """Build the package, keep it as an attachment of the dossier and download it."""
        self.ensure_one()
        data = self._egov_build_package()
        name = f"{self.file_code or self.notation}.zip".replace("/", "-")
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": name,
                    "raw": data,
                    "mimetype": "application/zip",
                    "res_model": self._name,
                    "res_id": self.id,
                    "company_id": self.company_id.id,
                }
            )
        )
        previous = self.package_attachment_id
        system_env(self).write({"package_attachment_id": attachment.id})
        previous.sudo().unlink()
        self.message_post(
            body=self.env._("Package %(name)s exported (SHA-256 manifest included).", name=name)
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    # --- Verification -------------------------------------------------------------------------
    def _egov_package_problem_messages(self, data):
        """The problems of a package as messages for people (empty when it is intact)."""
        return [
            self._egov_package_error_message(problem.code, problem.params, problem.path)
            for problem in engine().verify_package(data)
        ]

    def _egov_package_error_message(self, code, params=None, path=None):
        params = dict(params or {})
        path = path or params.get("path") or params.get("name") or ""
        messages = {
            "file_changed": self.env._(
                "%(path)s was changed: its SHA-256 differs from the manifest.", path=path
            ),
            "file_missing": self.env._(
                "%(path)s is listed in the manifest but missing from the package.", path=path
            ),
            "file_unexpected": self.env._(
                "%(path)s is in the package but not in its manifest.", path=path
            ),
            "file_unlisted": self.env._(
                "%(path)s is in the package but not in its manifest.", path=path
            ),
            "manifest_missing": self.env._("The package has no SHA-256 manifest."),
            "manifest_invalid": self.env._("The SHA-256 manifest of the package cannot be read."),
            "metadata_invalid": self.env._(
                "The dossier metadata of the package are not valid (%(path)s).", path=path or "-"
            ),
            "not_a_package": self.env._("This file is not a dossier package."),
        }
        return messages.get(code) or self.env._(
            "The package is not valid: %(code)s %(path)s", code=code, path=path
        )

    # --- Import -------------------------------------------------------------------------------
    def _egov_import_package(self, data):
        """Recreate a closed dossier from a package in the current agency (clerk or agency
        leader): metadata, documents in order and their files, byte for byte. The imported
        documents are kept as the dossier's records, not as documents of this agency."""
        user = self.env.user
        if not (user.has_group(CLERK) or user.has_group(AGENCY_LEADER)):
            raise UserError(
                self.env._("Only the clerk or an agency leader imports a dossier package.")
            )
        problems = self._egov_package_problem_messages(data)
        if problems:
            raise UserError(
                self.env._(
                    "The package was not imported: %(problems)s", problems=" ".join(problems)
                )
            )
        try:
            meta, entries = engine().read_package(data)
        except engine().PackageError as error:
            raise UserError(self.env._(error.template, **error.params)) from error
        company = self.env.company
        now = fields.Datetime.now()
        # the caller's right was checked above; the dossier and its records are the system's
        dossier = system_env(self.env["egov.dossier"], sudo=True).create(
            {
                "company_id": company.id,
                "organ_code": meta.organ_id,
                "organ_name": meta.organ_name,
                "year": int(meta.file_catalog),
                "notation": meta.file_notation,
                "title": meta.title,
                "maintenance": meta.maintenance,
                "maintenance_years": meta.maintenance_years or 0,
                "rights": meta.rights,
                "creator": meta.creator,
                "language": meta.language,
                "start_date": meta.start_date,
                "end_date": meta.end_date,
                "description": meta.description or False,
                "state": "closed",
                "imported": True,
                "closed_at": now,
                "closed_by_id": user.id,
            }
        )
        Line = system_env(self.env["egov.dossier.document"], sudo=True)
        File = system_env(self.env["egov.dossier.file"], sudo=True)
        for entry in entries:
            line = Line.create(
                {
                    "dossier_id": dossier.id,
                    "ordinal": entry.ordinal,
                    "added_by_id": user.id,
                    "added_at": now,
                    "direction": entry.direction,
                    "type_name": entry.type_name,
                    "number": entry.number,
                    "notation": entry.notation,
                    "issued_date": entry.issued_date,
                    "organ_name": entry.organ_name,
                    "subject": entry.subject,
                    "language": entry.language,
                    "page_amount": entry.page_amount,
                    "description": entry.description or False,
                    "signer_position": entry.signer_position,
                    "signer_name": entry.signer_name,
                    "arrival_number": entry.arrival_number or False,
                    "arrival_date": entry.arrival_date or False,
                }
            )
            File.create(
                [
                    {
                        "line_id": line.id,
                        "sequence": sequence,
                        "name": file.name,
                        "role": file.role,
                        "datas": base64.b64encode(file.content),
                    }
                    for sequence, file in enumerate(entry.files, 1)
                ]
            )
        dossier.message_post(
            body=self.env._("Imported from a package by %(user)s.", user=user.name)
        )
        return dossier.with_env(self.env)
