import base64
import dataclasses
import logging

from markupsafe import Markup

from odoo import Command, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.egov_documents.models.egov_guard import Proof, system_env

from ..pades import (
    FieldError,
    PlacementError,
    SealAppearance,
    SignerAppearance,
    SigningEngineError,
    StampAppearance,
    add_number_date_fields,
    fill_number_date,
    format_vn_date,
    sign_pdf,
)
from ..pades.timeutil import iso_vn, now_vn
from . import signing_messages
from .egov_document_verification import defer_check

_logger = logging.getLogger(__name__)

#: the signatory's "Signed on Paper" proves itself with this to the shared signing step (no
#: digital signature is made); a client cannot send it (egov_guard.Proof)
_ON_PAPER = Proof("egov_signing_signed_on_paper")

#: files signed by the organisation besides the main one (NĐ 30/2020 PL I II.8.b, III.1.d)
SEPARATE_FILE_ROLES = ("appendix", "attachment", "digitised")

UNIT_LEADER = "egov_documents.group_egov_unit_leader"
AGENCY_LEADER = "egov_documents.group_egov_agency_leader"
#: who may sign with each competence (NĐ 30/2020 Điều 13): the head signs directly or on
#: behalf of the collective (TM.), a deputy head for the head (KT.), the acting head (Q.) —
#: all leaders of the agency; by order (TL.) or by authorisation (TUQ.) someone the head
#: authorised, at least the leader of a unit
COMPETENCE_GROUPS = {
    "direct": AGENCY_LEADER,
    "tm": AGENCY_LEADER,
    "kt": AGENCY_LEADER,
    "q": AGENCY_LEADER,
    "tl": UNIT_LEADER,
    "tuq": UNIT_LEADER,
}


