from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..rules.worktime import to_iso
from .egov_guard import is_system, system_env

RECIPIENT_KINDS = [
    ("agency", "Agency"),
    ("unit", "Internal Unit"),
    ("person", "Person"),
]
DELIVERY_STATES = [
    ("pending", "Not Sent"),
    ("sent", "Sent"),
    ("delivered", "Delivered"),
    ("failed", "Failed"),
]
#: how the document reached the agency of a line (set at delivery)
CHANNELS = [
    ("internal", "Same System"),
    ("axis", "Document Axis"),
    ("paper", "Paper"),
    ("email", "Email"),
]
BUSINESS_STATUSES = [
    ("01", "01 Arrived"),
    ("02", "02 Rejected"),
    ("03", "03 Accepted"),
    ("04", "04 Assigned"),
    ("05", "05 In Progress"),
    ("06", "06 Completed"),
    ("13", "13 Recall Requested"),
    ("15", "15 Recall Accepted"),
    ("16", "16 Recall Refused"),
]


class EgovDocumentRecipient(models.Model):
    """One receiver of an outgoing document (an agency, an internal unit or a person),
    with its own delivery and business status (edXML status codes 01–06, 13, 15, 16)."""

    _name = "egov.document.recipient"
    _inherit = ["egov.guarded.mixin"]
    _description = "Document Recipient"
    _order = "document_id, sequence, id"
    _check_company_auto = True

    # Delivery and the statuses reported back are the system's; a line, once its document
    # is issued, is the record of a delivery and never changes or disappears.
    _egov_system_fields = frozenset(
        {
            "delivery_state",
            "business_status",
            "status_at",
            "sent_at",
            "status_note",
            "delivered_at",
            "incoming_document_id",
            "channel",
        }
    )

    document_id = fields.Many2one("egov.document", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(
        related="document_id.company_id", string="Sending Agency", store=True, index=True
    )
    sequence = fields.Integer(default=10)
    kind = fields.Selection(RECIPIENT_KINDS, required=True, default="agency")
    partner_id = fields.Many2one(
        "res.partner", string="Agency", domain=[("is_agency", "=", True)], index="btree_not_null"
    )
    department_id = fields.Many2one("hr.department", string="Unit", check_company=True)
    user_id = fields.Many2one("res.users", string="Person", check_company=True)
    purpose = fields.Selection(
        [("action", "For Action"), ("information", "For Information"), ("archive", "File Copy")],
        default="action",
        required=True,
    )
    paper_copy = fields.Boolean(
        compute="_compute_paper_copy",
        store=True,
        readonly=False,
        help="Also sent on paper: documents of a type that requires it, and, as the rule "
        "profile says, documents to central bodies, to Party bodies, People's Councils and "
        "Committees, to the Department of Justice for appraisal, and documents kept "
        "permanently (Tây Ninh 52/2019 Điều 6.2, Kon Tum Điều 7, Bến Tre 44/2017 Điều 3.5).",
    )
    delivery_state = fields.Selection(
        DELIVERY_STATES, default="pending", required=True, readonly=True
    )
    channel = fields.Selection(CHANNELS, readonly=True, copy=False, help="Set at delivery.")
    business_status = fields.Selection(BUSINESS_STATUSES, readonly=True)
    status_at = fields.Datetime(string="Status Since", readonly=True)
    sent_at = fields.Datetime(readonly=True)
    status_note = fields.Text(readonly=True)
    delivered_at = fields.Datetime(readonly=True)
    status_ids = fields.One2many("egov.document.status", "recipient_id", string="Status History")
    incoming_document_id = fields.Many2one(
        "egov.document",
        string="Receiver's Document",
        readonly=True,
        index="btree_not_null",
        copy=False,
        help="For an agency of this database: the incoming document created in its agency.",
    )

    @api.depends(
        "document_id.paper_copy",
        "document_id.paper_copy_permanent",
        "document_id.appraisal_request",
        "partner_id.agency_level",
        "partner_id.agency_kind",
    )
    def _compute_paper_copy(self):
        for recipient in self:
            recipient.paper_copy = (
                recipient.document_id.paper_copy
                # the sender's rule profile: central, Party/HĐND/UBND, Sở Tư pháp, permanent
                or recipient._egov_paper_copy_by_profile()  # egov_rule_profile_rules.py
            )

    @api.constrains("kind", "partner_id", "department_id", "user_id")
    def _check_target(self):
        required = {"agency": "partner_id", "unit": "department_id", "person": "user_id"}
        for recipient in self:
            if not recipient[required[recipient.kind]]:
                raise ValidationError(
                    self.env._(
                        "A recipient of kind %(kind)s needs its %(field)s.",
                        kind=dict(self._fields["kind"]._description_selection(self.env))[
                            recipient.kind
                        ],
                        field=self._fields[required[recipient.kind]]._description_string(self.env),
                    )
                )

    # --- Integrity ------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not is_system(self.env):
            documents = self.env["egov.document"].browse(
                {vals.get("document_id") for vals in vals_list if vals.get("document_id")}
            )
            documents.check_access("write")
            for document in documents:
                document._egov_check_recipients_editable()
        return super().create(vals_list)

    def write(self, vals):
        if not is_system(self.env):
            if "document_id" in vals and any(
                line.document_id.id != vals["document_id"] for line in self
            ):
                raise UserError(self.env._("A recipient line stays on its document."))
            for document in self.document_id:
                document._egov_check_recipients_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never_after_issue(self):
        for line in self:
            if line.status_ids or line.delivery_state != "pending" or line.incoming_document_id:
                raise UserError(
                    self.env._(
                        "The line of %(recipient)s records a delivery and its statuses: it is never "
                        "deleted.",
                        recipient=line.display_name,
                    )
                )
            line.document_id._egov_check_recipients_editable()

    @api.depends("kind", "partner_id", "department_id", "user_id")
    def _compute_display_name(self):
        for recipient in self:
            target = recipient.partner_id or recipient.department_id or recipient.user_id
            recipient.display_name = target.display_name or ""

    # --- Delivery -------------------------------------------------------------------------
    def _egov_delivered_document(self):
        """The receiver's document this line delivered, when the two system links agree
        (the line points to it and it names this line as its origin)."""
        self.ensure_one()
        incoming = self.sudo().incoming_document_id.with_context(active_test=False)
        if incoming and incoming.origin_recipient_id == self.sudo():
            return incoming
        return incoming.browse()

    def _egov_receiver_company(self):
        """The agency of this database this line's agency is, if any."""
        self.ensure_one()
        if self.kind != "agency" or not self.partner_id:
            return self.env["res.company"]
        return (
            self.env["res.company"]
            .sudo()
            .search([("partner_id", "=", self.partner_id.id)], limit=1)
        )

    def _egov_mark_delivered(self, when):
        system_env(self.sudo()).write(
            {"delivery_state": "delivered", "sent_at": when, "delivered_at": when}
        )

    def _egov_deliver_same_database(self, when):
        """Create the incoming document in the receiving agency: a real document of that
        agency, linked to this line, with copies of the files (the attachment store keeps
        one copy of identical content)."""
        self.ensure_one()
        receiver = self._egov_receiver_company()
        sent = self.document_id.sudo()
        Documents = (
            system_env(self.env["egov.document"], sudo=True)
            .with_company(receiver)
            .with_context(default_direction="incoming", tracking_disable=False)
        )
        replies_to = sent.response_for_ids.origin_recipient_id.document_id.filtered(
            lambda original: original.company_id == receiver
        )
        incoming = (
            Documents.create(
                {
                    "direction": "incoming",
                    "company_id": receiver.id,
                    "user_id": False,
                    "subject": sent.subject,
                    "number": sent.number,
                    "notation": sent.notation,
                    "issued_date": sent.issued_date,
                    "issuing_agency_id": sent.company_id.partner_id.id,
                    "document_type_id": sent.document_type_id.id,
                    "signer_competence": sent.signer_competence,
                    "signer_position": sent.signer_position,
                    "signer_name": sent.signer_name,
                    "urgency": sent.urgency,
                    "page_count": sent.page_count,
                    "language": sent.language,
                    "steering_type": sent.steering_type,
                    "paper_copy": self.paper_copy,
                    "deadline": sent.reply_deadline
                    and fields.Datetime.to_datetime(sent.reply_deadline).replace(hour=10),
                    "arrival_channel": "internal",
                    "arrived_at": when,
                    "origin_recipient_id": self.id,
                    "response_for_ids": [fields.Command.set(replies_to.ids)],
                    "file_ids": [
                        fields.Command.create(
                            {
                                "name": file.name,
                                "datas": file.datas,
                                "role": file.role,
                                "sequence": file.sequence,
                            }
                        )
                        for file in sent.file_ids
                    ],
                }
            )
            .with_env(self.env)
            .sudo()
        )
        system_env(self).write(
            {
                "incoming_document_id": incoming.id,
                "channel": "internal",
                "delivery_state": "delivered",
                "sent_at": when,
                "delivered_at": when,
            }
        )
        incoming._egov_report_status("01")
        clerks = receiver._egov_users("egov_documents.group_egov_clerk")
        # written for the receiver's clerks: in the receiving agency's language
        in_agency_lang = incoming.with_context(lang=receiver._egov_lang())
        in_agency_lang.message_post(
            body=in_agency_lang.env._(
                "New document from %(agency)s: %(reference)s",
                agency=sent.company_id.name,
                reference=sent.number_notation,
            ),
            partner_ids=clerks.partner_id.ids,
            message_type="notification",
            subtype_xmlid="mail.mt_comment",
        )
        return incoming

    def _egov_set_status(self, code, note, reporting_company, when=None):
        """Record a business status reported by the receiver (an agency of this database,
        or the partner of an agency on the axis), with its time."""
        now = when or fields.Datetime.now()
        reporter = (
            reporting_company.partner_id
            if reporting_company._name == "res.company"
            else reporting_company
        )
        for recipient in self.sudo():
            if not recipient.status_at or recipient.status_at <= now:
                system_env(recipient).write(
                    {"business_status": code, "status_at": now, "status_note": note or False}
                )
            system_env(self.env["egov.document.status"], sudo=True).create(
                {
                    "recipient_id": recipient.id,
                    "code": code,
                    "note": note,
                    "reported_at": now,
                    "reported_by_id": reporter.id,
                }
            )
            # Written once for every reader of the sender's document: in the agency's language.
            env = self.with_context(lang=recipient.document_id.company_id._egov_lang()).env
            label = dict(self._fields["business_status"]._description_selection(env))[code]
            recipient.document_id.message_post(
                body=env._(
                    "%(agency)s: %(status)s at %(time)s. %(note)s",
                    agency=recipient.display_name,
                    status=label,
                    time=to_iso(now),
                    note=note or "",
                ),
                subtype_xmlid="mail.mt_note",
            )
