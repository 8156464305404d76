import logging
import os
from base64 import b64decode
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from unittest.mock import patch

from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser

from .common import EgovCase

_logger = logging.getLogger(__name__)

# The tours look these up by name: keep them in step with
# static/src/tours/egov_register_distribute_tour.js.
SUBJECT = "Về việc tổ chức hội nghị tổng kết công tác văn thư năm 2026"
DIRECTIVE = "Phòng Văn xã chủ trì tham mưu kế hoạch tổ chức hội nghị"
INCOMING_URL = "/odoo/action-egov_documents.action_egov_document_incoming"


@tagged("post_install", "-at_install")
class TestUiTours(HttpCase, EgovCase):
    """The incoming flow in the browser: the clerk registers an arrived document, the
    agency leader distributes it to a lead unit, a coordinating unit and a coordinating
    officer (NĐ 30/2020 Điều 22–23)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit_plan = cls.env["hr.department"].create(
            {
                "name": "Phòng Kế hoạch",
                "company_id": cls.agency_a.id,
                "egov_abbreviation": "KH",
                "egov_handler_user_id": cls.officer_a.id,
            }
        )
        cls.document = (
            cls.env["egov.document"]
            .with_user(cls.clerk_a)
            .with_company(cls.agency_a)
            .create(
                {
                    "direction": "incoming",
                    "subject": SUBJECT,
                    "issuing_agency_id": cls.province.id,
                    "number": "27",
                    "notation": "KH-UBND",
                    "issued_date": date(2026, 11, 16),
                    "document_type_id": cls.types["plan"].id,
                }
            )
        )

    @contextmanager
    def _screenshot_when_done(self, name):
        """Save the last screen of the browser as ``<name>.png`` in $EGOV_SCREENSHOT_DIR
        when that is set (Odoo itself only saves screenshots of failures)."""
        directory = os.environ.get("EGOV_SCREENSHOT_DIR")
        if not directory:
            yield
            return
        stop = ChromeBrowser.stop

        def capture_then_stop(browser):
            try:
                shot = browser._websocket_request(
                    "Page.captureScreenshot", params={"format": "png"}
                )
                path = Path(directory, f"{name}.png")
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(b64decode(shot["data"]))
                _logger.info("Screenshot of %s saved in %s", name, path)
            except Exception:
                _logger.warning("No screenshot of %s", name, exc_info=True)
            stop(browser)

        with patch.object(ChromeBrowser, "stop", capture_then_stop):
            yield

    def _tour(self, name, login):
        with self._screenshot_when_done(name):
            self.start_tour(INCOMING_URL, name, login=login)
        self.env.invalidate_all()

    def test_clerk_registers_then_leader_distributes_to_a_lead_and_two_coordinators(self):
        self._tour("egov_clerk_register_tour", "clerk_a")
        self.assertRecordValues(
            self.document,
            [
                {
                    "incoming_state": "received",
                    "arrival_number": 1,
                    "register_id": self.registers[self.agency_a.id]["incoming"].id,
                    "leader_id": self.leader_a.id,
                }
            ],
        )
        self.assertTrue(self.document.registered_at)

        self._tour("egov_leader_distribute_tour", "leader_a")
        self.assertRecordValues(
            self.document,
            [
                {
                    "incoming_state": "distributed",
                    "arrival_number": 1,
                    "directive": DIRECTIVE,
                    "distributed_by_id": self.leader_a.id,
                }
            ],
        )
        self.assertTrue(self.document.deadline, "The proposed deadline was kept.")
        assignments = self.document.assignment_ids.sorted(lambda a: (a.role != "lead", a.id))
        self.assertRecordValues(
            assignments,
            [
                {
                    "role": "lead",
                    "department_id": self.unit_a.id,
                    "user_id": False,
                    "assigned_by_id": self.leader_a.id,
                    "directive": DIRECTIVE,
                    "state": "assigned",
                },
                {
                    "role": "coordinator",
                    "department_id": self.unit_plan.id,
                    "user_id": False,
                    "assigned_by_id": self.leader_a.id,
                    "directive": DIRECTIVE,
                    "state": "assigned",
                },
                {
                    "role": "coordinator",
                    "department_id": False,
                    "user_id": self.officer_a.id,
                    "assigned_by_id": self.leader_a.id,
                    "directive": DIRECTIVE,
                    "state": "assigned",
                },
            ],
        )
        self.assertEqual(set(assignments.mapped("deadline")), {self.document.deadline})
        self.assertIn(
            self.officer_a,
            self.document.member_ids.user_id,
            "The coordinating officer can now open the document.",
        )
