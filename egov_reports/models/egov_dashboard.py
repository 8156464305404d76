from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.egov_documents.models.egov_assignment import OPEN_ASSIGNMENT_STATES
from odoo.addons.egov_documents.models.egov_document import INCOMING_OPEN_STATES

OFFICER = "egov_documents.group_egov_officer"
CLERK = "egov_documents.group_egov_clerk"
UNIT_LEADER = "egov_documents.group_egov_unit_leader"
AGENCY_LEADER = "egov_documents.group_egov_agency_leader"
#: the order of the tile sets on the dashboard
ROLE_ORDER = (AGENCY_LEADER, UNIT_LEADER, CLERK, OFFICER)
#: a role's set is not shown to a user who holds it only within a higher role
ROLES_WITHIN = {
    OFFICER: (CLERK, UNIT_LEADER, AGENCY_LEADER),
    UNIT_LEADER: (AGENCY_LEADER,),
}
#: an officer's work shows as due soon this many days before its deadline
DUE_SOON_DAYS = 3

INCOMING_VIEWS = (
    "egov_documents.egov_document_view_list_incoming",
    "egov_documents.egov_document_view_form_incoming",
    "egov_documents.egov_document_view_search",
)
OUTGOING_VIEWS = (
    "egov_documents.egov_document_view_list_outgoing",
    "egov_documents.egov_document_view_form_outgoing",
    "egov_documents.egov_document_view_search",
)
ASSIGNMENT_VIEWS = (
    "egov_documents.egov_assignment_view_list",
    "egov_documents.egov_assignment_view_form",
    "egov_documents.egov_assignment_view_search",
)


