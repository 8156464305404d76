from odoo import models
from odoo.exceptions import UserError


class EgovStateMachineMixin(models.AbstractModel):
    """One transition table per state machine (STYLE.md §2).

    A model lists its allowed moves in ``_egov_transitions``:
    ``{machine: {from_state: (to_state, ...)}}`` and says which machine and state field
    a record uses through ``_egov_state_machine()``. Every ``action_*`` goes through
    ``_egov_move`` which refuses an illegal move with a message naming the current and the
    wanted state, and writes the state with the system context so that the guarded state
    field cannot be written any other way.
    """

    _name = "egov.state.machine.mixin"
    _description = "State machine with one transition table"

    _egov_transitions = {}

    def _egov_state_machine(self):
        """Return ``(machine_key, state_field_name)`` for this record."""
        raise NotImplementedError

    def _egov_state_label(self, field_name, state):
        selection = dict(self._fields[field_name]._description_selection(self.env))
        return selection.get(state, state or self.env._("none"))

    def _egov_check_move(self, target):
        for record in self:
            machine, field_name = record._egov_state_machine()
            current = record[field_name]
            allowed = self._egov_transitions.get(machine, {}).get(current, ())
            if target not in allowed:
                raise UserError(
                    self.env._(
                        "%(record)s is %(current)s: it cannot move to %(target)s.",
                        record=record.display_name,
                        current=record._egov_state_label(field_name, current),
                        target=record._egov_state_label(field_name, target),
                    )
                )

    def _egov_move(self, target, vals=None):
        """Move every record to ``target`` (checked), writing ``vals`` alongside."""
        self._egov_check_move(target)
        for record in self:
            _machine, field_name = record._egov_state_machine()
            record.with_context(egov_system_write=True).write({field_name: target, **(vals or {})})
        return True
