"""System writes proven by something a client cannot send (STYLE.md §3, DESIGN.md
"Integrity model").

A client controls every key and value of the context it sends through
``/web/dataset/call_kw``, but it can only send JSON: strings, numbers, lists, objects. The
owning code paths of egov prove themselves with :data:`SYSTEM_WRITE`, a module-private
``object()`` compared by identity, which no JSON value can ever be (the pattern of OCA
``queue_job``'s ``EDIT_SENTINEL``).

Use :func:`system_env` (or the ``_egov_system`` helpers of :class:`EgovGuardedMixin`)
from a private method, *after* that method checked the caller's right to act, and never
pass the returned recordset back to a client.
"""

from odoo import api, models
from odoo.exceptions import UserError


class Proof:
    """A proof an owning code path carries in the context: a private ``object()`` under a
    key, compared by identity, which no JSON value sent by a client can ever be."""

    def __init__(self, key):
        self.key = key
        self.token = object()

    def given(self, records):
        """``records`` in a context carrying this proof."""
        return records.with_context(**{self.key: self.token})

    def held(self, env):
        """True when ``env`` carries this proof."""
        return env.context.get(self.key) is self.token


_SYSTEM = Proof("egov_system_write")
#: the proof of egov's owning code paths; never serialisable, never equal to anything a
#: client sends
SYSTEM_WRITE = _SYSTEM.token


def is_system(env):
    """True when ``env`` was entered by an owning code path of egov."""
    return _SYSTEM.held(env)


def system_env(records, sudo=False):
    """``records`` in a context that proves the owning code path; ``sudo`` also lifts
    access rights and record rules (only after the caller's right was checked)."""
    records = _SYSTEM.given(records)
    return records.sudo() if sudo else records


class EgovGuardedMixin(models.AbstractModel):
    """Refuses writes of system-owned fields unless the owning code path proves itself.

    A model lists its system fields in ``_egov_system_fields`` (a frozenset); ``create``
    refuses them when given by a caller and ``write`` refuses them always, unless the
    environment carries :data:`SYSTEM_WRITE`. ``_egov_frozen_fields(vals)`` lets a model
    freeze more fields by the state of each record.
    """

    _name = "egov.guarded.mixin"
    _description = "Fields written only by their owning code path"

    _egov_system_fields = frozenset()
    #: system fields that a caller may give in create() (e.g. defaults the model fills)
    _egov_system_fields_on_create = frozenset()

    #: system fields that the model's own create() fills (after checking the caller's vals)
    _egov_system_fields_filled_by_create = frozenset()

    @api.model_create_multi
    def create(self, vals_list):
        self._egov_check_create_vals(vals_list, exempt=self._egov_system_fields_filled_by_create)
        return super().create(vals_list)

    @api.model
    def _egov_check_create_vals(self, vals_list, exempt=frozenset()):
        """Refuse system fields given by a caller of create()."""
        if is_system(self.env):
            return
        for vals in vals_list:
            guarded = (
                self._egov_system_fields - self._egov_system_fields_on_create - exempt
            ) & set(vals)
            if guarded:
                raise UserError(self._egov_guarded_message(sorted(guarded)))

    def write(self, vals):
        if not is_system(self.env):
            guarded = set(self._egov_system_fields & set(vals))
            guarded |= self._egov_frozen_fields(vals)
            guarded = {name for name in guarded if not self._egov_is_technical_field(name)}
            if guarded:
                raise UserError(self._egov_guarded_message(sorted(guarded)))
        return super().write(vals)

    def _egov_frozen_fields(self, vals):
        """Fields of ``vals`` that the current state of some record of ``self`` freezes."""
        if (
            "company_id" in vals
            and "company_id" in self._fields
            and any(record.company_id.id != vals["company_id"] for record in self)
        ):
            return {"company_id"}
        return set()

    @api.model
    def _egov_is_technical_field(self, name):
        """Fields of the chatter and activities, which mail writes for its own purposes."""
        return name.startswith(("message_", "activity_", "website_message", "rating_")) or name in (
            "__last_update",
        )

    def _check_company(self, fnames=None):
        """Odoo's company check, with a message that names the field but never the record
        of the other agency (its number and subject are not the caller's to read)."""
        try:
            return super()._check_company(fnames)
        except UserError:
            names = (
                fnames
                if fnames and not {"company_id", "company_ids"} & set(fnames)
                else self._fields
            )
            labels = sorted(
                self._fields[name]._description_string(self.env)
                for name in names
                if self._fields[name].relational and self._fields[name].check_company
            )
            raise UserError(
                self.env._(
                    "%(model)s can only be linked to records of its own agency: check %(fields)s.",
                    model=self._description,
                    fields=", ".join(labels),
                )
            ) from None

    def _egov_guarded_message(self, field_names):
        labels = ", ".join(
            self._fields[name]._description_string(self.env)
            for name in field_names
            if name in self._fields
        )
        return self.env._(
            "%(fields)s of %(model)s are set by the system as the work moves on (registration, "
            "numbering, signing, issue, status); they cannot be edited by hand.",
            fields=labels,
            model=self._description,
        )

    def _egov_system(self, sudo=False):
        """These records, proven as written by their owning code path."""
        return system_env(self, sudo=sudo)
