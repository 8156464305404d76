from odoo import api, models

from .egov_document import CLERK, URGENT_LEVELS


class EgovDocument(models.Model):
    """Who is told what, in their own language (Odoo's inbox, or email when that is the
    user's notification preference), and never about a document they may not read."""

    _inherit = "egov.document"  # pylint: disable=consider-merging-classes-inherited

    def _egov_notify(self, users, body, subject=None):
        """Notify ``users`` about this document: ``body`` and ``subject`` are callables
        ``(document) -> str`` called with the document in each recipient's language. Users
        who cannot read the document are left out."""
        self.ensure_one()
        readers = users.filtered(
            lambda user: (
                user.active
                and self.with_user(user)
                .with_context(allowed_company_ids=user.company_ids.ids)
                .sudo(False)
                .has_access("read")
            )
        )
        for lang, group in readers.grouped(self._egov_recipient_lang).items():
            document = self.with_context(lang=lang)
            document.message_notify(
                partner_ids=group.partner_id.ids,
                body=body(document),
                subject=subject(document) if subject else document.display_name,
                record_name=document.display_name,
            )
        return readers

    @api.model_create_multi
    def create(self, vals_list):
        documents = super().create(vals_list)
        for document in documents.filtered(
            lambda d: d.direction == "incoming" and d.urgency in URGENT_LEVELS
        ):
            document._egov_notify(
                document.company_id._egov_users(CLERK),
                lambda doc: doc.env._(
                    "Urgent document (%(urgency)s) arrived: register and present it at once.",
                    urgency=doc._egov_urgency_label(),
                ),
            )
        return documents

    def _egov_urgency_label(self):
        self.ensure_one()
        return dict(self._fields["urgency"]._description_selection(self.env))[self.urgency]

    def _egov_present(self):
        """What presenting writes for others (the leader's to-do, the urgent notice) is in
        the agency's language, whoever presents."""
        agency_lang = self.company_id._egov_lang()
        return super(EgovDocument, self.with_context(lang=agency_lang))._egov_present()

    def _egov_move(self, target, vals=None):
        returned = self.filtered(
            lambda d: (
                d.direction != "incoming"
                and target == "draft"
                and d.outgoing_state in ("in_review", "approved", "signed")
            )
        )
        result = super()._egov_move(target, vals)
        for document in returned:
            # the drafter must act: rework the draft
            document._egov_notify(
                document.user_id,
                lambda doc: doc.env._(
                    "%(document)s was returned to you for rework.", document=doc.display_name
                ),
            )
        return result


class EgovDocumentRecipient(models.Model):
    _inherit = "egov.document.recipient"  # pylint: disable=consider-merging-classes-inherited

    def _egov_set_status(self, code, note, reporting_company, when=None):
        result = super()._egov_set_status(code, note, reporting_company, when=when)
        if code == "02":
            # the receiver returned the document: its drafter and who issued it must act
            for recipient in self.sudo():
                document = recipient.document_id
                document._egov_notify(
                    document.user_id | document.issued_by_id,
                    lambda doc, recipient=recipient: doc.env._(
                        "%(agency)s returned %(document)s: %(reason)s",
                        agency=recipient.display_name,
                        document=doc.display_name,
                        reason=note or "-",
                    ),
                )
        return result


class EgovAssignment(models.Model):
    _inherit = "egov.assignment"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _egov_deadline_reminders(self, batch_size=500, remind_hours=None):
        """The reminders and escalations the cron writes, in the agencies' language."""
        agency_lang = self.env.company._egov_lang()
        return super(EgovAssignment, self.with_context(lang=agency_lang))._egov_deadline_reminders(
            batch_size=batch_size, remind_hours=remind_hours
        )
