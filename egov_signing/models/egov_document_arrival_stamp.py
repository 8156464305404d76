import logging

from odoo import fields, models
from odoo.exceptions import ValidationError

from ..pades import SigningEngineError
from ..pades.arrival_stamp import read_arrival, stamp_arrival, update_forwarded
from ..pades.timeutil import iso_vn
from . import signing_messages
from .egov_document_verification import WORST_FIRST

_logger = logging.getLogger(__name__)


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    egov_arrival_stamp = fields.Boolean(
        string="Arrival Stamp on Received PDFs",
        default=True,
        help="At registration, the main PDF file of an electronic incoming document gets the "
        "“ĐẾN” stamp (agency, arrival number, date and time) as a new version, when its "
        "signatures permit it (NĐ 30/2020 Điều 22, Phụ lục IV).",
    )


class _StampWouldDegrade(Exception):
    """The stamped version checks worse than the original: the version is rolled back."""


class EgovDocument(models.Model):
    """The digital “ĐẾN” stamp (NĐ 30/2020 Điều 22: số đến and ngày đến shown on the electronic
    document; Phụ lục IV: the stamp's box): written on the main PDF at registration as a new
    version of the file, by the system, after the clerk's registration succeeded."""

    # One concern per file: this part stamps registered incoming documents.
    _inherit = "egov.document"  # pylint: disable=consider-merging-classes-inherited

    def action_register(self):
        result = super().action_register()
        for document in self.filtered(
            lambda d: (
                d.direction == "incoming"
                and d.arrival_number
                and d.arrival_channel != "paper"  # paper carries the rubber stamp itself
                and d.company_id.sudo().egov_arrival_stamp
            )
        ):
            document._egov_stamp_arrival()
        return result

    def _egov_stamp_arrival(self):
        """Stamp the main PDF just registered; the registration stands whatever happens here,
        and the chatter says why a file was not stamped. Called only by ``action_register``
        after its checks of the caller (clerk of the document's agency)."""
        self.ensure_one()
        main = self._egov_main_file()
        if not main:
            return False
        company = self.company_id.sudo()
        lang = company._egov_lang()
        if main.file_format != "pdf":
            return self._egov_arrival_note(
                self.with_context(lang=lang).env._(
                    "%(file)s is not a PDF: the arrival number is recorded in the register only.",
                    file=main.name,
                )
            )
        original = self._egov_file_bytes(main)
        when = self.received_at or self.arrived_at or self.registered_at or fields.Datetime.now()
        try:
            stamped = stamp_arrival(original, company.name, self.arrival_number, iso_vn(when))
        except SigningEngineError as error:
            _logger.info("Document %s: no arrival stamp (%s)", self.id, error.code)
            return self._egov_arrival_note(self.with_context(lang=lang)._egov_stamp_reason(error))
        if stamped == original:
            return False
        if not self._egov_keep_stamped_version(main, stamped):
            return self._egov_arrival_note(
                self.with_context(lang=lang).env._(
                    "The arrival stamp was not kept on %(file)s: the signatures would no longer "
                    "check as before. The arrival number is recorded in the register only.",
                    file=main.name,
                )
            )
        return self._egov_arrival_note(
            self.with_context(lang=lang).env._(
                "Arrival stamp (số đến %(number)s) written on %(file)s, version %(version)s; "
                "the previous version is kept.",
                number=self.arrival_number,
                file=main.name,
                version=main.version,
            )
        )

    def _egov_keep_stamped_version(self, main, stamped):
        """Make ``stamped`` the new version of ``main`` and check the signatures again; when
        they check worse than before, the version is rolled back and ``False`` returned."""
        before = self.signature_status
        try:
            with self.env.cr.savepoint():
                self._egov_replace_file(main, stamped)
                self._egov_verify_signatures()
                # a document never checked ("unchecked") has nothing to lose
                rank = {status: position for position, status in enumerate(WORST_FIRST)}
                if before in rank and rank.get(self.signature_status, -1) < rank[before]:
                    raise _StampWouldDegrade(self.signature_status)
        except (_StampWouldDegrade, ValidationError) as refused:
            _logger.info("Document %s: stamped version not kept (%s)", self.id, refused)
            self.invalidate_recordset()
            main.invalidate_recordset()
            return False
        return True

    # --- "Chuyển:" at distribution --------------------------------------------------------
    def _egov_distribute(self, lead, coordinators=(), directive=None, deadline=None):
        """Once the leader's distribution is made (checked and written by ``super``), the
        lead unit or person goes into “Chuyển:” of the “ĐẾN” stamp on the main PDF."""
        result = super()._egov_distribute(lead, coordinators, directive, deadline)
        self._egov_stamp_forwarded(lead)
        return result

    def _egov_stamp_forwarded(self, lead):
        """Write the lead's name after “Chuyển:” of the stamp already on the main PDF, as a
        new version of the file; nothing when the file carries no stamp. Called only by
        ``_egov_distribute`` once the caller's distribution succeeded."""
        self.ensure_one()
        main = self._egov_main_file()
        if not main or main.file_format != "pdf":
            return False
        original = self._egov_file_bytes(main)
        try:
            if read_arrival(original) is None:
                return False
        except SigningEngineError:
            return False
        if lead.get("department_id"):
            forwarded_to = self.env["hr.department"].sudo().browse(lead["department_id"]).name
        else:
            forwarded_to = self.env["res.users"].sudo().browse(lead["user_id"]).name
        lang = self.company_id.sudo()._egov_lang()
        try:
            forwarded = update_forwarded(original, forwarded_to)
        except SigningEngineError as error:
            _logger.info("Document %s: no forwarding on the stamp (%s)", self.id, error.code)
            return self._egov_arrival_note(
                self.with_context(lang=lang).env._(
                    "“Chuyển:” was not written on the arrival stamp of %(file)s: %(reason)s",
                    file=main.name,
                    reason=signing_messages.engine_error_text(
                        self.with_context(lang=lang).env, error
                    ),
                )
            )
        if forwarded == original:
            return False
        if not self._egov_keep_stamped_version(main, forwarded):
            return self._egov_arrival_note(
                self.with_context(lang=lang).env._(
                    "“Chuyển: %(lead)s” was not kept on the arrival stamp of %(file)s: the "
                    "signatures would no longer check as before.",
                    lead=forwarded_to,
                    file=main.name,
                )
            )
        return self._egov_arrival_note(
            self.with_context(lang=lang).env._(
                "“Chuyển: %(lead)s” written on the arrival stamp of %(file)s, version "
                "%(version)s; the previous version is kept.",
                lead=forwarded_to,
                file=main.name,
                version=main.version,
            )
        )

    def _egov_stamp_reason(self, error):
        code = getattr(error, "code", "")
        if code == "arrival_stamp_refused":
            reason = self.env._("its digital signatures do not permit any change")
        elif code == "encrypted_pdf":
            reason = self.env._("the file is encrypted")
        elif code == "arrival_stamp_error":
            reason = self.env._("the file already carries an arrival stamp with another number")
        else:
            reason = signing_messages.engine_error_text(self.env, error)
        return self.env._(
            "No arrival stamp on the main file: %(reason)s. The arrival number is recorded in "
            "the register only.",
            reason=reason,
        )

    def _egov_arrival_note(self, body):
        self.message_post(body=body, subtype_xmlid="mail.mt_note")
        return False
