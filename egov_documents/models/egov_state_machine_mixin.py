from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .egov_guard import system_env


class EgovStateMachineMixin(models.AbstractModel):
    """One transition table per state machine (STYLE.md §2), the single source of truth.

    A model declares in ``_egov_transitions`` every allowed move and who may make it:
    ``{machine: {from_state: {to_state: group_xmlid}}}`` and says which machine and state
    field a record uses through ``_egov_state_machine()``. ``_egov_frozen_states`` declares,
    per machine, the fields a plain ``write`` may still change in each state (a state not
    listed freezes nothing; ``None`` as the whole value freezes every field).

    Every ``action_*`` goes through ``_egov_move``: an illegal move is refused with a
    message naming the current and the wanted state, a caller outside the move's group is
    refused, and the state field is written as a system field (``egov_guard``), so a state
    cannot be written any other way. Views read ``egov_allowed_moves`` (moves the current
    user may make now) instead of repeating state lists.

    A move made as a consequence of another agency's or the system's action (a recall
    received, a roll-up, a voided number) is made by a private method in ``sudo()`` after
    that method checked its own caller: the group check then does not apply.
    """

    _name = "egov.state.machine.mixin"
    _inherit = "egov.guarded.mixin"  # pylint: disable=consider-merging-classes-inherited
    _description = "State machine with one transition table"

    _egov_transitions = {}
    _egov_frozen_states = {}

    egov_allowed_moves = fields.Char(
        compute="_compute_egov_allowed_moves",
        string="Allowed Moves",
        help="Technical: the states the current user may move this record to, space separated.",
    )

    def _egov_state_machine(self):
        """Return ``(machine_key, state_field_name)`` for this record."""
        raise NotImplementedError

    @api.depends_context("uid")
    def _compute_egov_allowed_moves(self):
        groups = {}
        for record in self:
            machine, field_name = record._egov_state_machine()
            moves = self._egov_transitions.get(machine, {}).get(record[field_name], {})
            allowed = []
            for target, group in moves.items():
                if group not in groups:
                    groups[group] = not group or self.env.user.has_group(group)
                if groups[group]:
                    allowed.append(target)
            record.egov_allowed_moves = " ".join(allowed)

    def _egov_state_label(self, field_name, state):
        selection = dict(self._fields[field_name]._description_selection(self.env))
        return selection.get(state, state or self.env._("none"))

    def _egov_check_move(self, target):
        """Refuse the move to ``target`` unless the table allows it from each record's
        state, and unless the user belongs to the move's group (not checked in sudo, where
        the calling method already checked its caller)."""
        for record in self:
            machine, field_name = record._egov_state_machine()
            current = record[field_name]
            moves = self._egov_transitions.get(machine, {}).get(current, {})
            if target not in moves:
                raise UserError(
                    self.env._(
                        "%(record)s is %(current)s: it cannot move to %(target)s.",
                        record=record.display_name,
                        current=record._egov_state_label(field_name, current),
                        target=record._egov_state_label(field_name, target),
                    )
                )
            group = moves[target]
            if group and not self.env.su and not self.env.user.has_group(group):
                raise AccessError(
                    self.env._(
                        "Only a user of group %(group)s may move %(record)s from %(current)s to "
                        "%(target)s.",
                        group=self.env.ref(group).sudo().name,
                        record=record.display_name,
                        current=record._egov_state_label(field_name, current),
                        target=record._egov_state_label(field_name, target),
                    )
                )

    def _egov_move(self, target, vals=None):
        """Move every record to ``target`` (checked), writing ``vals`` alongside as system
        fields."""
        self._egov_check_move(target)
        for record in self:
            _machine, field_name = record._egov_state_machine()
            system_env(record).write({field_name: target, **(vals or {})})
        return True

    def _egov_frozen_fields(self, vals):
        """Fields of ``vals`` that the state of some record freezes (see
        ``_egov_frozen_states``)."""
        frozen = set(super()._egov_frozen_fields(vals))
        for record in self:
            machine, field_name = record._egov_state_machine()
            editable = self._egov_frozen_states.get(machine, {}).get(record[field_name], ...)
            if editable is ...:
                continue
            frozen |= set(vals) - set(editable or ())
        return frozen
