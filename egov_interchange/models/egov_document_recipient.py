from odoo import fields, models

from odoo.addons.egov_documents.models.egov_document_recipient import (
    EgovDocumentRecipient as _BaseRecipient,
)
from odoo.addons.egov_documents.models.egov_guard import system_env


class EgovDocumentRecipient(models.Model):
    _inherit = "egov.document.recipient"  # pylint: disable=consider-merging-classes-inherited

    _egov_system_fields = _BaseRecipient._egov_system_fields | {"egov_reply_flagged_at"}

    exchange_message_ids = fields.One2many(
        "egov.interchange.message",
        "recipient_id",
        string="Exchange Messages",
        readonly=True,
        groups="egov_documents.group_egov_admin,base.group_system",
    )
    egov_reply_flagged_at = fields.Datetime(
        string="Missing Reply Flagged On",
        readonly=True,
        copy=False,
        help="When the drafter was told this agency had not replied by the reply deadline "
        "(Tây Ninh 52/2019 Điều 9.2.d).",
    )

    def _egov_deliver_same_database(self, when):
        """Delivered in this database: recorded as an exchange message too, so that the
        exchange log lists every delivery whatever its channel."""
        incoming = super()._egov_deliver_same_database(when)
        document = self.document_id.sudo()
        system_env(self.env["egov.interchange.message"], sudo=True).create(
            {
                "company_id": document.company_id.id,
                "direction": "out",
                "kind": "document",
                "transport": "internal",
                "state": "sent",
                "edxml_document_id": document.document_identifier or False,
                "sender_code": document.company_id.code_qcvn102 or False,
                "receiver_code": self.partner_id.code_qcvn102 or False,
                "document_id": document.id,
                "recipient_id": self.id,
                "sent_at": when,
                "attempts": 1,
            }
        )
        return incoming
