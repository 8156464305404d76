"""What every egov cron shares (STYLE.md §6): only the scheduler runs it, and it works on
bounded batches of rows locked with ``SKIP LOCKED`` so that two runs never take the same row."""

from odoo.exceptions import AccessError


def check_scheduler(env):
    """Refuse a cron entry point called by anyone but the scheduler (superuser) or a settings
    administrator: its server action is reachable through ``/web/action/run``."""
    if not (env.su or env.user._is_superuser() or env.user.has_group("base.group_system")):
        raise AccessError(env._("This job is run by the scheduler only."))


def lock_batch(model, condition, params, order, batch_size):
    """At most ``batch_size`` records of ``model`` matching the SQL ``condition`` (with
    ``params``), in ``order``, locked for this transaction; rows another run holds are
    skipped. ``condition`` and ``order`` are fixed strings of the calling code."""
    model.env.flush_all()
    model.env.cr.execute(
        f"""SELECT id FROM {model._table} WHERE {condition}
             ORDER BY {order}, id LIMIT %s FOR UPDATE SKIP LOCKED""",  # noqa: S608 - fixed strings
        [*params, batch_size],
    )
    return model.browse([row[0] for row in model.env.cr.fetchall()])
