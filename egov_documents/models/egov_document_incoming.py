from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from ..rules.worktime import to_local


class EgovDocument(models.Model):
    """Incoming documents: arrival and registration (NĐ 30/2020 Điều 20–22)."""

    _inherit = "egov.document"

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

    def action_register(self):
        """The clerk registers arrived documents: each takes the next arrival number (số
        đến) of its register for the year of its receipt, in order of receipt (Điều 22.2)."""
        self._egov_check_group("egov_documents.group_egov_clerk", self.env._("register incoming documents"))
        if any(document.direction != "incoming" for document in self):
            raise UserError(self.env._("Only incoming documents are registered with an arrival number."))
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
        return True

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
        if self.confidentiality != "normal" and self.register_id and not self.register_id.is_confidential:
            raise UserError(
                self.env._(
                    "Confidential document %(document)s must go in a confidential register, "
                    "not %(register)s.",
                    document=self.display_name,
                    register=self.register_id.name,
                )
            )
