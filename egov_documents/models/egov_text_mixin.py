from odoo import api, models

from ..rules.text import normalize_text


class EgovTextMixin(models.AbstractModel):
    """Normalise free text to Unicode NFC (TCVN 6909:2001) on every create and write.

    Models list the fields in ``_egov_normalized_fields``. Text typed on a Windows
    machine with a legacy input method often arrives decomposed; stored NFC keeps
    search, duplicate detection and edXML output consistent.
    """

    _name = "egov.text.mixin"
    _description = "Vietnamese text normalisation"

    _egov_normalized_fields = ()

    @api.model
    def _egov_normalize_vals(self, vals):
        for field_name in self._egov_normalized_fields:
            value = vals.get(field_name)
            if isinstance(value, str):
                vals[field_name] = normalize_text(value) or False
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._egov_normalize_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        return super().write(self._egov_normalize_vals(dict(vals)))
