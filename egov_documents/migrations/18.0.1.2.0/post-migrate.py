"""18.0.1.2.0: one activity type per workflow step; "present" split from "sign".

Up to 18.0.1.1.0 every workflow to-do used the generic To-Do type, and the signatory's
"sign" to-do was scheduled when the visas passed, before the approval. Now:

- a to-do of a step takes the step's type;
- a "sign" to-do on a draft still in review becomes the "present" (approve) to-do;
- to-dos whose step is already done (sign on signed or issued documents, distribute on
  distributed ones, ...) are closed;
- the agency calendar takes its Vietnamese name and the people of the agencies on it leave
  Odoo's "Standard 40 hours/week".
"""

from odoo import SUPERUSER_ID, api

#: step → (state field, states in which the step is done)
INCOMING_DONE = (
    "received",
    "distributed",
    "in_progress",
    "done",
    "returned",
    "recalled",
    "deleted",
)
INCOMING_CLOSED = ("done", "returned", "recalled", "deleted")
OUTGOING_ENDED = ("recalled", "replaced", "cancelled")
OUTGOING_ISSUED = ("issued", *OUTGOING_ENDED)
OUTGOING_NUMBERED = ("numbered", "org_signed", *OUTGOING_ISSUED)
OUTGOING_SIGNED = ("signed", *OUTGOING_NUMBERED)
# a review round ends when the draft goes back to its drafter or is approved
OUTGOING_REVIEWED = ("draft", "approved", *OUTGOING_SIGNED)
STEP_DONE_STATES = {
    "register": ("incoming_state", INCOMING_DONE),
    "distribute": ("incoming_state", INCOMING_DONE[1:]),
    "handle": ("incoming_state", INCOMING_CLOSED),
    "extension": ("incoming_state", INCOMING_CLOSED),
    "overdue": ("incoming_state", INCOMING_CLOSED),
    "assignment_returned": ("incoming_state", INCOMING_CLOSED),
    "visa": ("outgoing_state", OUTGOING_REVIEWED),
    "opinion": ("outgoing_state", OUTGOING_REVIEWED),
    "present": ("outgoing_state", OUTGOING_REVIEWED),
    "sign": ("outgoing_state", ("draft", *OUTGOING_SIGNED)),
    "number": ("outgoing_state", OUTGOING_NUMBERED),
    "issue": ("outgoing_state", OUTGOING_ISSUED),
}


def step_is_done(activity, document):
    """Whether the step ``activity`` asks for is already done on ``document``."""
    field_name, done_states = STEP_DONE_STATES.get(activity.egov_step, (None, ()))
    return bool(field_name) and document[field_name] in done_states


def migrate_step_activities(env):
    """Give the to-dos of egov steps their step's type, split "present" from "sign" and
    close the to-dos whose step is done. Returns ``(retyped, closed)`` counts."""
    Activity = env["mail.activity"].sudo().with_context(active_test=False)
    activities = Activity.search([("res_model", "=", "egov.document"), ("egov_step", "!=", False)])
    documents = env["egov.document"].sudo().with_context(active_test=False)
    to_close = Activity.browse()
    for activity in activities:
        document = documents.browse(activity.res_id).exists()
        if not document:
            continue
        if activity.egov_step == "sign" and document.outgoing_state == "in_review":
            activity.egov_step = "present"
        if step_is_done(activity, document):
            to_close |= activity
    retyped = 0
    for activity in activities - to_close:
        activity_type = env["mail.activity.type"]._egov_for_step(activity.egov_step)
        if activity.activity_type_id != activity_type:
            activity.write({"activity_type_id": activity_type.id, "summary": False})
            retyped += 1
    for document_id, group in to_close.grouped("res_id").items():
        lang = documents.browse(document_id).company_id._egov_lang()
        group.with_context(lang=lang).action_feedback()
    return retyped, len(to_close)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    migrate_step_activities(env)
    env["res.company"]._egov_adopt_agency_calendar()
