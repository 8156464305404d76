from odoo import fields, models
from odoo.exceptions import UserError

from ..rules.numbering import format_number
from ..rules.worktime import to_local


class EgovDocument(models.Model):
    """What the outage procedure and the deletion with a reason add to documents.

    ``backfilled`` and ``incident_id`` mark the documents handled on paper during an
    incident and entered afterwards by the back-fill wizard (statistics separate them);
    ``delete_reason``, ``deleted_at`` and ``deleted_by_id`` keep why and by whom a clerk
    deleted an incoming document. All are system fields (``egov_document.py``).
    """

    _inherit = "egov.document"  # pylint: disable=consider-merging-classes-inherited

    backfilled = fields.Boolean(
        string="Back-filled",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Handled on paper during a technical incident and entered afterwards with its "
        "real arrival time; numbered in order of registration when it was back-filled.",
    )
    incident_id = fields.Many2one(
        "egov.incident",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
        ondelete="restrict",
    )
    delete_reason = fields.Text(string="Reason for Deletion", readonly=True, copy=False)
    deleted_at = fields.Datetime(string="Deleted On", readonly=True, copy=False)
    deleted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    can_delete = fields.Boolean(compute="_compute_can_moves")

    def _egov_delete_with_reason(self, reason):
        """The clerk deletes incoming documents (state "deleted"), only from the states the
        transition table allows, with a reason kept on each: the documents leave every
        working list (archived) but stay, with their reason, for audit. Called by the
        deletion wizard."""
        self._egov_check_group(
            "egov_documents.group_egov_clerk", self.env._("delete incoming documents")
        )
        if not self:
            raise UserError(self.env._("Choose the incoming documents to delete."))
        self.check_access("write")
        reason = (reason or "").strip()
        if not reason:
            raise UserError(
                self.env._("Give the reason for deleting the document: it is kept for audit.")
            )
        if any(document.direction != "incoming" for document in self):
            raise UserError(self.env._("Only incoming documents are deleted this way."))
        self._egov_check_move("deleted")
        self._egov_move(
            "deleted",
            {
                "delete_reason": reason,
                "deleted_at": fields.Datetime.now(),
                "deleted_by_id": self.env.uid,
                "active": False,
            },
        )
        for document in self:
            document.message_post(
                body=self.env._(
                    "Deleted by %(user)s: %(reason)s", user=self.env.user.name, reason=reason
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    # --- Back-fill of outgoing documents issued on paper (egov_incident._egov_backfill) ----
    def _egov_backfill_plan(self, moment):
        """Check that this signed outgoing document can be numbered and issued at ``moment``
        (its real issue time): ``(register, notation)``, found before anything is written."""
        self.ensure_one()
        self._egov_check_move("numbered")
        if not self.file_ids.filtered(lambda f: f.role == "main"):
            raise UserError(
                self.env._(
                    "%(document)s has no main file: attach the digitised paper original before "
                    "back-filling it.",
                    document=self.display_name,
                )
            )
        day = to_local(moment).date()
        register = self.register_id or self.env["egov.register"]._find_for(
            self.company_id,
            self.direction,
            self.document_type_id,
            confidential=self.confidentiality != "normal",
        )
        register._egov_check_numbers_type(self.document_type_id)
        return register, self._egov_make_notation(year=day.year)

    def _egov_backfill_issue(self, moment, register, notation):
        """Number this outgoing document now, in the register's order, with its real issue
        date, and record it as issued at ``moment`` on paper (not sent again)."""
        self.ensure_one()
        day = to_local(moment).date()
        entry = register._take_number(self, day)
        self._egov_move(
            "numbered",
            {
                "register_id": register.id,
                "register_entry_id": entry.id,
                "number": format_number(entry.number),
                "notation": notation,
                "issued_date": day,
            },
        )
        self._egov_move("issued", {"issued_at": moment, "issued_by_id": self.env.uid})
        self._egov_add_members(self.env.user, "clerk")
        self.message_post(
            body=self.env._(
                "Issued on paper during incident %(incident)s and back-filled: number %(number)s "
                "taken at back-fill, issue time kept.",
                incident=self.incident_id.name,
                number=self.number_notation,
            ),
            subtype_xmlid="mail.mt_note",
        )
