"""On a phone (390 px) every list opens as cards that say what the document is and where it
stands; the step's main action is a button on the form, not an item in the ⚙ menu; the
deadline board is by day, not by ISO week."""

from lxml import etree

from odoo.tests import tagged

from .common import EgovCase

#: what a card or a phone list needs to show of a document
INCOMING_CARD = ("number_notation", "subject", "issuing_agency_id", "deadline", "incoming_state")
OUTGOING_CARD = ("number_notation", "subject", "recipient_summary", "outgoing_state")


@tagged("post_install", "-at_install")
class TestViewsPhone(EgovCase):
    def _views(self, xmlid, user=None):
        action = self.env.ref(xmlid)
        env = self.env(user=(user or self.clerk_a).id)
        views = [(view.view_id.id, view.view_mode) for view in action.view_ids]
        result = env["egov.document"].get_views(views)
        return action, {
            view_type: etree.fromstring(view["arch"]) for view_type, view in result["views"].items()
        }

    def _fields(self, arch):
        return {node.get("name") for node in arch.iter("field")}

    def test_phone_opens_every_document_list_as_cards(self):
        for xmlid, card in (
            ("egov_documents.action_egov_document_incoming", INCOMING_CARD),
            ("egov_documents.action_egov_document_incoming_to_register", INCOMING_CARD),
            ("egov_documents.action_egov_document_outgoing", OUTGOING_CARD),
            ("egov_documents.action_egov_document_internal", OUTGOING_CARD),
        ):
            action, archs = self._views(xmlid)
            # Odoo opens the action's mobile_view_mode (kanban) first on a small screen
            self.assertEqual(action.mobile_view_mode, "kanban", xmlid)
            self.assertIn("kanban", action.view_mode.split(","), xmlid)
            self.assertIn("kanban", archs, xmlid)
            missing = set(card) - self._fields(archs["kanban"])
            self.assertFalse(missing, f"{xmlid}: the card lacks {missing}")
            self.assertFalse(archs["kanban"].get("default_group_by"), xmlid)
            missing = set(card) - self._fields(archs["list"])
            self.assertFalse(missing, f"{xmlid}: the list lacks {missing}")

    def test_list_main_actions_are_header_buttons(self):
        _action, archs = self._views("egov_documents.action_egov_document_incoming_to_register")
        self.assertIn("action_register", archs["list"].xpath("//header/button/@name"))
        _action, archs = self._views("egov_documents.action_egov_document_outgoing")
        buttons = archs["list"].xpath("//header/button/@name")
        self.assertIn("action_assign_number", buttons)
        self.assertIn("action_issue", buttons)

    def test_step_action_is_a_visible_button_on_a_phone_form(self):
        for xmlid, flags in (
            ("egov_documents.action_egov_document_incoming", ("can_register", "can_distribute")),
            (
                "egov_documents.action_egov_document_outgoing",
                ("can_submit", "can_number", "can_issue"),
            ),
        ):
            _action, archs = self._views(xmlid)
            phone = archs["form"].xpath("//div[@name='phone_actions']")
            self.assertEqual(len(phone), 1, xmlid)
            self.assertIn("d-md-none", phone[0].get("class"))
            conditions = " ".join(phone[0].xpath(".//button/@invisible"))
            for flag in flags:
                self.assertIn(flag, conditions, f"{xmlid}: no phone button for {flag}")
        assignment = self.env["egov.assignment"].get_views([(False, "form")])
        form = etree.fromstring(assignment["views"]["form"]["arch"])
        names = form.xpath("//div[@name='phone_actions']/button/@string")
        self.assertEqual(names, ["Accept", "Complete"])

    def test_forms_and_wizards_show_the_pdf_inline(self):
        checks = [
            self._views("egov_documents.action_egov_document_incoming")[1]["form"],
            self._views("egov_documents.action_egov_document_outgoing")[1]["form"],
        ]
        for model in (
            "egov.assignment",
            "egov.distribute.wizard",
            "egov.assignment.wizard",
            "egov.review.wizard",
        ):
            result = self.env[model].get_views([(False, "form")])
            checks.append(etree.fromstring(result["views"]["form"]["arch"]))
        for arch in checks:
            viewer = arch.xpath("//field[@name='preview_pdf']")
            self.assertEqual(len(viewer), 1, arch.get("string"))
            self.assertEqual(viewer[0].get("widget"), "egov_pdf_preview")
            self.assertTrue(arch.xpath("//field[@name='preview_file_id']"))

    def test_deadline_board_groups_by_day(self):
        action = self.env.ref("egov_documents.action_egov_document_deadlines")
        self.assertIn("'deadline:day'", action.context)
        self.assertNotIn(":week", action.context)
        search = self.env["egov.document"].get_views([(False, "search")])["views"]["search"]
        arch = etree.fromstring(search["arch"])
        self.assertTrue(arch.xpath("//filter[@name='deadline_today']"))
        self.assertTrue(arch.xpath("//filter[@name='deadline_this_week']"))

    def test_recipient_summary_names_two_and_counts_the_rest(self):
        others = self.env["res.partner"].create(
            [
                {"name": name, "is_company": True}
                for name in ("UBND huyện Một", "UBND huyện Hai", "UBND huyện Ba")
            ]
        )
        document = self._outgoing(
            self.officer_a,
            recipient_ids=[(0, 0, {"kind": "agency", "partner_id": p.id}) for p in others],
        )
        self.assertEqual(document.recipient_summary, "UBND huyện Một, UBND huyện Hai +1")
