import base64
import logging

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..pades import InvalidPdfError, verify_pdf
from ..pades.timeutil import iso_vn

_logger = logging.getLogger(__name__)

SIGNATURE_STATUSES = [
    ("unchecked", "Not Checked"),
    ("valid", "Valid"),
    ("unsigned", "Not Signed"),
    ("indeterminate", "Indeterminate"),
    ("untrusted", "Untrusted"),
    ("not_yet_valid", "Certificate Not Yet Valid"),
    ("expired", "Certificate Expired"),
    ("revoked", "Certificate Revoked"),
    ("modified", "Modified After Signing"),
    ("invalid", "Invalid"),
]
#: worst first: a document takes the worst status of its files
WORST_FIRST = (
    "invalid",
    "modified",
    "revoked",
    "expired",
    "not_yet_valid",
    "untrusted",
    "indeterminate",
    "unsigned",
    "valid",
)
#: statuses that fail the receipt check (Kon Tum Điều 8.2: the document goes back): every
#: status worse than "unsigned"
FAILED_STATUSES = WORST_FIRST[: WORST_FIRST.index("unsigned")]
#: engine status of one signature → document status
_FROM_ENGINE = {
    "invalid_integrity": "invalid",
    "modified": "modified",
    "revoked": "revoked",
    "expired": "expired",
    "not_yet_valid": "not_yet_valid",
    "untrusted": "untrusted",
    "indeterminate": "indeterminate",
    "valid": "valid",
}
ELECTRONIC_CHANNELS = ("axis", "internal", "email")


def _sentence(text):
    return text[:1].upper() + text[1:]


def _worst(statuses):
    statuses = set(statuses)
    return next((status for status in WORST_FIRST if status in statuses), None)


