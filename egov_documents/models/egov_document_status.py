from odoo import api, fields, models
from odoo.exceptions import UserError

from .egov_document_recipient import BUSINESS_STATUSES
from .egov_guard import is_system


class EgovDocumentStatus(models.Model):
    """One business status a receiver reported for an outgoing document (edXML status
    codes): the sender sees each status of each recipient with its time (NĐ 30/2020 Phụ
    lục VI: the sender can follow the receiver's handling)."""

    _name = "egov.document.status"
    _description = "Recipient Status"
    _order = "reported_at desc, id desc"

    recipient_id = fields.Many2one(
        "egov.document.recipient", required=True, index=True, ondelete="restrict"
    )
    document_id = fields.Many2one(related="recipient_id.document_id", store=True, index=True)
    company_id = fields.Many2one(related="recipient_id.company_id", store=True, index=True)
    code = fields.Selection(BUSINESS_STATUSES, required=True)
    note = fields.Text()
    reported_at = fields.Datetime(required=True, default=fields.Datetime.now)
    reported_by_id = fields.Many2one("res.partner", help="The receiving agency.")

    @api.model_create_multi
    def create(self, vals_list):
        if not is_system(self.env):
            raise UserError(
                self.env._(
                    "A status is reported by the receiving agency's system, never entered by hand."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if not is_system(self.env):
            raise UserError(
                self.env._("A reported status is part of the delivery history and never changes.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._("A reported status is part of the delivery history and is never deleted.")
        )
