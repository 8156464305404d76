from odoo import models

#: state field → state reached → the message subtype followers choose to follow
_SUBTYPE_BY_STATE = {
    "incoming_state": {
        "received": "mt_egov_registered",
        "distributed": "mt_egov_distributed",
        "done": "mt_egov_completed",
        "returned": "mt_egov_returned",
        "recalled": "mt_egov_recalled",
    },
    "outgoing_state": {
        "approved": "mt_egov_approved",
        "signed": "mt_egov_signed",
        "issued": "mt_egov_issued",
        "recalled": "mt_egov_recalled",
    },
}
#: outgoing states from which a move back to draft is a return to the drafter
_RETURNED_TO_DRAFT_FROM = ("in_review", "approved", "signed")


class EgovDocument(models.Model):
    """A message subtype per state change (as core ``project`` does), so followers pick
    what they follow: registered, distributed, completed, returned, signed, issued,
    recalled, deadline changed."""

    _inherit = "egov.document"  # pylint: disable=consider-merging-classes-inherited

    def _track_subtype(self, init_values):
        self.ensure_one()
        for field_name, subtypes in _SUBTYPE_BY_STATE.items():
            if field_name in init_values:
                xmlid = subtypes.get(self[field_name])
                if (
                    not xmlid
                    and field_name == "outgoing_state"
                    and self.outgoing_state == "draft"
                    and init_values[field_name] in _RETURNED_TO_DRAFT_FROM
                ):
                    xmlid = "mt_egov_returned"
                if xmlid:
                    return self.env.ref(f"egov_documents.{xmlid}")
        if "deadline" in init_values and init_values["deadline"]:
            return self.env.ref("egov_documents.mt_egov_deadline")
        return super()._track_subtype(init_values)

    def _track_finalize(self):
        """Tracking lines are written once for every reader, whoever (or whichever job)
        changed the document: state and selection labels in the agency's language, never
        in the language of the process that happened to write."""
        lang = self.env.company._egov_lang()
        return super(EgovDocument, self.with_context(lang=lang))._track_finalize()