class EgovDocument(models.Model):
    """Verification of the digital signatures of a document's PDF files (NĐ 30/2020 Điều
    21.2: authenticity and integrity checked on receipt; Kon Tum Điều 8.2: a document whose
    signature fails goes back to its sender). Runs when an incoming document arrives with
    files, when files are added to it, after each signing step of an outgoing document, and
    on demand."""

    _inherit = "egov.document"

    signature_status = fields.Selection(
        SIGNATURE_STATUSES,
        default="unchecked",
        required=True,
        index=True,
        readonly=True,
        copy=False,
        tracking=True,
        help="The worst result among the document's PDF files: the main file must be signed; "
        "a signature on any file that does not hold makes the document fail the check.",
    )
    signature_report = fields.Html(
        string="Signature Report",
        readonly=True,
        copy=False,
        sanitize=True,
        help="Who signed each file, when (ISO 8601, +07:00), with a certificate from which "
        "authority, and what is wrong if anything.",
    )
    signature_result = fields.Json(readonly=True, copy=False)
    signature_checked_at = fields.Datetime(
        string="Signatures Checked On", readonly=True, copy=False
    )

    _egov_signing_system_fields = frozenset(
        {
            "signature_status",
            "signature_report",
            "signature_result",
            "signature_checked_at",
            "org_signed_at",
            "org_signed_by_id",
        }
    )

    # --- Guarded fields --------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.context.get("egov_system_write"):
            for vals in vals_list:
                guarded = self._egov_signing_system_fields & set(vals)
                if guarded:
                    raise UserError(self._egov_guarded_message(sorted(guarded)))
        skip = self.env.context.get("egov_skip_signature_check")
        documents = (
            super(EgovDocument, self.with_context(egov_skip_signature_check=True))
            .create(vals_list)
            .with_env(self.env)
        )
        if not skip:
            documents.filtered(
                lambda d: d.direction == "incoming" and d.file_ids
            )._egov_verify_signatures()
        return documents

    def write(self, vals):
        if not self.env.context.get("egov_system_write"):
            guarded = self._egov_signing_system_fields & set(vals)
            if guarded:
                raise UserError(self._egov_guarded_message(sorted(guarded)))
        return super().write(vals)

    # --- Verification --------------------------------------------------------------------
    def action_verify_signatures(self):
        """Check the signatures of every PDF file again (button "Verify Signatures")."""
        self.check_access("read")
        self._egov_verify_signatures()
        return True

    def _egov_recheck_on_file_change(self):
        """Files were added, replaced or removed: check arrived incoming documents again."""
        if self.env.context.get("egov_skip_signature_check"):
            return
        self.filtered(
            lambda d: d.direction == "incoming" and d.incoming_state == "arrived"
        )._egov_verify_signatures()

    def _egov_verify_signatures(self):
        """Verify every PDF file with the engine against the agency's trust settings and
        store the status, the readable report and the machine-readable result."""
        materials = {}
        now = fields.Datetime.now()
        for document in self.sudo():
            company = document.company_id
            if company not in materials:
                materials[company] = company._egov_signing_profile()._egov_validation_material()
            files = []
            for file in document.file_ids.sorted(lambda f: (f.role != "main", f.sequence, f.id)):
                files.append(document._egov_verify_file(file, materials[company]))
            status = document._egov_overall_signature_status(files)
            result = {"status": status, "checked_at": iso_vn(now), "files": files}
            document.with_context(egov_system_write=True).write(
                {
                    "signature_status": status,
                    "signature_result": result,
                    "signature_report": document._egov_render_signature_report(result),
                    "signature_checked_at": now,
                }
            )
            _logger.info("Document %s: signatures checked, %s", document.id, status)
        return True

    @api.model
    def _egov_verify_file(self, file, material):
        entry = {"file_id": file.id, "name": file.name, "role": file.role, "version": file.version}
        if file.file_format != "pdf":
            return {**entry, "status": "not_pdf"}
        data = base64.b64decode(file.with_context(bin_size=False).datas or b"")
        try:
            result = verify_pdf(data, material)
        except InvalidPdfError:
            # a file with no trace of a signature is simply unsigned; one that has a
            # signature dictionary but cannot be read is broken
            if b"/ByteRange" in data:
                return {**entry, "status": "invalid", "error": "unreadable"}
            return {**entry, "status": "unsigned", "error": "unreadable"}
        if result.verdict == "unsigned":
            status = "unsigned"
        elif result.verdict == "valid":
            status = "valid"
        else:
            status = (
                _worst(_FROM_ENGINE.get(s.status, "invalid") for s in result.signatures)
                or "invalid"
            )
            status = "invalid" if status == "valid" else status
        return {**entry, "status": status, "result": result.to_dict()}

    @api.model
    def _egov_overall_signature_status(self, files):
        """The main file must be signed; a signature that fails on any file fails the
        document; an unsigned appendix does not."""
        pdfs = [f for f in files if f["status"] != "not_pdf"]
        if not pdfs:
            return "unsigned"
        mains = [f for f in pdfs if f["role"] == "main"] or pdfs
        statuses = [f["status"] for f in mains]
        statuses += [f["status"] for f in pdfs if f not in mains and f["status"] != "unsigned"]
        return _worst(statuses) or "unsigned"

    # --- Receipt check and registration ----------------------------------------------------
    def _egov_integrity_problems(self):
        problems = super()._egov_integrity_problems()
        if self.direction != "incoming":
            return problems
        if self.signature_status == "unchecked":
            self._egov_verify_signatures()
        return problems + self._egov_signature_problems()

    def _egov_signature_failed(self):
        self.ensure_one()
        if self.signature_status in FAILED_STATUSES:
            return True
        profile = self.company_id._egov_signing_profile()
        return bool(
            self.signature_status == "unsigned"
            and profile.refuse_unsigned_electronic
            and self.arrival_channel in ELECTRONIC_CHANNELS
        )

    def _egov_signature_problems(self):
        """Readable reasons why the signature check fails (empty when it passes)."""
        self.ensure_one()
        if not self._egov_signature_failed():
            return []
        problems = []
        for file in (self.signature_result or {}).get("files", []):
            if file["status"] in FAILED_STATUSES:
                if file.get("error") == "unreadable":
                    problems.append(
                        self.env._("%(file)s: the PDF file cannot be read.", file=file["name"])
                    )
                for signature in (file.get("result") or {}).get("signatures", []):
                    errors = [p for p in signature["problems"] if p["severity"] == "error"]
                    if errors:
                        problems.append(
                            self.env._(
                                "%(file)s, %(signature)s: %(problems)s",
                                file=file["name"],
                                signature=self._egov_signature_label(signature),
                                problems=" ".join(
                                    self._egov_problem_text(p, signature) for p in errors
                                ),
                            )
                        )
        if self.signature_status == "unsigned":
            problems.append(
                self.env._(
                    "The main file carries no digital signature, although the "
                    "document was received electronically."
                )
            )
        return problems or [
            dict(self._fields["signature_status"]._description_selection(self.env))[
                self.signature_status
            ]
        ]

    def action_register(self):
        """Refuse to register a document whose signature check failed: it is returned to
        its sender instead (Kon Tum Điều 8.2)."""
        self._egov_check_group(
            "egov_documents.group_egov_clerk", self.env._("register incoming documents")
        )
        for document in self.filtered(lambda d: d.direction == "incoming"):
            problems = document._egov_integrity_problems()
            if problems:
                raise UserError(
                    self.env._(
                        "%(document)s cannot be registered: the check of its digital signatures "
                        "failed (%(status)s).\n%(problems)s\nReturn it to its sender with the button "
                        "“Return to Sender (Signature Failed)” (Kon Tum Điều 8.2).",
                        document=document.display_name,
                        status=dict(
                            self._fields["signature_status"]._description_selection(self.env)
                        )[document.signature_status],
                        problems="\n".join(f"- {problem}" for problem in problems),
                    )
                )
        return super().action_register()

    def _egov_signature_return_reason(self):
        self.ensure_one()
        return self.env._(
            "The digital signature of the document failed the receipt check:\n%(problems)s",
            problems="\n".join(f"- {problem}" for problem in self._egov_signature_problems()),
        )

    def action_return_signature_failed(self):
        """Open the return wizard with the reason taken from the signature report."""
        self.ensure_one()
        if not self._egov_signature_failed():
            raise UserError(
                self.env._(
                    "The signatures of %(document)s passed the check.", document=self.display_name
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Return to Sender"),
            "res_model": "egov.reason.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_action": "return_to_sender",
                "default_document_ids": [self.id],
                "default_reason": self._egov_signature_return_reason(),
            },
        }

    # --- Words -----------------------------------------------------------------------------
    def _egov_signature_label(self, signature):
        field_name = signature.get("field_name") or ""
        who = signature.get("signer_name") or "?"
        if field_name.startswith("EgovSigner"):
            return self.env._("approval signature of %(who)s", who=who)
        if field_name.startswith("EgovOrganisation"):
            return self.env._("organisation signature of %(who)s", who=who)
        if field_name.startswith(("EgovAttachment", "EgovDigitised")):
            return self.env._("organisation signature of %(who)s on a separate file", who=who)
        if signature.get("kind") == "timestamp":
            return self.env._("document timestamp of %(who)s", who=who)
        return self.env._("signature of %(who)s", who=who)

    def _egov_change_text(self, level):
        return {
            "form_filling": self.env._("filling in form fields (number and date)"),
            "annotations": self.env._("annotations"),
            "lta_updates": self.env._("validation data"),
            "other": self.env._("other changes"),
        }.get(level, level or "")

    def _egov_problem_text(self, problem, signature=None):
        """One finding of the engine in words, by its stable code."""
        params = problem.get("params") or {}
        signature = signature or {}
        _ = self.env._
        texts = {
            "digest_mismatch": lambda: _("The signed content was changed after signing."),
            "signature_invalid": lambda: _("The cryptographic signature is not valid."),
            "coverage_incomplete": lambda: _("The signature does not cover the whole file."),
            "validation_error": lambda: _("The signature could not be checked."),
            "modified_after_signing": lambda: _(
                "The document was changed after signing in a way that is not permitted (%(change)s).",
                change=self._egov_change_text(params.get("modification_level")),
            ),
            "cert_revoked": lambda: _(
                "The signer's certificate was revoked on %(date)s.",
                date=params.get("revocation_date") or "?",
            ),
            "revoked_no_timestamp": lambda: _(
                "The signer's certificate is revoked (since %(date)s) and no trusted timestamp "
                "proves the signature is older.",
                date=params.get("revocation_date") or "?",
            ),
            "cert_expired": lambda: _(
                "The signer's certificate had expired at the signing time (valid until %(date)s).",
                date=params.get("not_after") or "?",
            ),
            "cert_not_yet_valid": lambda: _(
                "The signer's certificate was not yet valid at the signing time (valid from %(date)s).",
                date=params.get("not_before") or "?",
            ),
            "untrusted_chain": lambda: _(
                "The certificate, issued by %(issuer)s, does not chain to a trusted root.",
                issuer=signature.get("issuer_name") or "?",
            ),
            "key_usage_not_allowed": lambda: _("The certificate is not allowed to sign documents."),
            "weak_algorithm": lambda: _("A weak or forbidden algorithm is used."),
            "chain_validation_failed": lambda: _("The certificate chain is not valid."),
            "timestamp_invalid": lambda: _("The signature timestamp is not valid or not trusted."),
            "revocation_unknown": lambda: _(
                "The revocation status of the certificate could not be determined."
            ),
            "signing_time_unverified": lambda: _(
                "No trusted timestamp: the signing time is the signer's claim."
            ),
            "changes_after_signature": lambda: _(
                "Later changes are permitted ones (%(change)s).",
                change=self._egov_change_text(params.get("modification_level")),
            ),
            "no_signatures": lambda: _("The file has no digital signature."),
            "unsigned_changes_after_last_signature": lambda: _(
                "The file was changed after the last signature."
            ),
        }
        text = texts.get(problem.get("code"))
        return text() if text else problem.get("message", "")

    def _egov_render_signature_report(self, result):
        labels = dict(self._fields["signature_status"]._description_selection(self.env))
        roles = dict(
            self.env["egov.document.file"]._fields["role"]._description_selection(self.env)
        )

        def badge(status):
            colour = (
                "success"
                if status == "valid"
                else ("danger" if status in FAILED_STATUSES else "secondary")
            )
            label = labels.get(status) or self.env._("Not a PDF")
            return Markup('<span class="badge text-bg-%s">%s</span>') % (colour, label)

        parts = [
            Markup("<p>%s</p>")
            % self.env._(
                "Checked on %(time)s against the trust roots of %(agency)s: %(status)s.",
                time=result["checked_at"],
                agency=self.company_id.name,
                status=labels[result["status"]],
            )
        ]
        if not result["files"]:
            parts.append(Markup("<p>%s</p>") % self.env._("The document has no file."))
        for file in result["files"]:
            parts.append(
                Markup("<p><strong>%s</strong> (%s, %s) %s</p>")
                % (
                    file["name"],
                    roles.get(file["role"], file["role"]),
                    self.env._("version %(version)s", version=file["version"]),
                    badge(file["status"]),
                )
            )
            items = []
            if file["status"] == "not_pdf":
                items.append(escape(self.env._("Not a PDF file: no digital signature to check.")))
            elif file.get("error") == "unreadable":
                items.append(escape(self.env._("The PDF file cannot be read.")))
            result_data = file.get("result") or {}
            if result_data.get("verdict") == "unsigned":
                items.append(escape(self.env._("The file has no digital signature.")))
            for signature in result_data.get("signatures", []):
                items.append(self._egov_render_signature(signature, labels))
            for problem in result_data.get("problems", []):
                if problem["code"] != "no_signatures":
                    items.append(escape(self._egov_problem_text(problem)))
            if items:
                parts.append(
                    Markup("<ul>%s</ul>")
                    % Markup("").join(Markup("<li>%s</li>") % item for item in items)
                )
        return Markup("").join(parts)

    def _egov_render_signature(self, signature, labels):
        status = _FROM_ENGINE.get(signature["status"], "invalid")
        when = signature.get("signing_time") or "?"
        origin = (
            self.env._("trusted timestamp")
            if signature.get("signing_time_source") == "timestamp"
            else self.env._("time claimed by the signer")
        )
        coverage = {
            "entire_file": self.env._("It covers the whole file."),
            "entire_revision": self.env._(
                "It covers its revision; the later changes (%(change)s) are %(permitted)s.",
                change=self._egov_change_text(signature.get("modification_level")),
                permitted=self.env._("permitted")
                if signature.get("changes_permitted")
                else self.env._("not permitted"),
            ),
        }.get(signature.get("coverage"), self.env._("It does not cover its revision."))
        text = self.env._(
            "%(label)s, signed on %(time)s (%(origin)s), certificate issued by %(issuer)s "
            "(serial %(serial)s), PAdES %(level)s. %(coverage)s",
            label=_sentence(self._egov_signature_label(signature)),
            time=when,
            origin=origin,
            issuer=signature.get("issuer_name") or "?",
            serial=signature.get("serial_number") or "?",
            level=signature.get("level") or "-",
            coverage=coverage,
        )
        body = Markup("%s %s") % (
            text,
            Markup('<span class="badge text-bg-%s">%s</span>')
            % ("success" if status == "valid" else "danger", labels[status]),
        )
        problems = [
            p for p in signature.get("problems", []) if p["code"] != "changes_after_signature"
        ]
        if problems:
            body += Markup("<ul>%s</ul>") % Markup("").join(
                Markup("<li>%s</li>") % self._egov_problem_text(p, signature) for p in problems
            )
        return body
