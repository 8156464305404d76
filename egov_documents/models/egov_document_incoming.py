import base64

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError

from ..rules.worktime import to_local
from .egov_document import URGENT_LEVELS
from .egov_guard import system_env


class EgovDocument(models.Model):
    """Incoming documents (NĐ 30/2020 Điều 20–24; Tây Ninh 52/2019 Điều 8; Kon Tum
    Điều 8–9): arrival, check, registration, presentation to the leader, distribution,
    handling and completion, return to the sender and recall."""

    # one concern per file (STYLE.md §1): incoming, outgoing, dossiers extend the document
    _inherit = "egov.document"  # pylint: disable=consider-merging-classes-inherited

    leader_id = fields.Many2one(
        "res.users",
        string="Presented To",
        tracking=True,
        index="btree_not_null",
        check_company=True,
        help="The leader the clerk presents the document to.",
    )
    presented_at = fields.Datetime(string="Presented On", readonly=True, copy=False)
    present_due = fields.Datetime(
        string="Present By",
        compute="_compute_present_due",  # egov_rule_profile_rules.py: the profile's numbers
        store=True,
        index="btree_not_null",
        copy=False,
        help="Within the rule profile's working days of receipt (the next working day); "
        "urgent ones immediately, within the profile's minutes of working time "
        "(NĐ 30/2020 Điều 23, Kon Tum Điều 8.3).",
    )
    directive = fields.Text(string="Leader's Directive", tracking=True)
    distributed_at = fields.Datetime(string="Distributed On", readonly=True, copy=False)
    distributed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    completed_at = fields.Datetime(string="Completed On", readonly=True, copy=False)
    assignment_ids = fields.One2many("egov.assignment", "document_id", string="Assignments")
    return_reason = fields.Text(string="Reason for Return", readonly=True, copy=False)
    recall_reason = fields.Text(string="Reason for Recall", readonly=True, copy=False)
    origin_recipient_id = fields.Many2one(
        "egov.document.recipient",
        string="Sender's Recipient Line",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Technical: for a document received from an agency of this database, the sender's "
        "line for this agency, where the receiver's status is reported back.",
    )

    # --- Arrival by email -----------------------------------------------------------------
    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A document emailed to the agency's document alias arrives as an incoming
        document: the subject becomes its subject, the sending agency is found from the
        address, and every attachment in an allowed format becomes a file. An attachment
        in a refused format stays on the email in the chatter, and the clerk is told why."""
        values = dict(custom_values or {})
        sender_email = tools.email_normalize(msg_dict.get("email_from") or "")
        agency = (
            self.env["res.partner"].search(
                [("is_agency", "=", True), ("email_normalized", "=", sender_email)], limit=1
            )
            if sender_email
            else self.env["res.partner"]
        )
        values.update(
            {
                "direction": "incoming",
                "subject": (msg_dict.get("subject") or "").strip()
                or self.env._("Document received by email"),
                "arrival_channel": "email",
                "issuing_agency_id": values.get("issuing_agency_id") or agency.id,
            }
        )
        document = super().message_new(msg_dict, values)
        refused = []
        for attachment in msg_dict.get("attachments") or []:
            content = (
                attachment.content.encode()
                if isinstance(attachment.content, str)
                else attachment.content
            )
            try:
                with self.env.cr.savepoint():
                    self.env["egov.document.file"].create(
                        {
                            "document_id": document.id,
                            "name": attachment.fname,
                            "datas": base64.b64encode(content),
                            "role": "main" if not document.file_ids else "attachment",
                        }
                    )
            except ValidationError as error:
                refused.append(str(error))
        if refused:
            document.message_post(
                body=self.env._(
                    "Some attached files were not accepted: %(reasons)s", reasons=" ".join(refused)
                ),
                subtype_xmlid="mail.mt_note",
            )
        return document

    # --- Check and registration ---------------------------------------------------------
    def _egov_integrity_problems(self):
        """Problems found by the receipt check (authenticity and integrity, NĐ 30/2020 Điều
        21.2). ``egov_signing`` adds the signature verification."""
        self.ensure_one()
        return []

    def action_register(self):
        """The clerk registers arrived documents: each takes the next arrival number (số
        đến) of its register for the year of its receipt, in order of receipt (Điều 22.2),
        and is presented to the leader."""
        self._egov_check_group(
            "egov_documents.group_egov_clerk", self.env._("register incoming documents")
        )
        self.check_access("write")
        if any(document.direction != "incoming" for document in self):
            raise UserError(
                self.env._("Only incoming documents are registered with an arrival number.")
            )
        self._egov_check_move("received")
        for document in self:
            document._egov_check_registrable()
        self._egov_check_not_duplicate()
        now = fields.Datetime.now()
        for document in self.sorted(lambda d: (d.received_at or now, d.id)):
            received_on = to_local(document.received_at or now).date()
            register = document.register_id or self.env["egov.register"]._find_for(
                document.company_id,
                "incoming",
                document.document_type_id,
                confidential=document.confidentiality != "normal",
            )
            entry = register._take_number(document, received_on)
            document._egov_move(
                "received",
                {
                    "register_id": register.id,
                    "register_entry_id": entry.id,
                    "arrival_number": entry.number,
                    "registered_at": now,
                },
            )
            document._egov_add_members(self.env.user, "clerk")
            document._egov_report_status("03")
            document._egov_present()
        return self._egov_registered_notification()

    def _egov_registered_notification(self):
        """What the clerk sees after Register: the arrival numbers taken, then the view
        reloads."""
        numbers = "; ".join(
            self.env._(
                "arrival number %(number)s – %(register)s",
                number=document.arrival_number,
                register=document.register_id.name,
            )
            for document in self.sorted(lambda d: (d.register_id.id, d.arrival_number))
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Registered"),
                "message": self.env._("Registered: %(numbers)s", numbers=numbers),
                "type": "success",
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _egov_check_registrable(self):
        self.ensure_one()
        missing = [
            self._fields[name]._description_string(self.env)
            for name in ("issuing_agency_id", "document_type_id", "subject", "issued_date")
            if not self[name]
        ]
        if missing:
            raise UserError(
                self.env._(
                    "%(document)s cannot be registered yet: fill in %(fields)s.",
                    document=self.display_name,
                    fields=", ".join(missing),
                )
            )
        if (
            self.confidentiality != "normal"
            and self.register_id
            and not self.register_id.is_confidential
        ):
            raise UserError(
                self.env._(
                    "Confidential document %(document)s must go in a confidential register, "
                    "not %(register)s.",
                    document=self.display_name,
                    register=self.register_id.name,
                )
            )

    def _egov_agency_leaders(self):
        self.ensure_one()
        leaders = self.company_id._egov_users("egov_documents.group_egov_agency_leader")
        return (
            leaders.filtered(lambda u: not u.has_group("egov_documents.group_egov_admin"))
            or leaders
        )

    def _egov_present(self):
        """Present the registered document to the leader: a to-do due the same day, at the
        latest the next working day; urgent documents notify the leader at once."""
        self.ensure_one()
        leader = self.leader_id or self._egov_agency_leaders()[:1]
        if not leader:
            return
        now = fields.Datetime.now()
        urgent = self.urgency in URGENT_LEVELS
        due = self.present_due or now
        system_env(self).write({"leader_id": leader.id, "presented_at": now})
        self._egov_add_members(leader, "leader")
        self._egov_activity_schedule(
            "distribute",
            leader,
            date_deadline=to_local(due).date(),
            note=self.display_name,
        )
        if urgent:
            self.message_post(
                body=self.env._(
                    "Urgent document (%(urgency)s) presented to %(leader)s: it must be handled immediately.",
                    urgency=dict(self._fields["urgency"]._description_selection(self.env))[
                        self.urgency
                    ],
                    leader=leader.name,
                ),
                partner_ids=leader.partner_id.ids,
                message_type="notification",
                subtype_xmlid="mail.mt_comment",
            )

    # --- Return to the sender -------------------------------------------------------------
    def _egov_return_to_sender(self, reason):
        """Refuse the document (wrong recipient, failed signature or integrity check) and tell
        the sender why, through the system (NĐ 30/2020 Điều 21.2; Kon Tum Điều 8.2)."""
        self._egov_check_group(
            "egov_documents.group_egov_clerk", self.env._("return documents to their sender")
        )
        self.check_access("write")
        if not (reason or "").strip():
            raise UserError(
                self.env._("Give the reason for returning the document: the sender sees it.")
            )
        self._egov_move("returned", {"return_reason": reason.strip()})
        for document in self:
            document._egov_report_status("02", reason.strip())
            document._egov_return_by_email(reason.strip())
        return True

    def _egov_return_by_email(self, reason):
        """A document that arrived by email is returned through that channel: a reply to
        the sending address, in the agency's language (Vietnamese), with the reason."""
        self.ensure_one()
        if self.arrival_channel != "email":
            return False
        original = (
            self.sudo()
            .message_ids.filtered(lambda m: m.message_type == "email" and m.email_from)
            .sorted("id")[:1]
        )
        address = tools.email_normalize(original.email_from or "") or (
            self.issuing_agency_id.email_normalized
        )
        if not address:
            self.message_post(
                body=self.env._(
                    "No sending address is known: tell the sender of the return another way."
                ),
                subtype_xmlid="mail.mt_note",
            )
            return False
        # Vietnamese agencies write to each other in Vietnamese, whatever the clerk's language
        lang = self.company_id._egov_lang()
        words = self.with_context(lang=lang).env
        subject = words._("Returned: %(subject)s", subject=original.subject or self.subject)
        body = tools.plaintext2html(
            words._(
                "%(agency)s returns the document “%(subject)s” it received from this address "
                "on %(received)s.\nReason: %(reason)s",
                agency=self.company_id.name,
                subject=self.subject,
                received=self._egov_format_dt(self.received_at or self.create_date),
                reason=reason,
            )
        )
        mail = (
            self.env["mail.mail"]
            .sudo()
            .create(
                {
                    "subject": subject,
                    "body_html": body,
                    "email_to": address,
                    "email_from": self.company_id.email_formatted or self.env.user.email_formatted,
                    "model": self._name,
                    "res_id": self.id,
                    "headers": repr(
                        {"In-Reply-To": original.message_id, "References": original.message_id}
                    )
                    if original.message_id
                    else False,
                    "auto_delete": False,
                }
            )
        )
        self.message_post(
            body=self.env._(
                "Returned to the sender by email to %(address)s: %(reason)s",
                address=address,
                reason=reason,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return mail

    # --- Distribution by the leader --------------------------------------------------------
    def _egov_distribute(self, lead, coordinators=(), directive=None, deadline=None):
        """The leader distributes the document: one lead and any coordinators, each a dict
        with ``department_id`` or ``user_id`` and optionally its own ``deadline`` and
        ``directive`` (Kon Tum Điều 9; phiếu giải quyết part 1). Called by the distribute
        wizard; every unit and person must belong to the document's agency."""
        self.ensure_one()
        self._egov_check_group(
            "egov_documents.group_egov_unit_leader", self.env._("distribute documents")
        )
        self.check_access("write")
        if not lead or not (lead.get("department_id") or lead.get("user_id")):
            raise UserError(
                self.env._(
                    "Choose the lead unit or person for %(document)s.", document=self.display_name
                )
            )
        if self.incoming_state == "distributed":
            raise UserError(
                self.env._("%(document)s is already distributed.", document=self.display_name)
            )
        self._egov_check_move("distributed")
        # the document keeps its own deadline unless the leader changes it
        previous_deadline = self.deadline
        deadline = (
            fields.Datetime.to_datetime(deadline or lead.get("deadline")) or previous_deadline
        )
        nodes = [{**lead, "role": "lead"}] + [
            {**node, "role": "coordinator"} for node in coordinators
        ]
        self._egov_check_assignees(nodes)
        self._egov_check_node_deadlines(nodes, deadline)
        system_env(self.env["egov.assignment"]).create(
            [
                {
                    "document_id": self.id,
                    "role": node["role"],
                    "department_id": node.get("department_id"),
                    "user_id": node.get("user_id"),
                    "deadline": node.get("deadline") or deadline,
                    "directive": node.get("directive") or directive,
                    "assigned_by_id": self.env.uid,
                }
                for node in nodes
            ]
        )
        # every leader it was presented to, with the directive: the distribution is done,
        # whoever made it (before the move, which would close them without it)
        self._egov_activity_close(("distribute",), feedback=directive or self.env._("Distributed"))
        now = fields.Datetime.now()
        self._egov_move(
            "distributed",
            {
                "directive": directive,
                "deadline": deadline,
                "distributed_at": now,
                "distributed_by_id": self.env.uid,
            },
        )
        if previous_deadline and deadline != previous_deadline:
            self._egov_note_deadline_change(previous_deadline, deadline)
        self._egov_report_status("04", directive)
        return True

    def _egov_check_node_deadlines(self, nodes, deadline):
        """No lead or coordinator is given more time than the document has."""
        if not deadline:
            return
        for node in nodes:
            node_deadline = fields.Datetime.to_datetime(node.get("deadline"))
            if node_deadline and node_deadline > deadline:
                target = (
                    self.env["res.users"].sudo().browse(node["user_id"]).name
                    if node.get("user_id")
                    else self.env["hr.department"].sudo().browse(node["department_id"]).name
                )
                raise UserError(
                    self.env._(
                        "The deadline of %(target)s (%(node_deadline)s) cannot be later than the "
                        "handling deadline of the document (%(deadline)s).",
                        target=target,
                        node_deadline=self._egov_format_local(node_deadline),
                        deadline=self._egov_format_local(deadline),
                    )
                )

    def _egov_note_deadline_change(self, previous, new):
        """The status history says who moved the document's deadline, from when to when, in
        the agency's language (the tracked value is recorded alongside)."""
        self.ensure_one()
        words = self.with_context(lang=self.company_id._egov_lang()).env
        subtype = self.env.ref(
            "egov_documents.mt_egov_deadline", raise_if_not_found=False
        ) or self.env.ref("egov_documents.mt_document_deadline", raise_if_not_found=False)
        body = words._(
            "%(leader)s changed the handling deadline from %(previous)s to %(new)s when "
            "distributing the document.",
            leader=self.env.user.name,
            previous=self._egov_format_local(previous),
            new=self._egov_format_local(new),
        )
        if subtype:
            self.message_post(body=body, subtype_id=subtype.id)
        else:
            self.message_post(body=body, subtype_xmlid="mail.mt_note")

    @api.model
    def _egov_format_local(self, value):
        """A stored datetime as people read it in Viet Nam: 17:00 30/11/2026."""
        return to_local(value).strftime("%H:%M %d/%m/%Y") if value else ""

    def _egov_check_assignees(self, nodes):
        """Units and people given work on this document (or sent it for information)
        belong to its agency, and a unit has someone to receive it: its manager or its
        work recipient."""
        self.ensure_one()
        company = self.company_id
        department_ids = {node["department_id"] for node in nodes if node.get("department_id")}
        user_ids = {node["user_id"] for node in nodes if node.get("user_id")}
        departments = self.env["hr.department"].sudo().browse(department_ids).exists()
        users = self.env["res.users"].sudo().browse(user_ids).exists()
        if (
            len(departments) != len(department_ids)
            or any(
                department.company_id not in (company, self.env["res.company"])
                for department in departments
            )
            or len(users) != len(user_ids)
            or any(company not in user.company_ids or user.share for user in users)
        ):
            raise UserError(
                self.env._(
                    "Work on %(document)s can only be given to units and people of %(agency)s.",
                    document=self.display_name,
                    agency=company.name,
                )
            )
        unit_ids_alone = {
            node["department_id"]
            for node in nodes
            if node.get("department_id") and not node.get("user_id")
        }
        for department in departments.filtered(lambda d: d.id in unit_ids_alone):
            recipient = department._egov_work_recipient()
            if not recipient or company not in recipient.company_ids:
                raise UserError(
                    self.env._(
                        "Unit %(unit)s has no manager and no work recipient: nobody would "
                        "receive the work. Choose a person, or ask the administrator to set the "
                        "unit's manager or work recipient.",
                        unit=department.name,
                    )
                )

    # --- Recall received from the sender ------------------------------------------------------
    def _egov_receive_recall(self, reason, recipient):
        """The sender recalled the document through ``recipient``, its own line for this
        agency: remove the document and its content from the receiver's working views,
        keep the recall itself, and tell the sender it was done (NĐ 30/2020 Điều 18.4.b and
        Phụ lục VI). Only the sender's line that delivered this document may recall it."""
        for document in self.sudo():
            if (
                document.origin_recipient_id != recipient
                or recipient.incoming_document_id != document
            ):
                raise AccessError(
                    self.env._("Only the sender's delivery of a document can recall it.")
                )
            system_env(
                document.assignment_ids.filtered(lambda a: a.state in ("assigned", "in_progress"))
            ).write({"state": "cancelled"})
            document.activity_unlink(["mail.mail_activity_data_todo"])
            system_env(document.file_ids).unlink()
            document._egov_move("recalled", {"recall_reason": reason, "active": False})
            document.message_post(
                body=self.env._("Recalled by the sender: %(reason)s", reason=reason)
            )
            document._egov_report_status("15", reason)
        return True

    # --- Status back to the sender ----------------------------------------------------------
    # Handling states the receiver reports by themselves; arrival (01), registration (03),
    # return (02), distribution (04) and recall (15) are reported with their note where
    # they happen.
    _EGOV_STATUS_BY_STATE = {"in_progress": "05", "done": "06"}

    def _egov_move(self, target, vals=None):
        result = super()._egov_move(target, vals)
        code = self._EGOV_STATUS_BY_STATE.get(target)
        if code:
            self.filtered(lambda d: d.direction == "incoming")._egov_report_status(code)
        return result

    def _egov_report_status(self, code, note=None):
        """Report this incoming document's business status to its sender: for a sender in
        this database on its recipient line (codes 01–06, 15, 16); ``egov_interchange``
        sends a status package for the others. The line must be the one that delivered
        this very document (both links are system fields, set together at delivery)."""
        for document in self.sudo().filtered("origin_recipient_id"):
            line = document.origin_recipient_id
            if line.incoming_document_id != document:
                continue
            line._egov_set_status(code, note, document.company_id)
        return True

    # --- Replying -------------------------------------------------------------------------
    def action_reply(self):
        """Start the outgoing draft that answers this document, linked both ways."""
        self.ensure_one()
        reply = self.create(
            {
                "direction": "outgoing",
                "subject": self.env._(
                    "Reply to %(reference)s", reference=self.number_notation or self.subject
                ),
                "document_type_id": self.env.ref("egov_documents.document_type_official_letter").id,
                "response_for_ids": [fields.Command.link(self.id)],
                "recipient_ids": [
                    fields.Command.create(
                        {"kind": "agency", "partner_id": self.issuing_agency_id.id}
                    )
                ]
                if self.issuing_agency_id
                else [],
                "company_id": self.company_id.id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "egov.document",
            "res_id": reply.id,
            "view_mode": "form",
            "views": [(self.env.ref("egov_documents.egov_document_view_form_outgoing").id, "form")],
        }

    @api.model
    def _egov_check_group(self, group_xmlid, action_label):
        if not self.env.user.has_group(group_xmlid):
            group = self.env.ref(group_xmlid)
            raise AccessError(
                self.env._(
                    "Only a user of group %(group)s may %(action)s.",
                    group=group.name,
                    action=action_label,
                )
            )
