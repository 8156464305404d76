import logging

from odoo.tests import tagged

from .common import DEMO_ROLES, DemoProvinceCase

_logger = logging.getLogger(__name__)

LEADER_ROLES = ("agency_leader", "unit_leader")


@tagged("post_install", "-at_install")
class TestDemoActivities(DemoProvinceCase):
    """A leader's activity counter is the documents that really await him: every open
    to-do stands for a step still to do, and every step waiting for him has its to-do."""

    def _leaders(self):
        logins = [
            roles[role] for roles in DEMO_ROLES.values() for role in LEADER_ROLES if role in roles
        ]
        return self.env["res.users"].search([("login", "in", logins)])

    def _awaiting(self, leader):
        """``{(step, document id)}`` of what awaits ``leader``, read from the documents,
        their review steps and their assignments (not from the to-dos)."""
        Document = self.env["egov.document"].sudo()
        waiting = set()
        for document in Document.search(
            [("incoming_state", "=", "received"), ("leader_id", "=", leader.id)]
        ):
            waiting.add(("distribute", document.id))
        for document in Document.search(
            [("outgoing_state", "=", "approved"), ("signer_id", "=", leader.id)]
        ):
            waiting.add(("sign", document.id))
        for document in Document.search(
            [("outgoing_state", "=", "in_review"), ("signer_id", "=", leader.id)]
        ):
            visas = document._egov_current_steps().filtered(lambda s: s.kind == "visa")
            if visas and all(step.state == "agreed" for step in visas):
                waiting.add(("present", document.id))
        steps = (
            self.env["egov.approval.step"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "egov.document"),
                    ("user_id", "=", leader.id),
                    ("state", "=", "pending"),
                ]
            )
        )
        for step in steps:
            document = Document.browse(step.res_id)
            if document.outgoing_state == "in_review" and step.round == document.approval_round:
                waiting.add((step.kind, document.id))
        assignments = (
            self.env["egov.assignment"]
            .sudo()
            .search(
                [
                    ("responsible_user_id", "=", leader.id),
                    ("state", "in", ("assigned", "in_progress")),
                ]
            )
        )
        waiting |= {("handle", document.id) for document in assignments.document_id}
        extensions = (
            self.env["egov.assignment.extension"]
            .sudo()
            .search([("state", "=", "pending"), ("assignment_id.assigned_by_id", "=", leader.id)])
        )
        waiting |= {("extension", doc.id) for doc in extensions.assignment_id.document_id}
        return waiting

    def _to_dos(self, leader):
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search([("res_model", "=", "egov.document"), ("user_id", "=", leader.id)])
        )
        return activities

    def test_every_leaders_counter_equals_what_awaits_him(self):
        leaders = self._leaders()
        self.assertGreaterEqual(len(leaders), 6)
        director = self.env["res.users"].search([("login", "=", "hung.snv")])
        for leader in leaders:
            activities = self._to_dos(leader)
            self.assertTrue(all(activities.mapped("egov_step")), leader.login)
            to_dos = {(a.egov_step, a.res_id) for a in activities}
            # overdue escalations follow the assignments' deadlines, not a document state
            awaiting = self._awaiting(leader) | {s for s in to_dos if s[0] == "overdue"}
            self.assertEqual(len(activities), len(to_dos), f"{leader.login}: one to-do a step")
            self.assertEqual(to_dos, awaiting, leader.login)
            if leader == director:
                _logger.info(
                    "egov_demo: the director %s has %s open to-dos: %s",
                    leader.login,
                    len(activities),
                    sorted(activities.mapped("egov_step")),
                )

    def test_no_to_do_stands_on_a_document_whose_step_is_done(self):
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search([("res_model", "=", "egov.document"), ("egov_step", "!=", False)])
        )
        self.assertTrue(activities)
        done_states = {
            "register": ("incoming_state", ("arrived",)),
            "distribute": ("incoming_state", ("received",)),
            "handle": ("incoming_state", ("distributed", "in_progress")),
            "visa": ("outgoing_state", ("in_review",)),
            "opinion": ("outgoing_state", ("in_review",)),
            "present": ("outgoing_state", ("in_review",)),
            "sign": ("outgoing_state", ("approved",)),
        }
        for activity in activities:
            document = self.env["egov.document"].sudo().browse(activity.res_id)
            field_name, open_states = done_states.get(activity.egov_step, (None, ()))
            if field_name:
                self.assertIn(
                    document[field_name],
                    open_states,
                    f"{activity.egov_step} to-do of {activity.user_id.login} on a document "
                    f"{document[field_name]}",
                )
            self.assertEqual(
                activity.activity_type_id.egov_step,
                activity.egov_step,
                "each to-do has its step's type",
            )
