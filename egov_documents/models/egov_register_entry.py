from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..rules.numbering import format_number
from ..rules.worktime import to_local
from .egov_guard import is_system, system_env


def _local_date(moment):
    return to_local(moment).date() if moment else False


class EgovRegisterEntry(models.Model):
    """One number taken from a register in a year, with the document that took it.

    Entries are never deleted: a number given in error is voided with a reason and
    stays in the register, as the register books must show every number.
    """

    _name = "egov.register.entry"
    _description = "Register Number"
    _order = "register_id, year desc, number desc"
    _rec_name = "number_display"

    register_id = fields.Many2one(
        "egov.register",
        string="Document Register",
        required=True,
        index=True,
        ondelete="restrict",
    )
    # the confidentiality of the document that took the number: record rules read it
    confidential = fields.Boolean(index=True, readonly=True)
    company_id = fields.Many2one(related="register_id.company_id", store=True, index=True)
    direction = fields.Selection(related="register_id.direction", store=True)
    # a year and a number are labels, never added up in group rows
    year = fields.Integer(required=True, aggregator=None)
    number = fields.Integer(string="Sequence Number", required=True, aggregator=None)
    number_display = fields.Char(
        string="Register Number", compute="_compute_number_display", store=True
    )
    document_id = fields.Many2one("egov.document", index=True, ondelete="restrict")
    state = fields.Selection(
        [("used", "Used"), ("voided", "Voided")], default="used", required=True
    )
    void_reason = fields.Text()
    voided_by_id = fields.Many2one("res.users", readonly=True)
    voided_at = fields.Datetime(string="Voided On", readonly=True)

    # --- The columns of the register book (NĐ 30/2020 Phụ lục IV), for display ----------
    # Empty when the number was voided or its document gave it up: the row then shows only
    # the number and the reason.
    in_use = fields.Boolean(compute="_compute_book_columns", string="Number in Use")
    book_arrival_date = fields.Date(compute="_compute_book_columns", string="Arrival Date")
    book_author = fields.Char(compute="_compute_book_columns", string="Author")
    book_number_notation = fields.Char(
        compute="_compute_book_columns", string="Document Number and Notation"
    )
    book_document_date = fields.Date(compute="_compute_book_columns", string="Date of Document")
    book_type_subject = fields.Char(compute="_compute_book_columns", string="Type and Subject")
    book_signer = fields.Char(compute="_compute_book_columns", string="Signer")
    book_recipients = fields.Char(compute="_compute_book_columns", string="Sent To")
    book_receiver = fields.Char(compute="_compute_book_columns", string="Receiving Unit or Person")
    book_copies = fields.Integer(compute="_compute_book_columns", string="Copies", aggregator=None)
    book_sent_date = fields.Date(compute="_compute_book_columns", string="Date Transferred")
    book_acknowledged = fields.Char(
        compute="_compute_book_columns",
        string="Acknowledged",
        help="Outgoing: recipients that received the document out of all. Incoming: when the "
        "lead unit or person accepted it.",
    )
    book_note = fields.Char(compute="_compute_book_columns", string="Remarks")

    _sql_constraints = [
        (
            "number_unique_per_register_year",
            "UNIQUE(register_id, year, number)",
            "This number has already been given in this register for this year.",
        ),
    ]

    @api.depends("number")
    def _compute_number_display(self):
        for entry in self:
            entry.number_display = format_number(entry.number) if entry.number else False

    @api.depends("state", "void_reason", "document_id")
    def _compute_book_columns(self):
        columns = [
            "book_arrival_date",
            "book_author",
            "book_number_notation",
            "book_document_date",
            "book_type_subject",
            "book_signer",
            "book_recipients",
            "book_receiver",
            "book_copies",
            "book_sent_date",
            "book_acknowledged",
            "book_note",
        ]
        # the columns show what the reader may read of the document, nothing more
        readable = self.document_id._filtered_access("read")
        for entry in self:
            document = entry.document_id
            in_use = entry.state == "used" and document.sudo().register_entry_id == entry
            values = dict.fromkeys(columns, False)
            values["in_use"] = in_use
            if entry.state == "voided":
                values["book_note"] = entry.void_reason
            if in_use and document in readable:
                type_name = document.document_type_id.name or ""
                subject = document.subject or ""
                type_subject = (
                    subject
                    if type_name and subject.casefold().startswith(type_name.casefold())
                    else " ".join(part for part in (type_name, subject) if part)
                )
                values.update(
                    book_number_notation=document.number_notation,
                    book_document_date=document.issued_date,
                    book_type_subject=type_subject,
                )
                if entry.direction == "incoming":
                    values.update(entry._book_incoming_columns(document))
                else:
                    values.update(entry._book_outgoing_columns(document))
            entry.update(values)

    def _book_incoming_columns(self, document):
        top = document.assignment_ids.filtered(lambda a: not a.parent_id and a.state != "cancelled")
        names = [a.department_id.name or a.user_id.name for a in top.sorted("role", reverse=True)]
        lead = top.filtered(lambda a: a.role == "lead")[:1]
        return {
            "book_arrival_date": _local_date(document.received_at or document.registered_at),
            "book_author": document.issuing_agency_id.name,
            "book_receiver": ", ".join(name for name in names if name) or document.leader_id.name,
            "book_sent_date": _local_date(document.distributed_at or document.presented_at),
            "book_acknowledged": lead.accepted_at
            and format(_local_date(lead.accepted_at), "%d/%m/%Y"),
        }

    def _book_outgoing_columns(self, document):
        recipients = document.recipient_ids.filtered(lambda r: r.purpose != "archive")
        delivered = recipients.filtered(lambda r: r.delivery_state == "delivered")
        places = (document.recipient_places or "").strip()
        return {
            "book_signer": document.signer_name,
            "book_recipients": places or "; ".join(recipients.mapped("display_name")),
            "book_copies": len(recipients),
            "book_sent_date": _local_date(document.issued_at),
            "book_acknowledged": f"{len(delivered)}/{len(recipients)}" if recipients else False,
        }

    @api.model_create_multi
    def create(self, vals_list):
        if not is_system(self.env):
            raise UserError(
                self.env._(
                    "Register numbers are taken by registration and numbering only, never entered by hand."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if not is_system(self.env):
            raise UserError(
                self.env._(
                    "Register numbers are written by registration and numbering only, and voided "
                    "with a reason through Void Number."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._("A number given from a register is never deleted: void it with a reason.")
        )

    def _void(self, reason):
        """Void these numbers, keeping them in the register with the reason. Called by the
        void wizard; the clerk must be able to change the documents that hold them."""
        if not self.env.user.has_group("egov_documents.group_egov_clerk"):
            raise AccessError(self.env._("Only a clerk voids register numbers."))
        self.check_access("read")
        self.document_id.check_access("write")
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for voiding the number."))
        for entry in self:
            if entry.state == "voided":
                raise UserError(
                    self.env._(
                        "Number %(number)s of %(register)s is already voided.",
                        number=entry.number_display,
                        register=entry.register_id.name,
                    )
                )
        system_env(self.sudo()).write(
            {
                "state": "voided",
                "void_reason": reason.strip(),
                "voided_by_id": self.env.uid,
                "voided_at": fields.Datetime.now(),
            }
        )
        for entry in self.filtered("document_id"):
            entry.document_id._egov_on_number_voided(entry.sudo())
