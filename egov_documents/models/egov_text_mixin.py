from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..rules.errors import RuleError
from ..rules.text import check_max_length, normalize_text


class EgovTextMixin(models.AbstractModel):
    """Check what a client sends before the ORM sees it, on every create and write.

    - Free text of the fields listed in ``_egov_normalized_fields`` is normalised to
      Unicode NFC (TCVN 6909:2001) without invisible or bidirectional control characters.
      Text typed on a Windows machine with a legacy input method often arrives decomposed;
      stored NFC keeps search, duplicate detection and edXML output consistent.
    - A text longer than its field's ``size`` is refused naming the field and the limit
      (the ORM would cut it short without a word).
    - A Date or Datetime value that is no real date ("2026-02-30") is refused naming the
      field, instead of surfacing as a Python or database error.
    """

    _name = "egov.text.mixin"
    _description = "Vietnamese text normalisation"

    _egov_normalized_fields = ()

    def _egov_field_label(self, field):
        return field._description_string(self.env) or field.name

    @api.model
    def _egov_normalize_vals(self, vals):
        for field_name in self._egov_normalized_fields:
            value = vals.get(field_name)
            if isinstance(value, str):
                vals[field_name] = normalize_text(value) or False
        for field_name, value in vals.items():
            field = self._fields.get(field_name)
            if field is None:
                continue
            if field.type == "char" and field.size and isinstance(value, str):
                try:
                    check_max_length(value, field.size, self._egov_field_label(field))
                except RuleError as error:
                    raise ValidationError(self.env._(error.template, **error.params)) from error
            elif field.type in ("date", "datetime"):
                self._egov_check_date_value(field, value)
        return vals

    @api.model
    def _egov_check_date_value(self, field, value):
        """Refuse a Date/Datetime value the ORM cannot read, naming the field."""
        if not value:
            return
        parse = fields.Date.to_date if field.type == "date" else fields.Datetime.to_datetime
        try:
            parse(value)
        except (ValueError, TypeError, AttributeError) as error:
            raise ValidationError(
                self.env._(
                    "%(field)s: %(value)s is not a valid date. Give a date that exists on the "
                    "calendar, written as %(pattern)s.",
                    field=self._egov_field_label(field),
                    pattern="YYYY-MM-DD" if field.type == "date" else "YYYY-MM-DD HH:MM:SS",
                    value=repr(value) if not isinstance(value, str) else value,
                )
            ) from error

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._egov_normalize_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        return super().write(self._egov_normalize_vals(dict(vals)))
