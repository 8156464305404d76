"""A working day in the browser, in Vietnamese, at desktop and at phone size.

The clerk enters a paper document from its scan (the fields read from it stay marked until
checked), confirms them and registers it (Vào sổ); the agency leader reads it inline,
distributes it keeping the proposed deadline with someone informed (nhận để biết), then
reads and signs an outgoing document awaiting his signature; the officer reads the document
beside his assignment, reports progress and completes it with a result.

The tours are in ``static/src/tours/egov_day_tours.js``. A step that logs
``egov-screenshot:<screen>`` asks for a picture of the screen as it is: saved as
``<role>-<screen>-<desktop|phone>.png`` in ``$EGOV_SCREENSHOT_DIR`` when that is set (for
``docs/evidence/day/``); the step after it waits until the picture is taken.
"""

import base64
import io
import json
import logging
import os
import subprocess
import tempfile
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from unittest.mock import patch

from PIL import Image

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import ChromeBrowser

from odoo.addons.egov_fixtures import pdfs, samples

from .common import EgovCase
from .test_scan_wizard import has_vietnamese_ocr

_logger = logging.getLogger(__name__)

#: keep in step with static/src/tours/egov_day_tours.js
SCREENSHOT_MARK = "egov-screenshot:"
SCAN_FILENAME = "cv-3456-bnv-ccvc.pdf"
SCAN_SUBJECT = "V/v triển khai công tác đánh giá, xếp loại chất lượng cán bộ năm 2026"
OUTGOING_SUBJECT = "Quyết định ban hành Quy chế quản lý văn bản điện tử"
PROGRESS_NOTE = "Đã dự thảo kế hoạch đánh giá, đang lấy ý kiến các phòng"
RESULT_NOTE = "Đã ban hành kế hoạch đánh giá, xếp loại cán bộ năm 2026"
INFORMED_NAME = "Phạm Thu Hà"
PASSPHRASE = "Mật khẩu 2026!"

INCOMING_URL = "/odoo/action-egov_documents.action_egov_document_incoming"
TO_REGISTER_URL = "/odoo/action-egov_documents.action_egov_document_incoming_to_register"
OUTGOING_URL = "/odoo/action-egov_documents.action_egov_document_outgoing"
DEADLINES_URL = "/odoo/action-egov_documents.action_egov_document_deadlines"
MY_ASSIGNMENTS_URL = "/odoo/action-egov_documents.action_egov_assignment_mine"


def scan_of_official_letter():
    """The paper letter as a scanner gives it: an image-only PDF of the page rendered as the
    demo province renders its documents (NĐ 30/2020 Phụ lục I layout), read by Tesseract.
    Without Tesseract's Vietnamese data the wizard could not read it: the rendered PDF,
    with its text layer, stands in (and the log says so)."""
    printed = printed_official_letter()
    if not has_vietnamese_ocr():
        _logger.warning("tesseract-ocr-vie missing: the clerk's tour reads a text-layer PDF")
        return printed
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder, "printed.pdf")
        source.write_bytes(printed)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "200",
                "-gray",
                "-png",
                "-singlefile",
                str(source),
                f"{folder}/page",
            ],
            check=True,
            timeout=60,
        )
        output = io.BytesIO()
        Image.open(Path(folder, "page.png")).convert("L").save(
            output, format="PDF", resolution=200.0
        )
    return output.getvalue()


def printed_official_letter():
    return pdfs.render_document_pdf(
        parent_agency="",
        agency="Bộ Nội vụ",
        number_notation="3456/BNV-CCVC",
        place="Hà Nội",
        issued_date=date(2026, 11, 16),
        title="",
        subject=SCAN_SUBJECT,
        body=[
            "Thực hiện quy định về đánh giá, xếp loại chất lượng cán bộ, công chức, viên "
            "chức, Bộ Nội vụ đề nghị các cơ quan triển khai công tác đánh giá năm 2026.",
        ],
        signer_position="KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG",
        signer_name="Nguyễn Văn Phúc",
    )


def load_vietnamese(env):
    """vi_VN active with the translations of the installed modules (a test database is
    often created without it)."""
    env["res.lang"]._activate_lang("vi_VN")
    action = env.ref("egov_documents.action_egov_document_incoming_to_register")
    if action.with_context(lang="vi_VN").name != "Chờ vào sổ":
        installed = env["ir.module.module"].search([("state", "=", "installed")])
        installed._update_translations(["vi_VN"])
        env.invalidate_all()