class EgovDocument(models.Model):
    """Real PAdES signatures on outgoing documents, as NĐ 30/2020 Phụ lục I draws them:

    * the signatory's approval signature (ký duyệt): blue signature image between the
      position and the name, on the main PDF file;
    * the clerk's number and date, written into the signed file as form filling, which the
      approval signature permits (Điều 15.3);
    * the organisation signature (ký số cơ quan): red seal over a third of the signature
      on the main file, the number and time at the top right of each separate appendix,
      and the seal there too on digitised paper.

    Every signature is an incremental update of the file (a new version of the same
    ``egov.document.file``), so the earlier signatures stay valid.
    """

    _inherit = "egov.document"  # pylint: disable=consider-merging-classes-inherited

    org_signed_at = fields.Datetime(string="Organisation Signed On", readonly=True, copy=False)
    org_signed_by_id = fields.Many2one(
        "res.users", string="Organisation Signed By", readonly=True, copy=False
    )
    signed_on_paper = fields.Boolean(
        readonly=True,
        copy=False,
        help="The signatory signed the paper original: the clerk digitises it and issues it "
        "with the organisation signature only (Kon Tum Điều 10.2).",
    )
    digitally_signed = fields.Boolean(
        compute="_compute_digitally_signed",
        help="The main file carries a signature of the signatory that the last check found valid.",
    )

    def _compute_digitally_signed(self):
        for document in self:
            document.digitally_signed = document._egov_has_verified_signer_signature()

    # --- Files --------------------------------------------------------------------------
    def _egov_main_file(self):
        self.ensure_one()
        return (
            self.sudo()
            .file_ids.filtered(lambda f: f.role == "main")
            .sorted(lambda f: (f.sequence, f.id))[:1]
        )

    @staticmethod
    def _egov_file_bytes(file):
        return base64.b64decode(file.with_context(bin_size=False).datas or b"")

    def _egov_replace_file(self, file, data):
        """A new version of ``file`` made by a signing step: the file model re-checks the
        format and bumps the version, the replaced version is kept as an attachment of the
        file, and the signatures are verified by the step when it is done."""
        file = file.sudo()
        previous = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": self.env._(
                        "%(file)s, version %(version)s", file=file.name, version=file.version
                    ),
                    "raw": self._egov_file_bytes(file),
                    "mimetype": file.mimetype,
                    "res_model": file._name,
                    "res_id": file.id,
                }
            )
        )
        defer_check(system_env(file)).write(
            {"datas": base64.b64encode(data), "previous_version_ids": [Command.link(previous.id)]}
        )

    def _egov_signing_error(self, file, error):
        _logger.debug("Signing engine error on file %s: %r", file.id, error)
        return UserError(
            self.env._(
                "%(file)s of %(document)s could not be signed: %(error)s",
                file=file.name,
                document=self.display_name,
                error=signing_messages.engine_error_text(self.env, error),
            )
        )

    def _egov_post_signature(self, what, file, certificate, when):
        self.message_post(
            body=Markup("%s")
            % self.env._(
                "%(what)s on %(file)s (version %(version)s) at %(time)s by %(user)s, certificate "
                "%(subject)s issued by %(issuer)s (serial %(serial)s).",
                what=what,
                file=file.name,
                version=file.version,
                time=iso_vn(when),
                user=self.env.user.name,
                subject=certificate.subject_common_name,
                issuer=certificate.issuer_common_name,
                serial=certificate.serial_number,
            )
        )
        _logger.info(
            "Document %s: %s on file %s (version %s) with certificate %s",
            self.id,
            what,
            file.id,
            file.version,
            certificate.id,
        )

    # --- Approval signature (ký duyệt) ------------------------------------------------------
    def action_approve_and_sign(self):
        """ "Approve and Sign" (Duyệt và ký số): the signatory approves a draft still in review,
        then signs it digitally. This button is the digital signature: it needs a usable
        certificate and a PDF main file whatever the agency's profile says, checked before
        anything moves."""
        self._egov_check_signing_authority()
        self._egov_check_digital_prerequisites()
        to_approve = self.filtered(lambda d: d.outgoing_state in ("draft", "in_review"))
        if to_approve:
            to_approve.action_approve()
        return self.action_sign()

    def _egov_check_digital_prerequisites(self):
        self._egov_check_can_sign()
        certificate = self.env.user._egov_personal_certificate()
        if certificate and certificate.certificate_pem:
            # before anything moves: a certificate of an authority the regulation does not
            # accept is refused now, not after the approval
            certificate._egov_check_accepted_authority()
        if not certificate:
            raise UserError(
                self.env._(
                    "%(user)s has no signing certificate that can be used: “Approve and Sign” "
                    "signs digitally and is refused. Ask the administrator to add your "
                    "certificate, or sign on paper (Sign) and attach the digitised original.",
                    user=self.env.user.name,
                )
            )
        for document in self:
            main = document._egov_main_file()
            if not main or main.file_format != "pdf":
                raise UserError(
                    self.env._(
                        "%(document)s has no PDF main file to sign digitally.",
                        document=document.display_name,
                    )
                )

    def action_sign(self):
        """Only a leader signs, and only with the competence the document states (NĐ 30/2020
        Điều 13)."""
        self._egov_check_signing_authority()
        return super().action_sign()

    def action_sign_on_paper(self):
        """ "Signed on Paper" (Đã ký bản giấy): the signatory signed the paper original. No
        digital signature of the signatory is made or required; the clerk numbers it,
        attaches the digitised original and issues it with the organisation signature only
        (Kon Tum Điều 10.2; TT 01/2019 Điều 6.2.b–c)."""
        self._egov_check_signing_authority()
        to_approve = self.filtered(lambda d: d.outgoing_state in ("draft", "in_review"))
        if to_approve:
            to_approve.action_approve()
        result = super(EgovDocument, _ON_PAPER.given(self)).action_sign()
        system_env(self).write({"signed_on_paper": True})
        for document in self:
            document.message_post(
                body=self.env._(
                    "Signed on paper by %(user)s: the clerk attaches the digitised original, "
                    "which is issued with the organisation signature only.",
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return result

    def _egov_check_signing_authority(self):
        self._egov_check_group(UNIT_LEADER, self.env._("sign documents"))
        competences = dict(self._fields["signer_competence"]._description_selection(self.env))
        for document in self:
            competence = document.signer_competence or "direct"
            group = COMPETENCE_GROUPS.get(competence, AGENCY_LEADER)
            if competence == "direct" and document.direction == "internal":
                group = UNIT_LEADER  # a unit's own internal document, signed by its leader
            if not self.env.user.has_group(group):
                raise AccessError(
                    self.env._(
                        "%(user)s cannot sign %(document)s with the competence “%(competence)s”: "
                        "Nghị định 30/2020 Điều 13 reserves it to a user of group %(group)s.",
                        user=self.env.user.name,
                        document=document.display_name,
                        competence=competences.get(competence, competence),
                        group=self.env.ref(group).name,
                    )
                )

    def _egov_requires_digital_signature(self):
        """The agency signs digitally when its signing profile says so. An agency without a
        signing profile has not set digital signing up (no certificates, no seal): its
        leaders sign on paper and the clerk attaches the digitised original; "Approve and
        Sign" still signs digitally or not at all."""
        self.ensure_one()
        if self.signed_on_paper or _ON_PAPER.held(self.env):
            return False
        profile = self.company_id._egov_signing_profile()
        return bool(profile.require_signature) if profile else False

    def _egov_sign_documents(self):
        if _ON_PAPER.held(self.env):
            return super()._egov_sign_documents()
        plans = [(document, document._egov_approval_plan()) for document in self]
        for document, plan in plans:
            if plan:
                document._egov_apply_approval_signature(**plan)
            else:
                document.message_post(
                    body=self.env._(
                        "Signed without a digital signature (the agency's signing profile does "
                        "not require one): the main file is not a PDF or the signatory has no "
                        "signing certificate."
                    )
                )
        result = super()._egov_sign_documents()
        signed = self.browse([document.id for document, plan in plans if plan])
        signed._egov_verify_signatures()
        for document in signed:
            document._egov_check_signature_verified()
        return result

    def _egov_check_signature_verified(self):
        """A document counts as signed only when its signature verifies: refuse (and undo)
        the step otherwise."""
        self.ensure_one()
        if self.signature_status == "valid" and self._egov_has_verified_signer_signature():
            return
        labels = dict(self._fields["signature_status"]._description_selection(self.env))
        raise UserError(
            self.env._(
                "The signature made on %(document)s does not verify (%(status)s), so the document "
                "is not signed: %(problems)s",
                document=self.display_name,
                status=labels.get(self.signature_status, self.signature_status),
                problems=" ".join(self._egov_signature_findings())
                or labels.get(self.signature_status, self.signature_status),
            )
        )

    def _egov_signature_findings(self):
        """The errors the last verification found, in words."""
        self.ensure_one()
        findings = []
        for file in (self.signature_result or {}).get("files", []):
            for signature in (file.get("result") or {}).get("signatures", []):
                findings += [
                    self._egov_problem_text(problem, signature)
                    for problem in signature.get("problems", [])
                    if problem.get("severity") == "error"
                ]
        return findings

    def _egov_has_verified_signer_signature(self):
        """The main file carries a signature of the signatory (not only the organisation's)
        that the last verification found valid."""
        self.ensure_one()
        for file in (self.signature_result or {}).get("files", []):
            if file.get("role") != "main":
                continue
            for signature in (file.get("result") or {}).get("signatures", []):
                if (
                    signature.get("status") == "valid"
                    and signature.get("kind") != "timestamp"
                    and not (signature.get("field_name") or "").startswith("EgovOrganisation")
                ):
                    return True
        return False

    def _egov_approval_plan(self):
        """What the signatory's signature needs; ``None`` when the agency does not require a
        digital signature and there is nothing to sign it with."""
        self.ensure_one()
        required = self._egov_requires_digital_signature()
        main = self._egov_main_file()
        certificate = self.env.user._egov_personal_certificate()
        if not main or main.file_format != "pdf":
            if required:
                raise UserError(
                    self.env._(
                        "%(document)s has no main file in PDF to sign: add it in Files.",
                        document=self.display_name,
                    )
                )
            return None
        if not certificate:
            if required:
                raise UserError(
                    self.env._(
                        "%(user)s has no signing certificate to sign %(document)s: the administrator "
                        "registers it in Documents eOffice → Configuration → Signing Certificates.",
                        user=self.env.user.name,
                        document=self.display_name,
                    )
                )
            return None
        certificate._egov_check_usable(
            self.env._("signing %(document)s", document=self.display_name)
        )
        image = self.env.user.sudo().egov_signature_image
        if not image:
            raise UserError(
                self.env._(
                    "Add your signature image (blue, transparent PNG) in your preferences before "
                    "signing %(document)s.",
                    document=self.display_name,
                )
            )
        return {"file": main, "certificate": certificate, "image": base64.b64decode(image)}

    def _egov_apply_approval_signature(self, file, certificate, image):
        pdf = self._egov_file_bytes(file)
        if b"/ByteRange" not in pdf:
            # the number and date fields go in before anyone signs
            try:
                pdf = add_number_date_fields(pdf)
            except (FieldError, PlacementError):
                self.message_post(
                    body=self.env._(
                        "No “Số: …/” and “ngày … tháng … năm” found on the first page of %(file)s: the "
                        "number and date will be recorded on the document only.",
                        file=file.name,
                    )
                )
            except SigningEngineError as error:
                raise self._egov_signing_error(file, error) from None
        options = self.company_id._egov_signing_profile()._egov_sign_options()
        when = now_vn()
        appearance = SignerAppearance(
            image,
            full_name=self.signer_name or self.env.user.name,
            position=self.signer_position or None,
        )
        try:
            with certificate._egov_signer() as signer:
                signed = sign_pdf(
                    pdf, signer, appearance, dataclasses.replace(options, signing_time=when)
                )
        except PlacementError:
            raise UserError(
                self.env._(
                    "The signature block of %(name)s (%(position)s) was not found in %(file)s of "
                    "%(document)s: check that Signer and Signer Position match the document.",
                    name=appearance.full_name,
                    position=appearance.position or "-",
                    file=file.name,
                    document=self.display_name,
                )
            ) from None
        except SigningEngineError as error:
            raise self._egov_signing_error(file, error) from None
        self._egov_replace_file(file, signed)
        self._egov_post_signature(self.env._("Approval signature"), file, certificate, when)

    # --- Number and date in the signed file ----------------------------------------------------
    def action_assign_number(self):
        result = super().action_assign_number()
        for document in self:
            document._egov_write_number_date()
        return result

    def _egov_write_number_date(self):
        """Fill the number and date fields of the signed main file (an incremental update the
        signatory's signature permits)."""
        self.ensure_one()
        main = self._egov_main_file()
        if not main or main.file_format != "pdf":
            return False
        pdf = self._egov_file_bytes(main)
        if b"/ByteRange" not in pdf:
            return False  # not digitally signed: the number and date live on the document
        try:
            numbered = fill_number_date(
                pdf, number=self.number, date=self.issued_date, overwrite=True
            )
        except FieldError:
            self.message_post(
                body=self.env._(
                    "%(file)s has no number and date fields: number %(number)s is recorded on the "
                    "document only.",
                    file=main.name,
                    number=self.number_notation,
                )
            )
            return False
        except SigningEngineError as error:
            raise self._egov_signing_error(main, error) from None
        self._egov_replace_file(main, numbered)
        self.message_post(
            body=self.env._(
                "Number %(number)s and date %(date)s written into %(file)s (version %(version)s).",
                number=self.number,
                date=format_vn_date(self.issued_date),
                file=main.name,
                version=main.version,
            )
        )
        self._egov_verify_signatures()
        return True

    # --- Organisation signature (ký số cơ quan) -------------------------------------------------
    def action_issue(self):
        """A digitally signed document is issued electronically only with a verified
        signature of its signatory and the organisation's signature (NĐ 30/2020 Điều 14.3:
        ký số của cơ quan, tổ chức before issue)."""
        self._egov_check_group("egov_documents.group_egov_clerk", self.env._("issue documents"))
        for document in self:
            if document.outgoing_state not in ("numbered", "org_signed"):
                continue  # the move itself is refused, naming the state
            if not document.recipient_ids or not document._egov_main_file():
                continue  # refused by the issue itself, naming what is missing
            if document.signed_on_paper:
                document._egov_check_paper_original_sealed()
                continue
            digital = document._egov_requires_digital_signature() or (
                document.signature_status not in ("unchecked", "unsigned")
            )
            if not digital:
                continue
            if (
                document.signature_status != "valid"
                or not document._egov_has_verified_signer_signature()
            ):
                labels = dict(self._fields["signature_status"]._description_selection(self.env))
                raise UserError(
                    self.env._(
                        "%(document)s has no verified digital signature of its signatory "
                        "(%(status)s): it cannot be issued electronically. The signatory signs it "
                        "with “Approve and Sign”.",
                        document=document.display_name,
                        status=labels.get(document.signature_status, document.signature_status),
                    )
                )
            if document.outgoing_state == "numbered":
                raise UserError(
                    self.env._(
                        "%(document)s carries the signatory's digital signature: apply the "
                        "organisation signature before issuing it.",
                        document=document.display_name,
                    )
                )
        return super().action_issue()

    def _egov_check_paper_original_sealed(self):
        """A document signed on paper is issued electronically as its digitised original,
        which must carry the agency's verified organisation signature (Kon Tum Điều 10.2)."""
        self.ensure_one()
        if self.outgoing_state != "org_signed" or not self._egov_has_verified_digitised_seal():
            raise UserError(
                self.env._(
                    "%(document)s was signed on paper: attach its digitised original (a PDF "
                    "file of role Digitised Paper Original) and apply the organisation "
                    "signature before issuing it.",
                    document=self.display_name,
                )
            )

    def _egov_has_verified_digitised_seal(self):
        """Every digitised original carries an organisation signature that the last check
        found valid."""
        self.ensure_one()
        scans = [
            file
            for file in (self.signature_result or {}).get("files", [])
            if file.get("role") == "digitised" and file.get("status") != "not_pdf"
        ]
        return bool(scans) and all(
            any(
                signature.get("status") == "valid"
                and (signature.get("field_name") or "").startswith("EgovDigitised")
                for signature in (file.get("result") or {}).get("signatures", [])
            )
            for file in scans
        )

    def action_org_sign(self):
        """The clerk applies the agency's signature to numbered documents: the seal on the main
        file, the number and time on each separate appendix or attached PDF, the seal on
        digitised paper."""
        self._egov_check_group(
            "egov_documents.group_egov_clerk", self.env._("apply the organisation signature")
        )
        self._egov_check_outgoing()
        self._egov_check_move("org_signed")
        plans = [(document, document._egov_org_plan()) for document in self]
        for document, plan in plans:
            document._egov_apply_org_signatures(**plan)
        self._egov_move(
            "org_signed", {"org_signed_at": fields.Datetime.now(), "org_signed_by_id": self.env.uid}
        )
        for document in self:
            document._egov_add_members(self.env.user, "clerk")
        self._egov_verify_signatures()
        return True

    def action_number_and_org_sign(self):
        """ "Number and Sign as Agency" (cấp số và ký số cơ quan): number signed documents and
        apply the organisation signature in one go. Every document is checked first; the
        first that fails stops the whole batch and is named."""
        self._egov_check_group(
            "egov_documents.group_egov_clerk", self.env._("number and sign documents as the agency")
        )
        self._egov_check_outgoing()
        self._egov_check_move("numbered")
        for document in self:
            document._egov_org_plan(numbered=False)
        self.action_assign_number()
        return self.action_org_sign()

    def _egov_org_plan(self, numbered=True):
        self.ensure_one()
        company = self.company_id.sudo()
        main = self._egov_main_file()
        scans = self.sudo().file_ids.filtered(
            lambda f: f.role == "digitised" and f.file_format == "pdf"
        )
        if self.signed_on_paper and not scans:
            raise UserError(
                self.env._(
                    "%(document)s was signed on paper: attach its digitised original (a PDF file "
                    "of role Digitised Paper Original) before the organisation signature.",
                    document=self.display_name,
                )
            )
        if not self.signed_on_paper and (not main or main.file_format != "pdf"):
            raise UserError(
                self.env._(
                    "%(document)s has no main file in PDF to sign as the agency.",
                    document=self.display_name,
                )
            )
        certificate = company.egov_org_certificate_id
        if not certificate:
            raise UserError(
                self.env._(
                    "%(agency)s has no organisation certificate to sign %(document)s: set it on the "
                    "agency (Settings → Companies → Signing).",
                    agency=company.name,
                    document=self.display_name,
                )
            )
        certificate._egov_check_usable(
            self.env._("signing %(document)s", document=self.display_name)
        )
        if not company.egov_seal_image:
            raise UserError(
                self.env._(
                    "%(agency)s has no seal image to sign %(document)s: add it on the agency "
                    "(Settings → Companies → Signing).",
                    agency=company.name,
                    document=self.display_name,
                )
            )
        if numbered and not self.number_notation:
            raise UserError(
                self.env._("%(document)s has no number yet.", document=self.display_name)
            )
        if not self.signed_on_paper and b"/ByteRange" not in self._egov_file_bytes(main):
            raise UserError(
                self.env._(
                    "%(document)s: the main file carries no signature of the signatory; the "
                    "organisation signature comes after it.",
                    document=self.display_name,
                )
            )
        return {
            "main": main,
            "certificate": certificate,
            "seal": base64.b64decode(company.egov_seal_image),
        }

    def _egov_apply_org_signatures(self, main, certificate, seal):
        company = self.company_id.sudo()
        options = company._egov_signing_profile()._egov_sign_options()
        jobs = []
        if not self.signed_on_paper:
            # signed on paper, the digitised original is the document issued: the main file
            # (the unsigned draft) carries no signature of the signatory to seal next to
            jobs.append(
                (
                    main,
                    self.env._("Organisation signature"),
                    SealAppearance(
                        seal,
                        agency_name=company.name,
                        seal_diameter_mm=company.egov_seal_diameter_mm,
                    ),
                )
            )
        for file in self.sudo().file_ids.filtered(lambda f: f.role in SEPARATE_FILE_ROLES):
            if file.file_format != "pdf":
                self.message_post(
                    body=self.env._(
                        "%(file)s is not a PDF file: it cannot carry the organisation signature.",
                        file=file.name,
                    )
                )
            elif file.role == "digitised":
                jobs.append(
                    (
                        file,
                        self.env._("Organisation signature on digitised paper"),
                        self._egov_digitised_appearance(seal, self.number_notation),
                    )
                )
            else:
                jobs.append(
                    (
                        file,
                        self.env._("Organisation signature on a separate file"),
                        StampAppearance.appendix(self.number_notation),
                    )
                )
        with certificate._egov_signer() as signer:
            for file, what, appearance in jobs:
                when = now_vn()
                try:
                    signed = sign_pdf(
                        self._egov_file_bytes(file),
                        signer,
                        appearance,
                        dataclasses.replace(options, signing_time=when),
                    )
                except SigningEngineError as error:
                    raise self._egov_signing_error(file, error) from None
                self._egov_replace_file(file, signed)
                self._egov_post_signature(what, file, certificate, when)

    def _egov_digitised_appearance(self, seal, number=None):
        """The organisation signature on digitised paper: the seal at its real size, the
        agency name, the number when there is one, the time (NĐ 30 PL I III.1.d; Tây Ninh
        Điều 8.2.a; Kon Tum Điều 8.1, 11.6.a)."""
        company = self.company_id.sudo()
        return StampAppearance.digitised(
            number or None,
            seal,
            agency_name=company.name,
            seal_diameter_mm=company.egov_seal_diameter_mm,
        )

    # --- Incoming paper, digitised (Tây Ninh Điều 8.2.a; Kon Tum Điều 8.1) ----------------------
    def action_register(self):
        """Incoming paper is registered as its digitised copy, which then carries the
        organisation signature of the receiving agency (TT 01/2019 Điều 6.2)."""
        result = super().action_register()
        for document in self.filtered(
            lambda d: d.direction == "incoming" and d.arrival_channel == "paper"
        ):
            # the registration stands (its deadline runs) even when the seal cannot be applied
            try:
                with self.env.cr.savepoint():
                    document._egov_seal_digitised_incoming()
            except UserError as error:
                document.message_post(
                    body=self.env._(
                        "The digitised copy was not signed by the agency: %(reason)s",
                        reason=str(error),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return result

    def _egov_seal_digitised_incoming(self):
        """Apply the agency's organisation signature to the digitised copies (PDF) of a
        paper document just registered; without an organisation certificate and seal the
        chatter says what is missing (the registration stands)."""
        self.ensure_one()
        files = self.sudo().file_ids.filtered(
            lambda f: f.file_format == "pdf" and f.role in ("main", "digitised")
        )
        if not files:
            return False
        company = self.company_id.sudo()
        certificate = company.egov_org_certificate_id
        if not certificate or not company.egov_seal_image:
            raise UserError(
                self.env._(
                    "%(agency)s has no organisation certificate or seal image (Settings → "
                    "Companies → Signing).",
                    agency=company.name,
                )
            )
        certificate._egov_check_usable(
            self.env._("signing the digitised copy of %(document)s", document=self.display_name)
        )
        options = company._egov_signing_profile()._egov_sign_options()
        appearance = self._egov_digitised_appearance(base64.b64decode(company.egov_seal_image))
        with certificate._egov_signer() as signer:
            for file in files:
                when = now_vn()
                try:
                    signed = sign_pdf(
                        self._egov_file_bytes(file),
                        signer,
                        appearance,
                        dataclasses.replace(options, signing_time=when),
                    )
                except SigningEngineError as error:
                    raise self._egov_signing_error(file, error) from None
                self._egov_replace_file(file, signed)
                self._egov_post_signature(
                    self.env._("Organisation signature on the digitised copy"),
                    file,
                    certificate,
                    when,
                )
        system_env(self).write(
            {"org_signed_at": fields.Datetime.now(), "org_signed_by_id": self.env.uid}
        )
        self._egov_verify_signatures()
        return True
