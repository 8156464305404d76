from odoo import fields, models


class EgovAxisRequestLog(models.Model):
    """A request the hub refused: who claimed to call, from where, and why. Accepted
    requests leave their trace as items (``egov.axis.item``)."""

    _name = "egov.axis.request.log"
    _description = "Refused Axis Request"
    _order = "id desc"
    _rec_name = "operation"

    system_id = fields.Char("Claimed system id", index=True, readonly=True)
    agency_id = fields.Many2one("egov.axis.agency", index="btree_not_null", readonly=True)
    remote_addr = fields.Char("Remote address", readonly=True)
    operation = fields.Char(readonly=True)
    doc_id = fields.Char("DocId", readonly=True)
    code = fields.Char("Error code", index=True, readonly=True)
    message = fields.Text(readonly=True)