class DayTourCase(HttpCase, EgovCase):
    """The agency's people in Vietnamese, a scan to enter, documents already in the lists,
    an outgoing document awaiting the leader's signature (with a certificate when
    egov_signing is installed)."""

    #: the suffix of the screenshots: desktop or phone
    screen = "desktop"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_vietnamese(cls.env)
        cls.clerk_a.write({"name": "Trần Thị Lan", "lang": "vi_VN"})
        cls.leader_a.write({"name": samples.SIGNER_NAME, "lang": "vi_VN"})
        cls.officer_a.write({"name": "Lê Minh Tuấn", "lang": "vi_VN"})
        cls.informed_a = new_test_user(
            cls.env,
            login="officer_a2",
            groups="egov_documents.group_egov_officer",
            company_id=cls.agency_a.id,
            company_ids=[Command.set(cls.agency_a.ids)],
            name=INFORMED_NAME,
            tz="Asia/Ho_Chi_Minh",
            lang="vi_VN",
        )
        cls.bo_noi_vu = cls._directory_agency(
            {
                "name": "Bộ Nội vụ",
                "is_company": True,
                "is_agency": True,
                "agency_abbreviation": "BNV",
                "code_qcvn102": "000.00.00.G09",
            }
        )
        cls.scan = scan_of_official_letter()
        # the file the clerk "drops" in the wizard: the tour fetches it as the clerk
        cls.env["ir.attachment"].with_user(cls.clerk_a).create(
            {"name": SCAN_FILENAME, "raw": cls.scan, "mimetype": "application/pdf"}
        )
        cls._documents_already_there()
        cls.signing = "egov.signing.profile" in cls.env
        if cls.signing:
            cls._leader_can_sign_digitally()
        cls.outgoing = cls._outgoing_awaiting_signature()

    @classmethod
    def _documents_already_there(cls):
        """What the lists hold in the morning: two documents waiting for registration and
        two registered ones with their deadlines."""
        Documents = cls.env["egov.document"].with_user(cls.clerk_a).with_company(cls.agency_a)
        values = [
            ("27", "KH-UBND", "plan", "Về việc tổ chức hội nghị tổng kết công tác văn thư"),
            ("118", "UBND-VX", "official_letter", "V/v báo cáo tình hình cải cách hành chính"),
            ("15", "QĐ-UBND", "decision", "Về việc giao chỉ tiêu kế hoạch năm 2027"),
            ("42", "TB-UBND", "report", "Thông báo kết luận của Chủ tịch UBND tỉnh"),
        ]
        documents = Documents.create(
            [
                {
                    "direction": "incoming",
                    "subject": subject,
                    "issuing_agency_id": cls.province.id,
                    "number": number,
                    "notation": notation,
                    "issued_date": date(2026, 11, 16),
                    "document_type_id": cls.types[kind].id,
                    "urgency": "urgent" if number == "118" else "normal",
                }
                for number, notation, kind, subject in values
            ]
        )
        documents[2:].action_register()
        # the handling deadlines the leader set when he distributed them earlier
        now = fields.Datetime.now()
        documents[2].sudo().deadline = now + timedelta(days=2)
        documents[3].sudo().deadline = now + timedelta(days=6)

    @classmethod
    def _leader_can_sign_digitally(cls):
        """The leader's certificate and signature image, the agency's trust root, seal and
        organisation certificate, as egov_signing's own tests set them up."""
        from cryptography.hazmat.primitives.serialization import Encoding

        pki = samples.build_demo_pki()
        cls.env["egov.signing.profile"].create(
            {
                "company_id": cls.agency_a.id,
                "trust_root_attachment_ids": [
                    Command.create(
                        {"name": "demo-root.pem", "raw": pki.root.cert.public_bytes(Encoding.PEM)}
                    )
                ],
            }
        )
        Certificates = cls.env["egov.signing.certificate"]
        cls.leader_a.write({"egov_signature_image": cls._b64(samples.signature_png())})
        cls.leader_a.egov_certificate_id = Certificates.create(
            {
                "kind": "person",
                "user_id": cls.leader_a.id,
                "company_id": cls.agency_a.id,
                "pkcs12_file": cls._b64(pki.person.pkcs12(PASSPHRASE.encode())),
                "pkcs12_passphrase": PASSPHRASE,
            }
        )
        organisation = Certificates.create(
            {
                "kind": "organisation",
                "company_id": cls.agency_a.id,
                "pkcs12_file": cls._b64(pki.organisation.pkcs12(PASSPHRASE.encode())),
                "pkcs12_passphrase": PASSPHRASE,
            }
        )
        cls.agency_a.write(
            {
                "egov_seal_image": cls._b64(samples.seal_png()),
                "egov_org_certificate_id": organisation.id,
            }
        )

    @classmethod
    def _outgoing_awaiting_signature(cls):
        """A decision drafted by the officer and approved: it waits for the leader to sign
        it. Beside it in the list: a draft and a report already issued on paper."""
        Documents = cls.env["egov.document"].with_user(cls.officer_a).with_company(cls.agency_a)
        document = Documents.create(
            {
                "direction": "outgoing",
                "subject": OUTGOING_SUBJECT,
                "document_type_id": cls.types["decision"].id,
                "signer_id": cls.leader_a.id,
                "signer_name": samples.SIGNER_NAME,
                "signer_position": samples.SIGNER_POSITION,
                "signer_competence": "kt",
                "recipient_ids": [
                    Command.create({"kind": "agency", "partner_id": cls.agency_b.partner_id.id})
                ],
                "file_ids": [
                    Command.create(
                        {
                            "name": "QD-quy-che.pdf",
                            "datas": cls._b64(pdfs.sample_decision_pdf()),
                            "role": "main",
                        }
                    )
                ],
            }
        )
        document.with_user(cls.leader_a).action_approve()
        Documents.create(
            {
                "direction": "outgoing",
                "subject": "Báo cáo kết quả thực hiện nhiệm vụ năm 2026",
                "document_type_id": cls.types["report"].id,
            }
        )
        return document

    # --- Screenshots ------------------------------------------------------------------------
    @contextmanager
    def _screenshots(self, role):
        """Answer the tours' screenshot requests: a PNG of the screen in $EGOV_SCREENSHOT_DIR
        (when set), then the signal the tour waits for. Runs in the browser's websocket
        thread, so nothing here waits for Chrome: the capture's answer releases the tour."""
        directory = os.environ.get("EGOV_SCREENSHOT_DIR")
        handle_console = ChromeBrowser._handle_console
        screen = self.screen
        taken = self.screenshots_taken

        def release(browser, name):
            script = f"document.body.dataset.egovScreenshot = {json.dumps(name)};"
            browser._websocket_send("Runtime.evaluate", params={"expression": script})

        def capture(browser, name):
            if not directory:
                release(browser, name)
                return
            future = browser._websocket_send(
                "Page.captureScreenshot", params={"format": "png"}, with_future=True
            )

            def save(done):
                try:
                    path = Path(directory, f"{role}-{name}-{screen}.png")
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(base64.b64decode(done.result()["data"]))
                    taken.append(path.name)
                    _logger.info("Screenshot %s saved", path)
                except Exception:
                    _logger.warning("No screenshot of %s", name, exc_info=True)
                finally:
                    release(browser, name)

            future.add_done_callback(save)

        def on_console(browser, type, args=None, **kwargs):  # noqa: A002 (CDP's name)
            first = args and args[0].get("value")
            if type == "log" and isinstance(first, str) and first.startswith(SCREENSHOT_MARK):
                capture(browser, first[len(SCREENSHOT_MARK) :])
                return None
            return handle_console(browser, type, args=args, **kwargs)

        with (
            patch.object(ChromeBrowser, "_handle_console", on_console),
            patch.object(ChromeBrowser, "__init__", self._with_exact_viewport()),
        ):
            yield

    def _with_exact_viewport(self):
        """Chrome keeps a window at least 500 px wide and takes its frame off the height:
        emulate the screen itself (390×844 is a phone's CSS viewport)."""
        init = ChromeBrowser.__init__
        width, height = (int(size) for size in self.browser_size.replace(",", "x").split("x"))
        mobile = self.touch_enabled

        def init_then_emulate(browser, *args, **kwargs):
            init(browser, *args, **kwargs)
            browser._websocket_request(
                "Emulation.setDeviceMetricsOverride",
                params={
                    "width": width,
                    "height": height,
                    "deviceScaleFactor": 1,
                    "mobile": mobile,
                },
            )

        return init_then_emulate

    def _tour(self, url, name, user, role):
        with self._screenshots(role):
            self.start_tour(url, name, login=user.login, timeout=120)
        self.env.invalidate_all()

    # --- The day ----------------------------------------------------------------------------
    def _scanned_document(self):
        return self.env["egov.document"].search(
            [("company_id", "=", self.agency_a.id), ("subject", "=", SCAN_SUBJECT)]
        )

    def _run_day(self):
        self.screenshots_taken = []
        self._tour(TO_REGISTER_URL, "egov_day_clerk_scan_tour", self.clerk_a, "clerk")
        document = self._scanned_document()
        self.assertEqual(len(document), 1, "The scan became one incoming document.")
        self.assertRecordValues(
            document,
            [
                {
                    "incoming_state": "received",
                    "arrival_channel": "paper",
                    "issuing_agency_id": self.bo_noi_vu.id,
                    "number_notation": "3456/BNV-CCVC",
                    "issued_date": date(2026, 11, 16),
                    "prefilled_fields": False,
                    "arrival_number": 3,
                }
            ],
        )
        # the scan is the file, kept byte for byte (an arrival stamp may follow it as an
        # incremental revision)
        self.assertTrue(base64.b64decode(document.file_ids.datas).startswith(self.scan))

        self._tour(INCOMING_URL, "egov_day_leader_distribute_tour", self.leader_a, "leader")
        self.assertRecordValues(
            document,
            [
                {
                    "incoming_state": "distributed",
                    "distributed_by_id": self.leader_a.id,
                }
            ],
        )
        # the tour checked the dialog proposed it and the form shows what was proposed
        self.assertTrue(document.deadline, "The proposed handling deadline was kept.")
        self.assertRecordValues(
            document.assignment_ids,
            [
                {
                    "role": "lead",
                    "user_id": self.officer_a.id,
                    "deadline": document.deadline,
                    "state": "assigned",
                }
            ],
        )
        self.assertIn(self.informed_a, document.informed_user_ids)
        self.assertFalse(
            document.assignment_ids.filtered(lambda a: a.user_id == self.informed_a),
            "Who receives it for information has nothing to handle.",
        )

        self._tour(OUTGOING_URL, "egov_day_leader_sign_tour", self.leader_a, "leader")
        self.assertRecordValues(
            self.outgoing, [{"outgoing_state": "signed", "signed_by_id": self.leader_a.id}]
        )
        if self.signing:
            self.assertRecordValues(
                self.outgoing, [{"digitally_signed": True, "signature_status": "valid"}]
            )

        self._tour(DEADLINES_URL, "egov_day_leader_deadlines_tour", self.leader_a, "leader")

        self._tour(
            MY_ASSIGNMENTS_URL, "egov_day_officer_assignment_tour", self.officer_a, "officer"
        )
        assignment = document.assignment_ids
        self.assertRecordValues(
            assignment,
            [
                {
                    "state": "done",
                    "progress": 100,
                    "progress_note": PROGRESS_NOTE,
                    "result_note": RESULT_NOTE,
                }
            ],
        )
        self.assertEqual(document.incoming_state, "done")
        if os.environ.get("EGOV_SCREENSHOT_DIR"):
            self.assertEqual(len(self.screenshots_taken), len(set(self.screenshots_taken)))
            _logger.info("Screenshots: %s", ", ".join(sorted(self.screenshots_taken)))


@tagged("post_install", "-at_install")
class TestUiDayToursDesktop(DayTourCase):
    """1366×768, a mouse."""

    browser_size = "1366x768"
    screen = "desktop"

    def test_a_day_of_clerk_leader_and_officer_in_vietnamese_on_a_desktop(self):
        self._run_day()


@tagged("post_install", "-at_install")
class TestUiDayToursPhone(DayTourCase):
    """390×844, touch: lists open as cards, the PDF opens with one tap."""

    browser_size = "390x844"
    touch_enabled = True
    screen = "phone"

    def test_a_day_of_clerk_leader_and_officer_in_vietnamese_on_a_phone(self):
        self._run_day()
