import base64
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html

from odoo.addons.egov_documents.models.egov_guard import Proof, is_system, system_env

from ..pades import InvalidPdfError, verify_pdf
from ..pades.timeutil import iso_vn
from . import signing_messages

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
#: outgoing states in which the files carry (or are about to carry) signatures
SIGNED_OUTGOING_STATES = ("signed", "numbered", "org_signed", "issued", "recalled", "replaced")

#: a signing step or a create that verifies once at its end proves it with this; a client
#: cannot send it (egov_guard.Proof), so it cannot skip a verification
_DEFERRED_CHECK = Proof("egov_signing_deferred_check")


def _checks_deferred(env):
    return _DEFERRED_CHECK.held(env)


def defer_check(records):
    """``records`` in a context where changing files does not verify at once: the caller
    (a private method of this module) verifies when it is done."""
    return _DEFERRED_CHECK.given(records)


def _sentence(text):
    return text[:1].upper() + text[1:]


def _colour(status):
    if status == "valid":
        return "success"
    return "danger" if status in FAILED_STATUSES else "secondary"


def _worst(statuses):
    statuses = set(statuses)
    return next((status for status in WORST_FIRST if status in statuses), None)


class EgovDocument(models.Model):
    """Verification of the digital signatures of a document's PDF files (NĐ 30/2020 Điều
    21.2: authenticity and integrity checked on receipt; Kon Tum Điều 8.2: a document whose
    signature fails goes back to its sender). Runs when an incoming document arrives with
    files, when files are added to it, after each signing step of an outgoing document, and
    on demand."""

    # One concern per file: this part verifies signatures, egov_document_signing makes them.
    _inherit = "egov.document"  # pylint: disable=consider-merging-classes-inherited

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
        compute="_compute_signature_report",
        sanitize=False,
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
            "signed_on_paper",
        }
    )

    # --- Guarded fields --------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not is_system(self.env):
            for vals in vals_list:
                guarded = self._egov_signing_system_fields & set(vals)
                if guarded:
                    raise UserError(self._egov_guarded_message(sorted(guarded)))
        # the files given with the document are checked once, below, not one by one
        documents = super(EgovDocument, defer_check(self)).create(vals_list).with_env(self.env)
        documents.filtered(
            lambda d: d.direction == "incoming" and d.file_ids
        )._egov_verify_signatures()
        return documents

    def write(self, vals):
        if not is_system(self.env):
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
        """Files were added, replaced or removed: check the signatures again, whatever the
        caller sent (only a signing step of this module, which verifies at its end, defers
        it)."""
        if _checks_deferred(self.env):
            return
        self.filtered(
            lambda d: (
                d.direction == "incoming"
                or d.outgoing_state in SIGNED_OUTGOING_STATES
                or d.signature_status != "unchecked"
            )
        )._egov_verify_signatures()

    def _egov_verify_signatures(self):
        """Verify every PDF file with the engine against the agency's trust settings and
        store the status, the readable report and the machine-readable result."""
        materials = {}
        now = fields.Datetime.now()
        for document in self.sudo():
            company = document.company_id
            if company not in materials:
                materials[company] = company._egov_signing_profile()._egov_validation_material(
                    company
                )
            files = []
            for file in document.file_ids.sorted(lambda f: (f.role != "main", f.sequence, f.id)):
                files.append(document._egov_verify_file(file, materials[company]))
            status = document._egov_overall_signature_status(files)
            result = {"status": status, "checked_at": iso_vn(now), "files": files}
            failed_before = document.direction == "incoming" and document._egov_signature_failed()
            system_env(document).write(
                {
                    "signature_status": status,
                    "signature_result": result,
                    "signature_checked_at": now,
                }
            )
            _logger.info("Document %s: signatures checked, %s", document.id, status)
            if (
                document.direction == "incoming"
                and not failed_before
                and document._egov_signature_failed()
            ):
                document._egov_tell_leaders_check_failed()
        return True

    def _egov_tell_leaders_check_failed(self):
        """An incoming document failed the check of its digital signatures: the agency's
        leaders are told, with what the check found (Kon Tum Điều 8.2: "người tiếp nhận văn
        bản báo cáo lãnh đạo cơ quan, tổ chức biết"), besides the return to the sender."""
        self.ensure_one()
        leaders = self._egov_agency_leaders()
        if not leaders:
            return
        labels = dict(self._fields["signature_status"]._description_selection(self.env))
        summary = self.env._(
            "Integrity check failed (%(status)s): %(document)s",
            status=labels.get(self.signature_status, self.signature_status),
            document=self.display_name,
        )
        findings = "\n".join(f"- {problem}" for problem in self._egov_signature_problems())
        self._egov_add_members(leaders, "leader")
        for leader in leaders:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=leader.id,
                summary=summary,
                note=plaintext2html(findings),
            )
        self.message_post(
            body=plaintext2html(
                self.env._(
                    "%(summary)s. The leaders are told; the clerk returns it to its sender.\n"
                    "%(findings)s",
                    summary=summary,
                    findings=findings,
                )
            ),
            partner_ids=leaders.partner_id.ids,
            message_type="notification",
            subtype_xmlid="mail.mt_comment",
        )

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
        if len(self) == 1 and self.signed_on_paper:
            # signed on paper: the digitised original is the signed document
            scans = [f for f in pdfs if f["role"] == "digitised"]
            if scans:
                others = [f for f in pdfs if f not in scans and f["status"] != "unsigned"]
                return _worst(f["status"] for f in scans + others) or "unsigned"
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
                        self.env._(
                            "%(file)s: %(problem)s",
                            file=file["name"],
                            problem=signing_messages.problem_text(self.env, "unreadable"),
                        )
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
        return signing_messages.signature_label(self.env, signature)

    def _egov_change_text(self, level):
        return signing_messages.change_text(self.env, level)

    def _egov_problem_text(self, problem, signature=None):
        """One finding of the engine in words, by its stable code."""
        return signing_messages.problem_text(
            self.env, problem.get("code"), problem.get("params"), signature
        )

    # --- The report, rendered from the stored result in the reader's language -------------
    @api.depends("signature_result", "company_id")
    @api.depends_context("lang")
    def _compute_signature_report(self):
        for document in self:
            result = document.signature_result
            document.signature_report = (
                self.env["ir.qweb"]._render(
                    "egov_signing.signature_report",
                    {"report": document._egov_signature_report_values(result)},
                )
                if result
                else False
            )

    def _egov_signature_report_values(self, result):
        """What the QWeb template lays out: the stored result in words."""
        labels = dict(self._fields["signature_status"]._description_selection(self.env))
        roles = dict(
            self.env["egov.document.file"]._fields["role"]._description_selection(self.env)
        )
        files = []
        for file in result.get("files", []):
            items = []
            if file["status"] == "not_pdf":
                items.append({"text": self.env._("Not a PDF file: no digital signature to check.")})
            elif file.get("error") == "unreadable":
                items.append({"text": self._egov_problem_text({"code": "unreadable"})})
            result_data = file.get("result") or {}
            if result_data.get("verdict") == "unsigned":
                items.append({"text": self._egov_problem_text({"code": "no_signatures"})})
            for signature in result_data.get("signatures", []):
                items.append(self._egov_signature_values(signature, labels))
            for problem in result_data.get("problems", []):
                if problem["code"] != "no_signatures":
                    items.append({"text": self._egov_problem_text(problem)})
            files.append(
                {
                    "name": file["name"],
                    "role": roles.get(file["role"], file["role"]),
                    "version": self.env._("version %(version)s", version=file["version"]),
                    "status": labels.get(file["status"]) or self.env._("Not a PDF"),
                    "colour": _colour(file["status"]),
                    "items": items,
                }
            )
        return {
            "summary": self.env._(
                "Checked on %(time)s against the trust roots of %(agency)s: %(status)s.",
                time=result.get("checked_at") or "?",
                agency=self.sudo().company_id.name,
                status=labels.get(result.get("status"), result.get("status") or "?"),
            ),
            "no_file": self.env._("The document has no file."),
            "files": files,
        }

    def _egov_signature_values(self, signature, labels):
        status = _FROM_ENGINE.get(signature["status"], "invalid")
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
            time=signature.get("signing_time") or "?",
            origin=origin,
            issuer=signature.get("issuer_name") or "?",
            serial=signature.get("serial_number") or "?",
            level=signature.get("level") or "-",
            coverage=coverage,
        )
        return {
            "text": text,
            "status": labels[status],
            "colour": "success" if status == "valid" else "danger",
            "problems": [
                self._egov_problem_text(p, signature)
                for p in signature.get("problems", [])
                if p["code"] != "changes_after_signature"
            ],
        }
