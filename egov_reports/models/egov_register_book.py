from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.egov_documents.rules.numbering import format_number

from ..registers import columns, layout
from ..registers.period import (
    InvalidPeriod,
    check_period,
    format_day,
    local_day,
    quarter_bounds,
    quarter_of,
)

#: who prints the register books: the clerk keeps them, the leaders sign them
READER_GROUPS = (
    "egov_documents.group_egov_clerk",
    "egov_documents.group_egov_agency_leader",
    "egov_documents.group_egov_admin",
)


class EgovRegisterBook(models.AbstractModel):
    """The register books of NĐ 30/2020 Phụ lục IV, read from the numbers taken.

    Every number a register gave in the period is one row, in number order, voided numbers
    included (marked "Hủy số" with the reason): the numbering is gap-free and the book shows
    it. A number belongs to the local day (Asia/Ho_Chi_Minh) it was taken for: the receipt of
    an incoming document, the date of an outgoing one. A voided outgoing number no longer has
    a document date; it sits between the numbers around it, which fixes its period.
    """

    _name = "egov.register.book"
    _description = "Register Book (NĐ 30/2020 Phụ lục IV)"

    # --- Access, language and periods -----------------------------------------------------
    @api.model
    def _egov_switch_to_vietnamese(self):
        """The books are Vietnamese forms: names with translations (document types) are
        read in Vietnamese when it is installed, whatever the reader's own language."""
        return self.env.context.get("lang") != "vi_VN" and "vi_VN" in dict(
            self.env["res.lang"].get_installed()
        )

    @api.model
    def _egov_check_reader(self, register):
        if not any(self.env.user.has_group(group) for group in READER_GROUPS):
            raise AccessError(
                self.env._("Only a clerk or a leader of the agency prints the register books.")
            )
        register.check_access("read")

    @api.model
    def _egov_period(self, date_from=None, date_to=None, today=None):
        """The period to print: the given days, else the quarter of ``today``."""
        if not date_from and not date_to:
            today = today or local_day(fields.Datetime.now())
            return quarter_bounds(today.year, quarter_of(today))
        try:
            check_period(date_from, date_to)
        except InvalidPeriod as error:
            start, end = format_day(date_from), format_day(date_to)
            if error.reason == "reversed":
                message = self.env._(
                    "The period starts on %(start)s, after its end %(end)s.", start=start, end=end
                )
            elif error.reason == "across_years":
                message = self.env._(
                    "Numbers restart on 1 January: a register period stays within one year "
                    "(%(start)s - %(end)s).",
                    start=start,
                    end=end,
                )
            else:
                message = self.env._("Give the first and the last day of the period.")
            raise UserError(message) from error
        return date_from, date_to

    # --- Entries of a period ----------------------------------------------------------------
    @api.model
    def _egov_entry_day(self, entry):
        """The local day the number of ``entry`` was taken for, or None when the number was
        voided and its document no longer dates it (an outgoing document gives its date
        up with the number)."""
        document = entry.document_id
        if entry.direction == "incoming":
            return local_day(document.received_at or document.registered_at)
        if document.register_entry_id == entry and document.issued_date:
            return document.issued_date
        return None

    @api.model
    def _egov_entries(self, register, date_from, date_to):
        """The numbers ``register`` gave from ``date_from`` to ``date_to``, in number order.

        Numbers are taken in time order within a year, so an undated (voided) number
        belongs to the period of the dated numbers around it: after the last number dated
        before the period and up to the last number dated within it. One past every dated
        number belongs to the period of the day it was voided.
        """
        entries = self.env["egov.register.entry"].search(
            [("register_id", "=", register.id), ("year", "=", date_from.year)],
            order="number",
        )
        entries.document_id.fetch(["received_at", "registered_at", "issued_date"])
        days = {entry: self._egov_entry_day(entry) for entry in entries}
        dated = [(entry.number, day) for entry, day in days.items() if day]
        before = max((n for n, day in dated if day < date_from), default=0)
        within = max((n for n, day in dated if day <= date_to), default=0)
        last_dated = max((n for n, _day in dated), default=0)
        selected = self.env["egov.register.entry"]
        for entry, day in days.items():
            if day:
                keep = date_from <= day <= date_to
            elif entry.number <= last_dated:
                keep = before < entry.number <= within
            else:
                voided_day = local_day(entry.voided_at)
                keep = bool(voided_day) and date_from <= voided_day <= date_to
            if keep:
                selected |= entry
        return selected

    # --- Rows -----------------------------------------------------------------------------
    @api.model
    def _egov_type_subject(self, document):
        """Tên loại và trích yếu: the type, then the subject, unless the subject already
        starts with the type ("Kế hoạch thực hiện …")."""
        type_name = (document.document_type_id.name or "").strip()
        subject = (document.subject or "").strip()
        if type_name and subject.casefold().startswith(type_name.casefold()):
            return subject
        return " ".join(part for part in (type_name, subject) if part)

    @api.model
    def _egov_receivers(self, document):
        """Đơn vị hoặc người nhận: the lead and coordinators the leader chose, else the
        leader the document was presented to."""
        top = document.assignment_ids.filtered(lambda a: not a.parent_id and a.state != "cancelled")
        lead = top.filtered(lambda a: a.role == "lead")
        coordinators = top - lead
        parts = []
        if lead:
            names = ", ".join(self._egov_assignee(a) for a in lead)
            parts.append(f"{columns.LEAD}: {names}")
        if coordinators:
            names = ", ".join(self._egov_assignee(a) for a in coordinators)
            parts.append(f"{columns.COORDINATORS}: {names}")
        if parts:
            return "; ".join(parts)
        return document.leader_id.name or ""

    @api.model
    def _egov_assignee(self, assignment):
        return assignment.department_id.name or assignment.user_id.name or ""

    @api.model
    def _egov_voided_row(self, entry, book):
        key = "arrival_number" if book == "incoming" else "number_notation"
        return {
            key: entry.number_display,
            "note": f"{columns.VOIDED}: {entry.void_reason or ''}".strip(),
            "voided": True,
            "entry_id": entry.id,
        }

    @api.model
    def _egov_outgoing_row(self, entry):
        document = entry.document_id
        if entry.state == "voided" or document.register_entry_id != entry:
            return self._egov_voided_row(entry, "outgoing")
        recipients = document.recipient_ids.filtered(lambda r: r.purpose != "archive")
        places = (document.recipient_places or "").strip() or "; ".join(
            recipients.mapped("display_name")
        )
        file_copy = [columns.FILE_COPY_CLERK]
        file_copy += [document.department_id.name or document.user_id.name or ""]
        notes = [
            columns.URGENCY.get(document.urgency),
            columns.OUTGOING_STATE_NOTES.get(document.outgoing_state),
        ]
        return {
            "number_notation": document.number_notation or entry.number_display,
            "document_date": format_day(document.issued_date),
            "type_subject": self._egov_type_subject(document),
            "signer": document.signer_name or "",
            "recipients": places,
            "file_copy": ", ".join(part for part in file_copy if part),
            "copies": str(len(recipients)) if recipients else "",
            "sent_on": format_day(local_day(document.issued_at)),
            "signature": "",
            "note": "; ".join(note for note in notes if note),
            "voided": False,
            "entry_id": entry.id,
            "document_id": document.id,
        }

    @api.model
    def _egov_incoming_row(self, entry):
        document = entry.document_id
        if entry.state == "voided" or document.register_entry_id != entry:
            return self._egov_voided_row(entry, "incoming")
        notes = [
            columns.URGENCY.get(document.urgency),
            columns.INCOMING_STATE_NOTES.get(document.incoming_state),
        ]
        return {
            "arrival_date": format_day(local_day(document.received_at or document.registered_at)),
            "arrival_number": entry.number_display,
            "author": document.issuing_agency_id.name or "",
            "number_notation": document.number_notation or "",
            "document_date": format_day(document.issued_date),
            "type_subject": self._egov_type_subject(document),
            "receiver": self._egov_receivers(document),
            "sent_on": format_day(local_day(document.distributed_at or document.presented_at)),
            "signature": "",
            "note": "; ".join(note for note in notes if note),
            "voided": False,
            "entry_id": entry.id,
            "document_id": document.id,
        }

    @api.model
    def _egov_tracking_row(self, entry):
        document = entry.document_id
        if entry.state == "voided" or document.register_entry_id != entry:
            return self._egov_voided_row(entry, "incoming")
        described = document.document_type_id.name or ""
        if document.number_notation:
            described += f" số {document.number_notation}"
        if document.issued_date:
            described += f" ngày {format_day(document.issued_date)}"
        if document.issuing_agency_id:
            described += f" của {document.issuing_agency_id.name}"
        replies = document.reply_ids.filtered("number_notation")
        return {
            "arrival_number": entry.number_display,
            "document": described.strip(),
            "receiver": self._egov_receivers(document),
            "deadline": format_day(local_day(document.deadline)),
            "progress": self._egov_progress(document),
            "reply": "; ".join(replies.mapped("number_notation")),
            "note": columns.INCOMING_STATE_NOTES.get(document.incoming_state) or "",
            "voided": False,
            "entry_id": entry.id,
            "document_id": document.id,
        }

    @api.model
    def _egov_progress(self, document):
        """Tiến độ giải quyết, from the lead assignment and the document's state."""
        if document.incoming_state == "done":
            done_on = format_day(local_day(document.completed_at))
            return f"{columns.PROGRESS['done']} {done_on}".strip()
        lead = document.assignment_ids.filtered(
            lambda a: not a.parent_id and a.role == "lead" and a.state != "cancelled"
        )[:1]
        if not lead:
            return columns.PROGRESS["unassigned"]
        text = columns.PROGRESS.get(lead.state, "")
        if lead.state == "in_progress" and lead.progress:
            text += f" ({lead.progress}%)"
        if lead.state == "done":
            text += f" {format_day(local_day(lead.completed_at))}"
        if lead.state in ("assigned", "in_progress") and (
            (lead.deadline or document.deadline)
            and (lead.deadline or document.deadline) < fields.Datetime.now()
        ):
            text += f"; {columns.PROGRESS['overdue']}"
        return text.strip()

    # --- The book ---------------------------------------------------------------------------
    @api.model
    def _egov_book(self, register, book=None, date_from=None, date_to=None, volume=None):
        """Everything a register book shows: the cover and one row per number.

        ``book`` is 'outgoing', 'incoming' or 'tracking' (sổ theo dõi giải quyết, incoming
        registers only); by default the register's own direction.
        """
        register.ensure_one()
        self._egov_check_reader(register)
        book = book or ("incoming" if register.direction == "incoming" else "outgoing")
        if book in ("incoming", "tracking") and register.direction != "incoming":
            raise UserError(
                self.env._(
                    "%(register)s is not an incoming register: it has no arrival numbers "
                    "to list in this book.",
                    register=register.name,
                )
            )
        if book == "outgoing" and register.direction == "incoming":
            raise UserError(
                self.env._(
                    "%(register)s is an incoming register: print it as the incoming book.",
                    register=register.name,
                )
            )
        date_from, date_to = self._egov_period(date_from, date_to)
        # messages above in the reader's language; the book itself in Vietnamese
        if self._egov_switch_to_vietnamese():
            return self.with_context(lang="vi_VN")._egov_book_content(
                register.with_context(lang="vi_VN"), book, date_from, date_to, volume
            )
        return self._egov_book_content(register, book, date_from, date_to, volume)

    @api.model
    def _egov_book_content(self, register, book, date_from, date_to, volume):
        entries = self._egov_entries(register, date_from, date_to)
        make_row = {
            "outgoing": self._egov_outgoing_row,
            "incoming": self._egov_incoming_row,
            "tracking": self._egov_tracking_row,
        }[book]
        rows = [make_row(entry) for entry in entries]
        company = register.company_id
        numbers = entries.mapped("number")
        return {
            "book": book,
            "title": columns.TITLES[book],
            "columns": columns.BOOKS[book],
            "register": register,
            "cover": {
                "parent_agency": company.agency_parent_id.name or "",
                "agency": company.name,
                "year": str(date_from.year),
                "date_from": format_day(date_from),
                "date_to": format_day(date_to),
                "period": f"Từ ngày {format_day(date_from)} đến ngày {format_day(date_to)}",
                "number_from": format_number(min(numbers)) if numbers else "",
                "number_to": format_number(max(numbers)) if numbers else "",
                "numbers": (
                    f"Từ số {format_number(min(numbers))} đến số {format_number(max(numbers))}"
                    if numbers
                    else "Từ số … đến số …"
                ),
                "volume": str(volume or "01"),
            },
            "rows": rows,
            "pages": layout.paginate(rows, columns.BOOKS[book]),
        }

    # --- Phiếu giải quyết văn bản đến (Phụ lục IV) -------------------------------------------
    @api.model
    def _egov_slip(self, document):
        """The three parts of the processing slip of an incoming ``document``, from its
        distribution and assignment history: the agency leader's opinion (lead, coordinators,
        deadline, date), the unit leaders' (person assigned, deadline, date) and the
        handlers' proposals with their dates."""
        document.ensure_one()
        if document.direction != "incoming":
            raise UserError(
                self.env._(
                    "%(document)s is not an incoming document: only incoming documents have "
                    "a processing slip.",
                    document=document.display_name,
                )
            )
        if not any(
            self.env.user.has_group(group)
            for group in READER_GROUPS + ("egov_documents.group_egov_unit_leader",)
        ):
            raise AccessError(self.env._("Only a clerk or a leader prints the processing slip."))
        document.check_access("read")
        # messages above in the reader's language; the slip itself in Vietnamese
        if self._egov_switch_to_vietnamese():
            return self.with_context(lang="vi_VN")._egov_slip_content(
                document.with_context(lang="vi_VN")
            )
        return self._egov_slip_content(document)

    @api.model
    def _egov_slip_content(self, document):
        assignments = document.assignment_ids.filtered(lambda a: a.state != "cancelled")
        top = assignments.filtered(lambda a: not a.parent_id)
        leader_part = {
            "opinion": document.directive or "",
            "assignees": self._egov_receivers(document) if top else "",
            "deadline": format_day(local_day(document.deadline)),
            "date": local_day(document.distributed_at),
            "name": document.distributed_by_id.name or document.leader_id.name or "",
        }
        unit_parts = [
            {
                "opinion": child.directive or "",
                "assignee": self._egov_assignee(child),
                "deadline": format_day(local_day(child.deadline)),
                "date": local_day(child.assigned_at),
                "name": child.assigned_by_id.name or "",
            }
            for child in (assignments - top).sorted(lambda a: (a.assigned_at, a.id))
        ]
        proposals = [
            {
                "opinion": node.proposal,
                "date": local_day(node.completed_at or node.accepted_at or node.write_date),
                "name": node.responsible_user_id.name or self._egov_assignee(node),
            }
            for node in assignments.sorted(lambda a: (a.assigned_at, a.id))
            if node.proposal
        ]
        described = document.document_type_id.name or ""
        if document.number_notation:
            described += f" số {document.number_notation}"
        if document.issued_date:
            described += f" ngày {format_day(document.issued_date)}"
        if document.issuing_agency_id:
            described += f" của {document.issuing_agency_id.name}"
        return {
            "document": document,
            "agency": document.company_id.name,
            "parent_agency": document.company_id.agency_parent_id.name or "",
            "arrival_number": format_number(document.arrival_number)
            if document.arrival_number
            else "",
            "arrival_date": format_day(local_day(document.received_at)),
            "described": described.strip(),
            "subject": document.subject or "",
            "leader": leader_part,
            "units": unit_parts,
            "proposals": proposals,
        }
