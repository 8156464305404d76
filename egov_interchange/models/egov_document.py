import base64
import copy
import logging
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.egov_documents.models.egov_cron import check_scheduler
from odoo.addons.egov_documents.models.egov_document import CLERK
from odoo.addons.egov_documents.models.egov_document import EgovDocument as _BaseDocument
from odoo.addons.egov_documents.models.egov_guard import system_env
from odoo.addons.egov_documents.rules.worktime import to_local

from ..edxml import (
    STATUS_CODES,
    Attachment,
    Business,
    DocumentPackage,
    Organization,
    ResponseFor,
    Signer,
    StaffInfo,
    StatusPackage,
    TraceEntry,
    build,
    document_id_for,
)

_logger = logging.getLogger(__name__)

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
PRIORITY_BY_URGENCY = {"normal": 0, "urgent": 1, "very_urgent": 2, "flash": 3, "flash_timed": 4}
URGENCY_BY_PRIORITY = {value: key for key, value in PRIORITY_BY_URGENCY.items()}
COMPETENCE_LABELS = {"tm": "TM.", "kt": "KT.", "tl": "TL.", "tuq": "TUQ.", "q": "Q."}
COMPETENCE_BY_LABEL = {label.rstrip(".").upper(): key for key, label in COMPETENCE_LABELS.items()}


def _transitions():
    """The document's table, plus: a recall or replacement received over the axis may
    reach a document the clerk has not registered yet."""
    table = copy.deepcopy(_BaseDocument._egov_transitions)
    table["incoming"]["arrived"]["recalled"] = None
    return table


def _aware(moment):
    return moment.replace(tzinfo=UTC).astimezone(VIETNAM) if moment else None


def _naive_utc(moment):
    if not moment:
        return fields.Datetime.now()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=VIETNAM)
    return moment.astimezone(UTC).replace(tzinfo=None)


