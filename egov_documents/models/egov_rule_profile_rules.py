"""The rules that read the agency's rule profile (``res.company._egov_rule_profile()``):
presenting incoming documents, flagging those still waiting to be registered, paper copies
to the bodies the regulations name. Kept together so that no rule number is a constant."""

from datetime import timedelta

from odoo import api, fields, models

from .egov_cron import check_scheduler, lock_batch
from .egov_document import URGENT_LEVELS

#: bodies some regulations require a paper copy for (Tây Ninh 52/2019 Điều 6.2.b–c)
AGENCY_KINDS = [
    ("party", "Party Body"),
    ("council", "People's Council"),
    ("committee", "People's Committee"),
    ("justice", "Department of Justice"),
]
PARTY_COUNCIL_KINDS = ("party", "council", "committee")


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    agency_kind = fields.Selection(
        AGENCY_KINDS,
        help="Party bodies, People's Councils and Committees receive a paper copy where the "
        "regulation says so (Tây Ninh 52/2019 Điều 6.2.b); the Department of Justice receives "
        "the drafts it appraises on paper too (Điều 6.2.c).",
    )


class EgovDocument(models.Model):
    _inherit = "egov.document"  # pylint: disable=consider-merging-classes-inherited

    paper_copy_permanent = fields.Boolean(
        string="Kept Permanently",
        help="A document kept permanently (thời hạn bảo quản vĩnh viễn) is also sent on paper "
        "where the regulation says so (Bến Tre 44/2017 Điều 3.5).",
    )

    appraisal_request = fields.Boolean(
        string="Requests Appraisal",
        help="The document asks the Department of Justice to appraise a draft legal normative "
        "document; it also goes to it on paper where the regulation says so (Tây Ninh "
        "52/2019 Điều 6.2.c).",
    )

    def _egov_rule_profile(self):
        """The rule profile of this document's agency."""
        self.ensure_one()
        return (self.company_id or self.env.company)._egov_rule_profile()

    @api.depends("received_at", "urgency", "company_id")
    def _compute_present_due(self):
        """Incoming documents are registered and presented within the profile's working days
        of their receipt (Tây Ninh Điều 5.2.b, Kon Tum Điều 8.3: the next working day);
        urgent ones immediately, measured as the profile's minutes of working time after
        their receipt (Kon Tum Điều 8.3, Thái Bình Điều 4.2, NĐ 30/2020 Điều 23)."""
        for document in self:
            if document.direction != "incoming" or not document.received_at:
                document.present_due = False
                continue
            profile = document._egov_rule_profile()
            calendar = document.company_id.resource_calendar_id
            if document.urgency in URGENT_LEVELS:
                minutes = profile.urgent_present_minutes
                document.present_due = (
                    calendar.egov_add_working_hours(document.received_at, minutes / 60)
                    if calendar
                    else document.received_at + timedelta(minutes=minutes)
                )
            else:
                days = profile.present_working_days
                document.present_due = (
                    calendar.egov_add_working_days(document.received_at, days)
                    if calendar
                    else document.received_at + timedelta(days=days)
                )

    def _egov_default_handling_deadline(self, start=None):
        """The handling deadline a leader is offered when he sets none: the profile's
        working days (10 by default) from ``start`` (now)."""
        self.ensure_one()
        start = start or fields.Datetime.now()
        days = self._egov_rule_profile().default_handling_days
        calendar = self.company_id.resource_calendar_id
        if calendar:
            return calendar.egov_add_working_days(start, days)
        return start + timedelta(days=days)

    def _egov_issue_due(self):
        """When a document signed at ``signed_at`` must be issued, by the profile's rule: the
        end of that working day, the next working morning (Kon Tum Điều 10.3, Thái Bình
        Điều 4.2), or the end of the next working day (NĐ 30/2020 Điều 18.1)."""
        self.ensure_one()
        calendar = self.company_id.resource_calendar_id
        if not (self.signed_at and calendar):
            return False
        profile = self._egov_rule_profile()
        if profile.issue_rule == "same_day":
            return calendar.egov_add_working_days(self.signed_at, 0)
        if profile.issue_rule == "next_morning":
            return calendar.egov_next_working_morning_end(
                self.signed_at, hour=profile.issue_next_morning_hour
            )
        return calendar.egov_add_working_days(self.signed_at, 1)

    def _egov_profile_paper_copy(self, vals):
        """Whether a new document is also sent on paper: its type requires it, or the profile
        lists its type, or it is kept permanently and the profile says so."""
        document_type = self.env["egov.document.type"].browse(vals.get("document_type_id"))
        company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
        profile = company._egov_rule_profile()
        return bool(
            document_type.requires_paper
            or document_type in profile.paper_copy_type_ids
            or (vals.get("paper_copy_permanent") and profile.paper_copy_permanent)
        )

    # --- Incoming documents still waiting to be registered --------------------------------
    @api.model
    def _cron_flag_late_registration(self, batch_size=500):
        """Entry point of the cron (scheduler or settings administrator only)."""
        check_scheduler(self.env)
        return self.sudo()._egov_flag_late_registration(batch_size=batch_size)

    @api.model
    def _egov_flag_late_registration(self, batch_size=500):
        """Ask the agency's clerks (a 'Register' to-do) to register every incoming document
        that is past its present-by time and still not registered. A document that already
        has its 'Register' to-do is left alone, so running twice adds nothing; registering it
        closes the to-do for every clerk."""
        now = fields.Datetime.now()
        late = lock_batch(
            self,
            """direction = 'incoming' AND incoming_state = 'arrived'
               AND present_due IS NOT NULL AND present_due < %s
               AND NOT EXISTS (SELECT 1 FROM mail_activity activity
                                WHERE activity.res_model = 'egov.document'
                                  AND activity.res_id = egov_document.id
                                  AND activity.egov_step = 'register')""",
            [now],
            "present_due",
            batch_size,
        )
        for document in late:
            clerks = document.company_id._egov_users("egov_documents.group_egov_clerk")
            for clerk in clerks:
                document._egov_activity_schedule(
                    "register",
                    clerk,
                    summary=lambda doc: doc.env._("Register and present: late"),
                    note=lambda doc: doc.env._(
                        "%(document)s was to be registered and presented by %(due)s.",
                        document=doc.display_name,
                        due=doc._egov_format_dt(doc.present_due),
                    ),
                    date_deadline=fields.Date.context_today(document),
                )
        return len(late)


class EgovDocumentRecipient(models.Model):
    _inherit = "egov.document.recipient"  # pylint: disable=consider-merging-classes-inherited

    def _egov_paper_copy_by_profile(self):
        """Whether the regulation wants a paper copy for this recipient: to central agencies,
        to Party bodies, People's Councils and Committees (Tây Ninh Điều 6.2.b), to the
        Department of Justice for appraisal (Tây Ninh Điều 6.2.c), or of a document kept
        permanently (Bến Tre Điều 3.5), each as the sender's rule profile says."""
        self.ensure_one()
        document = self.document_id
        partner = self.partner_id
        profile = (document.company_id or self.env.company)._egov_rule_profile()
        return bool(
            (profile.paper_copy_central and partner.agency_level == "central")
            or (profile.paper_copy_party_council and partner.agency_kind in PARTY_COUNCIL_KINDS)
            or (
                profile.paper_copy_justice_appraisal
                and document.appraisal_request
                and partner.agency_kind == "justice"
            )
            or (profile.paper_copy_permanent and document.paper_copy_permanent)
        )