class EgovDashboard(models.AbstractModel):
    """Each role's dashboard after login: counters that open their lists.

    Every tile is declared once in ``_egov_tile_sets`` (label, model, domain, views); its
    count and the list it opens both come from that declaration, so they always agree.
    All counts of the caller are taken in one SQL statement built from each tile's
    ``_search`` query, which carries the caller's record rules: a count is what the
    caller's list shows, never more.
    """

    _name = "egov.dashboard"
    _description = "Role Dashboard"

    @api.model
    def egov_dashboard_tiles(self):
        """The caller's tile sets with their counts and the action each tile opens.

        Read-only and without arguments: it counts only what the caller may read, with
        his own rights, in the agencies selected in his session."""
        tile_sets = self._egov_tile_sets()
        counts = iter(
            self._egov_count([tile for tile_set in tile_sets for tile in tile_set["tiles"]])
        )
        return [
            {
                "key": tile_set["key"],
                "title": tile_set["title"],
                "tiles": [
                    {
                        "key": tile["key"],
                        "label": tile["label"],
                        "help": tile["help"],
                        "icon": tile["icon"],
                        "tone": tile.get("tone", "primary"),
                        "count": next(counts),
                        "action": self._egov_tile_action(tile),
                    }
                    for tile in tile_set["tiles"]
                ],
            }
            for tile_set in tile_sets
        ]

    # --- Declaration -----------------------------------------------------------------------
    def _egov_roles(self):
        """The caller's egov roles, leaving out a role he holds only as part of a higher
        one (every clerk and leader is also an officer, every agency leader a unit leader);
        a user given several roles sees each of their sets."""
        held = [group for group in ROLE_ORDER if self.env.user.has_group(group)]
        return [
            group
            for group in held
            if not any(higher in held for higher in ROLES_WITHIN.get(group, ()))
        ]

    def _egov_tile_sets(self):
        """Each role's tiles: ``key``, ``label``, ``help``, ``icon``, ``model``, ``domain``
        and ``views`` (list, form, search view xmlids). Defined once: the count and the
        action both read it."""
        uid = self.env.uid
        now = fields.Datetime.now()
        now_str = fields.Datetime.to_string(now)
        soon_str = fields.Datetime.to_string(now + timedelta(days=DUE_SOON_DAYS))
        not_incoming = ("direction", "!=", "incoming")
        my_open_work = [("responsible_user_id", "=", uid), ("state", "in", OPEN_ASSIGNMENT_STATES)]
        awaiting_opinion = {
            "key": "awaiting_opinion",
            "label": self.env._("Drafts awaiting your opinion"),
            "help": self.env._("Drafts waiting for your visa or opinion"),
            "icon": "fa-comments-o",
            "model": "egov.document",
            "domain": [
                not_incoming,
                (
                    "approval_step_ids",
                    "any",
                    [("user_id", "=", uid), ("state", "=", "pending")],
                ),
            ],
            "views": OUTGOING_VIEWS,
        }
        sets = {
            CLERK: {
                "key": "clerk",
                "title": self.env._("Clerk"),
                "tiles": [
                    {
                        "key": "to_register",
                        "label": self.env._("To register"),
                        "help": self.env._("Incoming documents arrived, not yet in the register"),
                        "icon": "fa-inbox",
                        "model": "egov.document",
                        "domain": [
                            ("direction", "=", "incoming"),
                            ("incoming_state", "=", "arrived"),
                        ],
                        "views": INCOMING_VIEWS,
                    },
                    {
                        "key": "to_number",
                        "label": self.env._("To number"),
                        "help": self.env._("Signed documents waiting for their number"),
                        "icon": "fa-hashtag",
                        "model": "egov.document",
                        "domain": [not_incoming, ("outgoing_state", "=", "signed")],
                        "views": OUTGOING_VIEWS,
                    },
                    {
                        "key": "to_issue",
                        "label": self.env._("To issue"),
                        "help": self.env._("Numbered documents waiting to be issued"),
                        "icon": "fa-paper-plane",
                        "model": "egov.document",
                        "domain": [
                            not_incoming,
                            ("outgoing_state", "in", ("numbered", "org_signed")),
                        ],
                        "views": OUTGOING_VIEWS,
                    },
                    {
                        "key": "returned",
                        "label": self.env._("Returned"),
                        "help": self.env._("Incoming documents returned to their sender"),
                        "icon": "fa-reply",
                        "tone": "warning",
                        "model": "egov.document",
                        "domain": [
                            ("direction", "=", "incoming"),
                            ("incoming_state", "=", "returned"),
                        ],
                        "views": INCOMING_VIEWS,
                    },
                ],
            },
            AGENCY_LEADER: {
                "key": "agency_leader",
                "title": self.env._("Agency Leader"),
                "tiles": [
                    {
                        "key": "awaiting_directive",
                        "label": self.env._("Awaiting your directive"),
                        "help": self.env._("Incoming documents presented to you to distribute"),
                        "icon": "fa-commenting-o",
                        "model": "egov.document",
                        "domain": [
                            ("direction", "=", "incoming"),
                            ("incoming_state", "=", "received"),
                            ("leader_id", "=", uid),
                        ],
                        "views": INCOMING_VIEWS,
                    },
                    awaiting_opinion,
                    {
                        "key": "awaiting_signature",
                        "label": self.env._("Awaiting your signature"),
                        "help": self.env._("Drafts through review, for you to approve and sign"),
                        "icon": "fa-pencil-square-o",
                        "model": "egov.document",
                        "domain": [
                            not_incoming,
                            ("signer_id", "=", uid),
                            "|",
                            ("outgoing_state", "=", "approved"),
                            "&",
                            ("outgoing_state", "=", "in_review"),
                            (
                                "approval_step_ids",
                                "not any",
                                [("kind", "=", "visa"), ("state", "in", ("waiting", "pending"))],
                            ),
                        ],
                        "views": OUTGOING_VIEWS,
                    },
                    {
                        "key": "agency_overdue",
                        "label": self.env._("Overdue in the agency"),
                        "help": self.env._("Incoming documents past their handling deadline"),
                        "icon": "fa-exclamation-triangle",
                        "tone": "danger",
                        "model": "egov.document",
                        "domain": [
                            ("direction", "=", "incoming"),
                            ("incoming_state", "in", INCOMING_OPEN_STATES),
                            ("deadline", "<", now_str),
                        ],
                        "views": INCOMING_VIEWS,
                    },
                ],
            },
            UNIT_LEADER: {
                "key": "unit_leader",
                "title": self.env._("Unit Leader"),
                "tiles": [
                    {
                        "key": "to_assign",
                        "label": self.env._("To assign"),
                        "help": self.env._("Work given to your unit, not yet assigned to officers"),
                        "icon": "fa-sitemap",
                        "model": "egov.assignment",
                        "domain": [("responsible_user_id", "=", uid), ("state", "=", "assigned")],
                        "views": ASSIGNMENT_VIEWS,
                    },
                    awaiting_opinion,
                    {
                        "key": "unit_overdue",
                        "label": self.env._("Overdue in the unit"),
                        "help": self.env._("Open work of your unit past its deadline"),
                        "icon": "fa-exclamation-triangle",
                        "tone": "danger",
                        "model": "egov.assignment",
                        "domain": [
                            ("state", "in", OPEN_ASSIGNMENT_STATES),
                            ("deadline", "<", now_str),
                            "|",
                            ("department_id.manager_id.user_id", "=", uid),
                            ("assigned_by_id", "=", uid),
                        ],
                        "views": ASSIGNMENT_VIEWS,
                    },
                ],
            },
            OFFICER: {
                "key": "officer",
                "title": self.env._("Officer"),
                "tiles": [
                    {
                        "key": "my_work",
                        "label": self.env._("My work"),
                        "help": self.env._("Documents assigned to you, open"),
                        "icon": "fa-tasks",
                        "model": "egov.assignment",
                        "domain": my_open_work,
                        "views": ASSIGNMENT_VIEWS,
                    },
                    {
                        "key": "due_soon",
                        "label": self.env._("Due soon"),
                        "help": self.env._(
                            "Your work due within %(days)s days", days=DUE_SOON_DAYS
                        ),
                        "icon": "fa-clock-o",
                        "tone": "warning",
                        "model": "egov.assignment",
                        "domain": [
                            *my_open_work,
                            ("deadline", ">=", now_str),
                            ("deadline", "<=", soon_str),
                        ],
                        "views": ASSIGNMENT_VIEWS,
                    },
                    {
                        "key": "overdue",
                        "label": self.env._("Overdue"),
                        "help": self.env._("Your work past its deadline"),
                        "icon": "fa-exclamation-triangle",
                        "tone": "danger",
                        "model": "egov.assignment",
                        "domain": [*my_open_work, ("deadline", "<", now_str)],
                        "views": ASSIGNMENT_VIEWS,
                    },
                    {
                        "key": "drafts_returned",
                        "label": self.env._("Drafts sent back"),
                        "help": self.env._("Your drafts returned after review"),
                        "icon": "fa-undo",
                        "tone": "warning",
                        "model": "egov.document",
                        "domain": [
                            not_incoming,
                            ("user_id", "=", uid),
                            ("outgoing_state", "=", "draft"),
                            ("approval_round", ">", 0),
                        ],
                        "views": OUTGOING_VIEWS,
                    },
                ],
            },
        }
        return [sets[role] for role in self._egov_roles()]

    # --- Counting and opening --------------------------------------------------------------
    def _egov_count(self, tiles):
        """Count every tile in one statement: one scalar subquery per tile, each the query
        ``_search`` builds for the tile's domain with the caller's record rules."""
        if not tiles:
            return []
        counts = [
            self.env[tile["model"]]._search(tile["domain"]).subselect(SQL("COUNT(*)"))
            for tile in tiles
        ]
        self.env.cr.execute(SQL("SELECT %s", SQL(", ").join(counts)))
        return list(self.env.cr.fetchone())

    def _egov_tile_action(self, tile):
        """The list a tile opens: its model and domain, its views."""
        list_view, form_view, search_view = (
            self.env["ir.model.data"]._xmlid_to_res_id(xmlid) for xmlid in tile["views"]
        )
        return {
            "type": "ir.actions.act_window",
            "name": tile["label"],
            "res_model": tile["model"],
            "views": [[list_view, "list"], [form_view, "form"]],
            "search_view_id": [search_view, "search"],
            "domain": tile["domain"],
            "context": {"create": False},
            "target": "current",
        }