class EgovDocument(models.Model):
    """Documents exchanged over the document axis: the outgoing side builds and sends the
    edXML package (new, recall, update, replace); the incoming side is created from a
    received package and reports its business statuses (01–06, 15, 16) back as status
    packages."""

    _inherit = "egov.document"  # pylint: disable=consider-merging-classes-inherited

    _egov_transitions = _transitions()
    _egov_system_fields = _BaseDocument._egov_system_fields | {
        "egov_interchange_message_id",
        "egov_edxml_document_id",
        "egov_sender_code",
        "egov_recall_pending",
        "egov_recall_request_reason",
    }

    egov_interchange_message_id = fields.Many2one(
        "egov.interchange.message",
        string="Received in Message",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="egov_documents.group_egov_admin,base.group_system",
    )
    egov_edxml_document_id = fields.Char(
        string="Sender's Document ID",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The edXML DocumentId the sending agency gave this document.",
    )
    egov_sender_code = fields.Char(string="Sender's Code", readonly=True, copy=False)
    egov_recall_pending = fields.Boolean(string="Recall Requested", readonly=True, copy=False)
    egov_recall_request_reason = fields.Text(
        string="Reason Given for the Recall", readonly=True, copy=False
    )

    egov_status_ids = fields.One2many(
        "egov.document.status",
        "document_id",
        string="Statuses Reported",
        readonly=True,
        help="Every business status the receivers reported, with its time.",
    )

    # --- Sending ------------------------------------------------------------------------
    def _egov_deliver(self, recipients):
        """Agencies of this database are delivered directly unless the sender's backend
        says to use the axis for them too."""
        self.ensure_one()
        backend = self.env["egov.interchange.backend"]._egov_for_company(self.company_id)
        forced = recipients.browse()
        if backend and not backend.route_same_database:
            forced = recipients.filtered(
                lambda line: line.kind == "agency" and line._egov_receiver_company()
            )
        result = super()._egov_deliver(recipients - forced)
        for recipient in forced:
            self._egov_send_external(recipient)
        return result

    def _egov_send_external(self, recipient):
        """Over the axis when the agency has a backend and the receiver an identifier
        code; otherwise on paper, as without this module."""
        backend = self.env["egov.interchange.backend"]._egov_for_company(self.company_id)
        receiver_code = recipient.partner_id.code_qcvn102 or recipient.partner_id.code_qd20
        if not backend or not receiver_code:
            return super()._egov_send_external(recipient)
        business = None
        if self.replaces_id:
            business = Business(
                doc_type=3,
                reason=self.env._(
                    "Replaces %(reference)s", reference=self.replaces_id.number_notation or ""
                ),
                document_id=self._egov_axis_document_id(),
                replaced_document_ids=[self.replaces_id._egov_axis_document_id()],
            )
        system_env(recipient).write({"channel": "axis", "status_note": False})
        return self._egov_axis_send(backend, recipient, business)

    def _egov_send_recall_external(self, recipient, reason):
        if recipient.channel == "axis":
            backend = self.env["egov.interchange.backend"]._egov_for_company(self.company_id)
            if backend:
                return self._egov_axis_send(
                    backend,
                    recipient,
                    Business(doc_type=1, reason=reason, document_id=self._egov_axis_document_id()),
                )
        return super()._egov_send_recall_external(recipient, reason)

    def _egov_update_recipients_info(self, reason, values):
        result = super()._egov_update_recipients_info(reason, values)
        for document in self:
            backend = self.env["egov.interchange.backend"]._egov_for_company(document.company_id)
            if not backend:
                continue
            for recipient in document.recipient_ids.filtered(lambda r: r.channel == "axis"):
                document._egov_axis_send(
                    backend,
                    recipient,
                    Business(
                        doc_type=2,
                        reason=reason.strip(),
                        document_id=document._egov_axis_document_id(),
                        document_info_changed=True,
                    ),
                )
        return result

    def _egov_axis_document_id(self):
        self.ensure_one()
        if self.document_identifier:
            return self.document_identifier
        return document_id_for(
            self.company_id.code_qcvn102 or self.company_id.code_qd20 or "",
            self.issued_date,
            self.number or "",
            self.notation or "",
        )

    @api.model
    def _egov_axis_organization(self, company):
        return Organization(
            organ_id=company.code_qcvn102 or company.code_qd20 or "",
            organ_name=company.name or "",
            organ_add=company.partner_id._display_address(without_company=True) or "",
            email=company.email or "",
            telephone=company.phone or "",
            website=company.website or "",
        )

    def _egov_axis_package(self, recipient, business=None):
        """The edXML document package of this document for one recipient line."""
        self.ensure_one()
        sent = self.sudo()
        company = sent.company_id
        partner = recipient.partner_id
        sender = self._egov_axis_organization(company)
        now = datetime.now(VIETNAM).replace(microsecond=0)
        staff = StaffInfo(
            department=sent.department_id.name or "",
            staff=self.env.user.name or "",
            email=self.env.user.email or "",
        )
        business = business or Business()
        business.staff = business.staff or staff
        business.paper = int(bool(recipient.paper_copy))
        return DocumentPackage(
            sender=sender,
            recipients=[
                Organization(
                    organ_id=partner.code_qcvn102 or partner.code_qd20 or "",
                    organ_name=partner.name or "",
                )
            ],
            document_id=sent._egov_axis_document_id(),
            number=sent.number or "",
            notation=sent.notation or "",
            promulgation_place=company.city or "",
            promulgation_date=sent.issued_date,
            document_type=sent.document_type_id.edxml_type or 1,
            document_type_name=sent.document_type_id.name or "",
            subject=sent.subject or "",
            content=sent.description or "",
            signer=Signer(
                competence=COMPETENCE_LABELS.get(sent.signer_competence or "", ""),
                position=sent.signer_position or "",
                full_name=sent.signer_name or "",
            ),
            due_date=sent.reply_deadline or None,
            to_places=[line for line in (sent.recipient_places or "").splitlines() if line.strip()],
            priority=PRIORITY_BY_URGENCY.get(sent.urgency or "normal", 0),
            steering_type=int(sent.steering_type or 0),
            paper=int(bool(recipient.paper_copy)),
            page_amount=sent.page_count or 0,
            promulgation_amount=len(sent.recipient_ids.filtered(lambda r: r.kind == "agency")),
            response_for=[
                ResponseFor(
                    organ_id=original.egov_sender_code
                    or original.issuing_agency_id.code_qcvn102
                    or "",
                    code=original.number_notation or "",
                    promulgation_date=original.issued_date,
                    document_id=original.egov_edxml_document_id
                    or original.document_identifier
                    or "",
                )
                for original in sent.response_for_ids
            ],
            business=business,
            trace=[TraceEntry(organ_id=sender.organ_id, timestamp=now)],
            attachments=[
                Attachment(
                    name=file.name,
                    content_type=file.mimetype or "application/octet-stream",
                    data=base64.b64decode(file.datas),
                    description=dict(file._fields["role"]._description_selection(self.env)).get(
                        file.role, ""
                    ),
                )
                for file in sent.file_ids
            ],
        )

    def _egov_axis_send(self, backend, recipient, business=None):
        """Build the package for ``recipient`` and queue its send job."""
        self.ensure_one()
        package = self._egov_axis_package(recipient, business)
        try:
            data = build(package)
        except ValueError as error:
            raise UserError(
                self.env._(
                    "%(document)s cannot be sent over the axis: %(error)s",
                    document=self.display_name,
                    error=error,
                )
            ) from None
        return self.env["egov.interchange.message"]._egov_create_outgoing(
            backend,
            data,
            kind="document",
            business_type=str(package.business.doc_type or 0),
            edxml_document_id=package.document_id,
            receiver_code=package.recipients[0].organ_id,
            sender_code=package.sender.organ_id,
            document_id=self.id,
            recipient_id=recipient.id,
        )

    # --- Statuses back to the sender ---------------------------------------------------------
    def _egov_report_status(self, code, note=None):
        result = super()._egov_report_status(code, note)
        for document in self.sudo().filtered(
            lambda d: d.direction == "incoming" and d.egov_interchange_message_id
        ):
            document._egov_axis_send_status(code, note)
        return result

    def _egov_axis_send_status(self, code, note=None):
        """Send the status package of this received document to its sender."""
        self.ensure_one()
        backend = self.egov_interchange_message_id.backend_id
        if not backend.active:
            backend = self.env["egov.interchange.backend"]._egov_for_company(self.company_id)
        if not backend:
            return False
        package = StatusPackage(
            sender=self._egov_axis_organization(self.company_id),
            response_for=ResponseFor(
                organ_id=self.egov_sender_code or "",
                code=self.number_notation or "",
                promulgation_date=self.issued_date,
                document_id=self.egov_edxml_document_id or "",
            ),
            status_code=code,
            description=(note or STATUS_CODES.get(code, ""))[:500],
            timestamp=datetime.now(VIETNAM).replace(microsecond=0),
            staff=StaffInfo(
                staff=self.env.user.name or "",
                email=self.env.user.email or "",
            ),
        )
        return self.env["egov.interchange.message"]._egov_create_outgoing(
            backend,
            build(package),
            kind="status",
            status_code=code,
            edxml_document_id=self.egov_edxml_document_id,
            receiver_code=self.egov_sender_code,
            sender_code=package.sender.organ_id,
            document_id=self.id,
        )

    # --- Receiving (called by the exchange message, inside its savepoint) --------------------
    @api.model
    def _egov_axis_sender_partner(self, organization):
        """The directory's agency for ``organization``; added when unknown."""
        Partners = self.env["res.partner"].sudo().with_context(active_test=False)
        code = organization.organ_id
        partner = Partners.search(
            [("is_agency", "=", True), "|", ("code_qcvn102", "=", code), ("code_qd20", "=", code)],
            limit=1,
        )
        if partner:
            return partner
        vals = {
            "name": organization.organ_name or code,
            "is_agency": True,
            "is_company": True,
            "email": organization.email or False,
            "phone": organization.telephone or False,
        }
        for field_name in ("code_qcvn102", "code_qd20"):
            try:
                with self.env.cr.savepoint():
                    return Partners.create({**vals, field_name: code})
            except ValidationError:
                self.env.invalidate_all()
        return Partners.create({**vals, "ref": code})

    @api.model
    def _egov_axis_document_type(self, package):
        Types = self.env["egov.document.type"].sudo()
        found = Types.browse()
        if package.document_type_name:
            found = Types.search([("name", "=ilike", package.document_type_name)], limit=1)
        if not found and package.notation:
            abbreviation = package.notation.split("-", 1)[0].strip()
            found = Types.search([("abbreviation", "=", abbreviation)], limit=1)
        return found or self.env.ref("egov_documents.document_type_official_letter")

    @api.model
    def _egov_axis_find_received(self, message, document_ids):
        """Documents this agency received from the package's sender under ``document_ids``."""
        return (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("company_id", "=", message.company_id.id),
                    ("direction", "=", "incoming"),
                    ("egov_sender_code", "=", message.sender_code),
                    ("egov_edxml_document_id", "in", [i for i in document_ids if i]),
                ]
            )
        )

    @api.model
    def _egov_axis_receive_document(self, message, package):
        """Apply a document package: new (0), recall (1), update (2) or replace (3)."""
        doc_type = package.business.doc_type or 0
        reference = package.business.document_id or package.document_id
        if doc_type in (1, 2):
            originals = self._egov_axis_find_received(message, [reference])
            if not originals:
                raise UserError(
                    self.env._(
                        "No document %(document)s was received from %(sender)s in %(agency)s: "
                        "the recall or update is refused.",
                        document=reference,
                        sender=message.sender_code,
                        agency=message.company_id.name,
                    )
                )
            if doc_type == 1:
                originals._egov_axis_recall_requested(package.business.reason)
            else:
                originals._egov_axis_apply_update(package)
            return {"document_id": originals[:1].id}
        document = self._egov_axis_create_incoming(message, package)
        if doc_type == 3:
            replaced = self._egov_axis_find_received(
                message, package.business.replaced_document_ids
            )
            for old in replaced.filtered(lambda d: d.incoming_state != "recalled"):
                old._egov_axis_remove(
                    self.env._(
                        "Replaced by %(reference)s", reference=document.number_notation or ""
                    )
                )
        return {"document_id": document.id}

    @api.model
    def _egov_axis_create_incoming(self, message, package):
        company = message.company_id
        issuer = self._egov_axis_sender_partner(package.sender)
        originals = self.sudo().search(
            [
                ("company_id", "=", company.id),
                ("direction", "!=", "incoming"),
                ("document_identifier", "in", [r.document_id for r in package.response_for]),
            ]
        )
        competence = COMPETENCE_BY_LABEL.get(
            (package.signer.competence or "").strip().rstrip(".").upper(), "direct"
        )
        Documents = (
            system_env(self.env["egov.document"], sudo=True)
            .with_company(company)
            .with_context(default_direction="incoming", tracking_disable=False)
        )
        document = Documents.create(
            {
                "direction": "incoming",
                "company_id": company.id,
                "user_id": False,
                "subject": (package.subject or package.document_id or "-")[:500],
                "description": package.content or False,
                "number": package.number or False,
                "notation": package.notation or False,
                "issued_date": package.promulgation_date,
                "issuing_agency_id": issuer.id,
                "document_type_id": self._egov_axis_document_type(package).id,
                "signer_competence": competence,
                "signer_position": package.signer.position or False,
                "signer_name": package.signer.full_name or False,
                "urgency": URGENCY_BY_PRIORITY.get(package.priority, "normal"),
                "page_count": package.page_amount or 0,
                "steering_type": str(package.steering_type)
                if str(package.steering_type) in ("0", "1", "2")
                else "0",
                "paper_copy": bool(package.paper),
                "deadline": package.due_date
                and datetime.combine(package.due_date, datetime.min.time()).replace(hour=10),
                "recipient_places": "\n".join(package.to_places) or False,
                "arrival_channel": "axis",
                "arrived_at": fields.Datetime.now(),
                "egov_interchange_message_id": message.id,
                "egov_edxml_document_id": package.document_id,
                "egov_sender_code": message.sender_code or package.sender.organ_id,
                "response_for_ids": [fields.Command.set(originals.ids)],
                "file_ids": [
                    fields.Command.create(
                        {
                            "name": attachment.name,
                            "datas": base64.b64encode(attachment.data),
                            "role": "main" if index == 0 else "attachment",
                            "sequence": 10 + index,
                        }
                    )
                    for index, attachment in enumerate(package.attachments)
                ],
            }
        )
        document._egov_report_status("01")
        clerks = company._egov_users(CLERK)
        # written for the receiver's clerks: in the receiving agency's language
        in_agency_lang = document.with_context(lang=company._egov_lang())
        in_agency_lang.message_post(
            body=in_agency_lang.env._(
                "New document from %(agency)s over the document axis: %(reference)s",
                agency=issuer.name,
                reference=document.number_notation or document.subject,
            ),
            partner_ids=clerks.partner_id.ids,
            message_type="notification",
            subtype_xmlid="mail.mt_comment",
        )
        return document

    def _egov_axis_recall_requested(self, reason):
        """The sender asks for its document back: the clerk decides (agree: the document
        is removed and 15 sent; refuse with a reason: 16)."""
        for document in self.filtered(lambda d: d.incoming_state != "recalled"):
            system_env(document).write(
                {"egov_recall_pending": True, "egov_recall_request_reason": reason or False}
            )
            clerks = document.company_id._egov_users(CLERK)
            document.message_post(
                body=self.env._(
                    "The sender asks to recall this document: %(reason)s", reason=reason or "-"
                ),
                partner_ids=clerks.partner_id.ids,
                message_type="notification",
                subtype_xmlid="mail.mt_comment",
            )
            document._egov_activity_schedule(
                "recall_answer",
                clerks[:1],
                note=reason or "",
            )

    def _egov_axis_apply_update(self, package):
        """The sender updated the metadata after issue (BussinessDocType 2)."""
        values = {
            "subject": (package.subject or "")[:500] or False,
            "urgency": URGENCY_BY_PRIORITY.get(package.priority, "normal"),
            "page_count": package.page_amount or 0,
        }
        if package.due_date:
            values["deadline"] = datetime.combine(package.due_date, datetime.min.time()).replace(
                hour=10
            )
        values = {key: value for key, value in values.items() if value is not False}
        for document in self.filtered("active"):
            system_env(document).write(values)
            document.message_post(
                body=self.env._(
                    "The sender updated this document: %(reason)s",
                    reason=package.business.reason or "-",
                )
            )

    def _egov_axis_remove(self, reason):
        """Remove a received document and its files from the agency's work, keeping the
        record of the recall (NĐ 30/2020 Điều 18.4.b)."""
        for document in self:
            system_env(
                document.assignment_ids.filtered(lambda a: a.state in ("assigned", "in_progress"))
            ).write({"state": "cancelled"})
            document.activity_unlink(["mail.mail_activity_data_todo"])
            system_env(document.file_ids).unlink()
            document.sudo()._egov_move(
                "recalled",
                {"recall_reason": reason, "active": False, "egov_recall_pending": False},
            )
            document.message_post(
                body=self.env._("Recalled by the sender: %(reason)s", reason=reason)
            )

    def _egov_axis_answer_recall(self, agree, reason=None):
        """The clerk answers the sender's recall request: agree (the document is removed,
        15 is sent back) or refuse with a reason (16). Called by the recall wizard."""
        self._egov_check_group(CLERK, self.env._("answer recall requests"))
        self.check_access("write")
        for document in self:
            if not document.egov_recall_pending:
                raise UserError(
                    self.env._(
                        "%(document)s has no recall request to answer.",
                        document=document.display_name,
                    )
                )
        if not agree and not (reason or "").strip():
            raise UserError(
                self.env._("Give the reason for refusing the recall: the sender sees it.")
            )
        for document in self:
            if agree:
                note = document.egov_recall_request_reason or ""
                document._egov_axis_remove(note)
                document._egov_report_status("15", note)
            else:
                system_env(document).write({"egov_recall_pending": False})
                document._egov_activity_close(("recall_answer",), feedback=reason.strip())
                document.message_post(
                    body=self.env._("Recall refused: %(reason)s", reason=reason.strip())
                )
                document._egov_report_status("16", reason.strip())
        return True

    @api.model
    def _egov_axis_receive_status(self, message, package):
        """A receiver reports a business status for one of this agency's documents: it goes
        on the line of that receiver, and only there."""
        response = package.response_for
        if package.status_code not in STATUS_CODES:
            raise UserError(self.env._("Unknown status code %(code)s.", code=package.status_code))
        domain = [
            ("company_id", "=", message.company_id.id),
            ("direction", "!=", "incoming"),
        ]
        documents = (
            self.sudo()
            .with_context(active_test=False)
            .search(domain + [("document_identifier", "=", response.document_id)])
            if response.document_id
            else self.browse()
        )
        if not documents and response.code:
            documents = (
                self.sudo()
                .with_context(active_test=False)
                .search(domain + [("number_notation", "=", response.code)])
            )
        sender = message.sender_code
        senders = {sender, package.sender.organ_id}
        lines = documents.recipient_ids.filtered(
            lambda line: (
                line.channel == "axis"
                and senders & {line.partner_id.code_qcvn102, line.partner_id.code_qd20}
            )
        )
        if not lines:
            raise UserError(
                self.env._(
                    "Status %(code)s from %(sender)s refers to %(document)s, which %(agency)s did "
                    "not send to that agency: refused.",
                    code=package.status_code,
                    sender=sender,
                    document=response.document_id or response.code or "-",
                    agency=message.company_id.name,
                )
            )
        when = _naive_utc(package.timestamp)
        recorded = lines.status_ids.filtered(
            lambda status: status.code == package.status_code and status.reported_at == when
        )
        if recorded:
            # the same status sent twice (a resend under a new DocId): recorded once
            return {"document_id": lines[0].document_id.id, "recipient_id": lines[0].id}
        lines._egov_set_status(
            package.status_code, package.description or False, lines[0].partner_id, when=when
        )
        if package.status_code == "01":
            system_env(lines.filtered(lambda r: r.delivery_state != "delivered")).write(
                {"delivery_state": "delivered", "delivered_at": when}
            )
        return {"document_id": lines[0].document_id.id, "recipient_id": lines[0].id}

    # --- Reply deadline (Tây Ninh 52/2019 Điều 9.2.d) ------------------------------------------
    @api.model
    def _cron_egov_reply_overdue(self):
        """Flag to the drafter each receiving agency that has not answered a
        task-assigning document (one with a reply deadline) by its deadline."""
        check_scheduler(self.env)
        today = to_local(fields.Datetime.now()).date()
        lines = (
            self.env["egov.document.recipient"]
            .sudo()
            .search(
                [
                    ("kind", "=", "agency"),
                    ("document_id.outgoing_state", "=", "issued"),
                    ("document_id.reply_deadline", "<", today),
                    ("egov_reply_flagged_at", "=", False),
                    ("business_status", "not in", ("02", "06", "15")),
                ],
                limit=500,
            )
        )
        now = fields.Datetime.now()
        for line in lines:
            document = line.document_id
            if line.partner_id in document.reply_ids.issuing_agency_id:
                continue
            drafter = document.user_id or document.issued_by_id
            document._egov_activity_schedule(
                "reply_overdue",
                drafter,
                lambda doc, agency=line.partner_id.name: doc.env._(
                    "No reply from %(agency)s by %(deadline)s",
                    agency=agency,
                    deadline=doc.reply_deadline,
                ),
            )
            system_env(line).write({"egov_reply_flagged_at": now})
        return True
