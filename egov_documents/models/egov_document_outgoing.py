from odoo import api, fields, models
from odoo.exceptions import UserError

from ..rules.errors import RuleError
from ..rules.numbering import format_number, legal_notation, make_notation
from ..rules.worktime import to_local
from .egov_guard import system_env


class EgovDocument(models.Model):
    """Outgoing and internal documents (NĐ 30/2020 Điều 10–19): drafting with review
    (visas and opinions), approval, signature, number and date, issue to the recipients,
    then recall, replacement and update."""

    _inherit = ["egov.document", "egov.approval.mixin"]
    _name = "egov.document"

    _egov_approval_state_field = "outgoing_state"

    signer_id = fields.Many2one(
        "res.users",
        string="Signatory",
        tracking=True,
        index="btree_not_null",
        check_company=True,
        help="The leader who approves and signs the document.",
    )
    approved_at = fields.Datetime(string="Approved On", readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    signed_at = fields.Datetime(string="Signed On", readonly=True, copy=False)
    signed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    issue_due = fields.Datetime(
        string="Issue By",
        compute="_compute_issue_due",
        store=True,
        index="btree_not_null",
        help="By the rule profile: the day it is signed, the next working morning (Kon Tum "
        "Điều 10.3, Thái Bình Điều 4.2) or the next working day (NĐ 30/2020 Điều 18.1).",
    )
    issued_on_time = fields.Boolean(compute="_compute_issue_due", store=True)
    issued_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    replaces_id = fields.Many2one(
        "egov.document",
        index="btree_not_null",
        copy=False,
        check_company=True,
        help="NĐ 30/2020 Điều 18.3: a document replacing one with errors of content.",
    )
    corrects_id = fields.Many2one(
        "egov.document",
        index="btree_not_null",
        copy=False,
        check_company=True,
        help="NĐ 30/2020 Điều 18.3: a công văn correcting errors of form or procedure.",
    )
    change_note = fields.Text(string="Reason for Recall or Update", readonly=True, copy=False)

    @api.depends("signed_at", "issued_at", "company_id")
    def _compute_issue_due(self):
        for document in self:
            due = document._egov_issue_due()  # egov_rule_profile_rules.py
            if due:
                document.issue_due = due
                document.issued_on_time = bool(
                    document.issued_at and document.issued_at <= document.issue_due
                )
            else:
                document.issue_due = False
                document.issued_on_time = False

    # --- Drafting and review ------------------------------------------------------------
    def _egov_submit_for_review(self, steps):
        self._egov_check_outgoing()
        return super()._egov_submit_for_review(steps)

    def _egov_on_review_passed(self):
        """All visas agreed: the draft goes to its signatory for approval."""
        self.ensure_one()
        self.message_post(body=self.env._("All visas agreed: ready for the signatory's approval."))
        if self.signer_id:
            self._egov_activity_schedule("present", self.signer_id, note=self.display_name)

    def action_approve(self):
        """The signatory (a leader) approves the draft; open visas must be answered first."""
        self._egov_check_outgoing()
        self.check_access("write")
        self._egov_check_group(
            "egov_documents.group_egov_unit_leader", self.env._("approve documents")
        )
        for document in self:
            waiting = document._egov_current_steps().filtered(
                lambda s: s.kind == "visa" and s.state in ("waiting", "pending")
            )
            if document.outgoing_state == "in_review" and waiting:
                raise UserError(
                    self.env._(
                        "%(document)s still waits for the visa of %(user)s.",
                        document=document.display_name,
                        user=waiting[0].user_id.name,
                    )
                )
        self._egov_move(
            "approved", {"approved_at": fields.Datetime.now(), "approved_by_id": self.env.uid}
        )
        for document in self:
            if not document.signer_id:
                system_env(document).signer_id = self.env.user
        return True

    def action_sign(self):
        """The signatory signs. Without ``egov_signing`` this records the approval signature
        (who and when); ``egov_signing`` replaces it with a real PAdES signature."""
        self._egov_check_can_sign()
        self._egov_sign_documents()
        return True

    def _egov_check_can_sign(self):
        """Only a leader signs, only the designated signatory, only documents they may change."""
        self._egov_check_outgoing()
        self._egov_check_group(
            "egov_documents.group_egov_unit_leader", self.env._("sign documents")
        )
        self.check_access("write")
        for document in self:
            if document.signer_id and document.signer_id != self.env.user:
                raise UserError(
                    self.env._(
                        "%(document)s is to be signed by %(signer)s.",
                        document=document.display_name,
                        signer=document.signer_id.name,
                    )
                )

    def _egov_sign_documents(self):
        now = fields.Datetime.now()
        self._egov_move("signed", {"signed_at": now, "signed_by_id": self.env.uid})
        for document in self:
            if not document.signer_name:
                system_env(document).signer_name = self.env.user.name
            document._egov_add_members(self.env.user, "signer")
            document.message_post(
                body=self.env._("Approved and signed by %(user)s.", user=self.env.user.name)
            )

    # --- Number and date -------------------------------------------------------------------
    def action_assign_number(self):
        """The clerk gives each signed document the next number of its register for this
        year, its notation and its date (cấp số, thời gian ban hành, Điều 15)."""
        self._egov_check_group(
            "egov_documents.group_egov_clerk", self.env._("number outgoing documents")
        )
        self._egov_check_outgoing()
        self.check_access("write")
        self._egov_check_move("numbered")
        today = to_local(fields.Datetime.now()).date()
        for document in self:
            register = document.register_id or self.env["egov.register"]._find_for(
                document.company_id,
                document.direction,
                document.document_type_id,
                confidential=document.confidentiality != "normal",
            )
            register._egov_check_numbers_type(document.document_type_id)
            notation = document._egov_make_notation(year=today.year)
            entry = register._take_number(document, today)
            document._egov_move(
                "numbered",
                {
                    "register_id": register.id,
                    "register_entry_id": entry.id,
                    "number": format_number(entry.number),
                    "notation": notation,
                    "issued_date": today,
                },
            )
            document._egov_add_members(self.env.user, "clerk")
        return True

    def _egov_make_notation(self, year=None):
        """Ký hiệu: type abbreviation + agency abbreviation (QĐ-UBND); for công văn the
        agency abbreviation + the drafting unit's (UBND-VX); for a legal normative document
        (QPPL) the year of ``year`` comes first (2019/QĐ-UBND, printed 05/2019/QĐ-UBND)."""
        self.ensure_one()
        document_type = self.document_type_id
        agency_abbreviation = self.company_id.agency_abbreviation
        if not agency_abbreviation:
            raise UserError(
                self.env._(
                    "Agency %(agency)s has no abbreviation: set it before numbering documents.",
                    agency=self.company_id.name,
                )
            )
        unit_abbreviation = None
        if document_type.notation_uses_unit:
            unit_abbreviation = self.department_id.egov_abbreviation
            if not unit_abbreviation:
                raise UserError(
                    self.env._(
                        "A %(type)s takes the drafting unit's abbreviation in its notation: set "
                        "the drafting unit of %(document)s and its abbreviation.",
                        type=document_type.name,
                        document=self.display_name,
                    )
                )
        try:
            notation = make_notation(
                None if document_type.notation_uses_unit else document_type.abbreviation,
                agency_abbreviation,
                unit_abbreviation,
            )
            if document_type.is_legal_normative:
                year = year or to_local(fields.Datetime.now()).year
                notation = legal_notation(year, notation)
            return notation
        except RuleError as error:
            raise UserError(self.env._(error.template, **error.params)) from error

    # --- Issue ---------------------------------------------------------------------------------
    def action_issue(self):
        """The clerk issues numbered documents to their recipients: internal units and people
        get access at once, agencies of this database receive a real incoming document in
        their own agency immediately, the others go through the interchange."""
        self._egov_check_group("egov_documents.group_egov_clerk", self.env._("issue documents"))
        self._egov_check_outgoing()
        self.check_access("write")
        self._egov_check_move("issued")
        for document in self:
            if not document.recipient_ids:
                raise UserError(
                    self.env._(
                        "%(document)s has no recipient to issue it to.",
                        document=document.display_name,
                    )
                )
            if not document.file_ids.filtered(lambda f: f.role == "main"):
                raise UserError(
                    self.env._(
                        "%(document)s has no main file to issue.", document=document.display_name
                    )
                )
        now = fields.Datetime.now()
        self._egov_move("issued", {"issued_at": now, "issued_by_id": self.env.uid})
        for document in self:
            document._egov_deliver(document.recipient_ids)
            if document.replaces_id.outgoing_state == "issued":
                document.replaces_id._egov_move(
                    "replaced",
                    {
                        "change_note": self.env._(
                            "Replaced by %(document)s", document=document.number_notation
                        )
                    },
                )
        return True

    def _egov_deliver(self, recipients):
        """Deliver to ``recipients`` (lines of this document)."""
        self.ensure_one()
        now = fields.Datetime.now()
        for recipient in recipients:
            if recipient.kind == "unit":
                # its manager, else its work recipient, reads it
                reader = recipient.department_id.sudo()._egov_work_recipient()
                self._egov_add_members(reader, "follower")
                recipient._egov_mark_delivered(now)
            elif recipient.kind == "person":
                self._egov_add_members(recipient.user_id, "follower")
                recipient._egov_mark_delivered(now)
            elif recipient._egov_receiver_company():
                recipient._egov_deliver_same_database(now)
            else:
                self._egov_send_external(recipient)

    def _egov_send_external(self, recipient):
        """An agency outside this database. ``egov_interchange`` sends it over the axis;
        without it the line waits for paper delivery and says so."""
        system_env(recipient).write(
            {
                "paper_copy": True,
                "channel": "paper",
                "status_note": self.env._(
                    "No electronic channel to this agency: send it on paper."
                ),
            }
        )

    # --- Recall, replace, update, correct ----------------------------------------------------------
    def _egov_recall(self, reason):
        """Recall an issued document: it is frozen with its metadata at the sender, and
        each receiver removes it and says so (Điều 18.4.b)."""
        self._egov_check_group("egov_documents.group_egov_clerk", self.env._("recall documents"))
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for the recall: the recipients see it."))
        self.check_access("write")
        self._egov_move("recalled", {"change_note": reason.strip()})
        for document in self:
            for recipient in document.recipient_ids:
                recipient._egov_set_status("13", reason.strip(), document.company_id)
                incoming = recipient._egov_delivered_document()
                if incoming:
                    incoming._egov_receive_recall(reason.strip(), recipient.sudo())
                else:
                    document._egov_send_recall_external(recipient, reason.strip())
        return True

    def _egov_send_recall_external(self, recipient, reason):
        """``egov_interchange`` sends the recall package (BussinessDocType 1)."""
        return True

    def _egov_update_recipients_info(self, reason, values):
        """Update the metadata of an issued document (subject, deadlines, urgency) and push
        it to the receivers, with the reason (edXML BussinessDocType 2)."""
        self._egov_check_group(
            "egov_documents.group_egov_clerk", self.env._("update issued documents")
        )
        self.check_access("write")
        allowed = {"subject", "reply_deadline", "urgency", "description", "page_count"}
        unknown = set(values) - allowed
        if unknown:
            raise UserError(
                self.env._(
                    "Only %(fields)s can be updated after issue.", fields=", ".join(sorted(allowed))
                )
            )
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for the update: the recipients see it."))
        for document in self:
            if document.outgoing_state != "issued":
                raise UserError(
                    self.env._(
                        "Only an issued document is updated this way; %(document)s is %(state)s.",
                        document=document.display_name,
                        state=document._egov_state_label("outgoing_state", document.outgoing_state),
                    )
                )
            system_env(document).write({**values, "change_note": reason.strip()})
            document.message_post(
                body=self.env._("Updated after issue: %(reason)s", reason=reason.strip())
            )
            for recipient in document.recipient_ids:
                incoming = recipient._egov_delivered_document()
                if incoming and incoming.active:
                    receiver_values = {
                        key: value for key, value in values.items() if key != "reply_deadline"
                    }
                    if "reply_deadline" in values:
                        receiver_values["deadline"] = values["reply_deadline"]
                    system_env(incoming).write(receiver_values)
                    incoming.message_post(
                        body=self.env._(
                            "The sender updated this document: %(reason)s", reason=reason.strip()
                        )
                    )
        return True

    def _egov_new_linked_draft(self, link_field, document_type, subject):
        self.ensure_one()
        self._egov_check_group(
            "egov_documents.group_egov_clerk", self.env._("replace or correct issued documents")
        )
        self.check_access("write")
        if self.outgoing_state not in ("issued", "replaced"):
            raise UserError(self.env._("Only an issued document can be replaced or corrected."))
        return (
            system_env(self.env["egov.document"])
            .create(
                {
                    "direction": self.direction,
                    "company_id": self.company_id.id,
                    "document_type_id": document_type.id,
                    "subject": subject,
                    "department_id": self.department_id.id,
                    link_field: self.id,
                    "recipient_ids": [
                        fields.Command.create(
                            {
                                "kind": line.kind,
                                "partner_id": line.partner_id.id,
                                "department_id": line.department_id.id,
                                "user_id": line.user_id.id,
                                "purpose": line.purpose,
                                "paper_copy": line.paper_copy,
                            }
                        )
                        for line in self.recipient_ids
                    ],
                }
            )
            .with_env(self.env)
        )

    def action_create_replacement(self):
        """Errors of content: a replacing document of the same type (Điều 18.3)."""
        replacement = self._egov_new_linked_draft(
            "replaces_id",
            self.document_type_id,
            self.env._(
                "Replacing %(reference)s: %(subject)s",
                reference=self.number_notation,
                subject=self.subject,
            ),
        )
        return replacement._egov_form_action()

    def action_create_correction(self):
        """Errors of form or procedure: a correcting công văn (Điều 18.3)."""
        correction = self._egov_new_linked_draft(
            "corrects_id",
            self.env.ref("egov_documents.document_type_official_letter"),
            self.env._("Correcting %(reference)s", reference=self.number_notation),
        )
        return correction._egov_form_action()

    def _egov_form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "egov.document",
            "res_id": self.id,
            "view_mode": "form",
            "views": [(self.env.ref("egov_documents.egov_document_view_form_outgoing").id, "form")],
        }

    def _egov_check_outgoing(self):
        if any(document.direction == "incoming" for document in self):
            raise UserError(
                self.env._("This step belongs to outgoing and internal documents only.")
            )
