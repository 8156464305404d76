"""The documents of the sample province, created through the real workflows.

Every document is created and moved on by the user whose job it is: the clerk enters and
registers incoming documents (``action_register``), the agency leader distributes them, the
unit leader and the officer handle them; an officer drafts outgoing documents, the unit
leader gives a visa, the agency leader approves and signs, the clerk numbers
(``action_assign_number``) and issues them (``action_issue``). Every arrival number and
every outgoing number therefore comes from the agency's registers, and documents issued to
agencies of this database arrive there as real incoming documents.

Days are counted in working days of the agencies' calendar back from the day of
installation, so the demo always shows recent work: receipts over the last working days, one
deadline already passed, one arrival after office hours.
"""

import base64
import logging
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from odoo import Command

from odoo.addons.egov_documents.models.egov_guard import system_env
from odoo.addons.egov_fixtures.pdfs import render_document_pdf

_logger = logging.getLogger(__name__)

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TYPES = "egov_documents.document_type_"
# The name printed above the subject, by type abbreviation; a công văn has none.
TITLES = {
    "QĐ": "Quyết định",
    "KH": "Kế hoạch",
    "BC": "Báo cáo",
    "TB": "Thông báo",
    "TTr": "Tờ trình",
    "GM": "Giấy mời",
}
COMPETENCE_PREFIXES = {"kt": "KT. ", "tl": "TL. ", "tm": "TM. ", "tuq": "TUQ. ", "q": "Q. "}
DEFAULT_BODY = [
    "Văn bản điện tử minh họa cho Hệ thống quản lý văn bản và điều hành của tỉnh Tây Ninh "
    "(dữ liệu demo, không có giá trị pháp lý).",
]


# --- Incoming documents entered by hand ----------------------------------------------------
# Days are working days before today. ``arrived``: (days ago, hour, minute) of entry into the
# system; ``register``: the clerk registers it, else it waits for registration;
# ``deadline_days``: handling deadline at 17:00, in working days after today (negative:
# already passed); ``handling``: how far the agency got with it after registration
# (distributed, in_progress, done).
SNV_INCOMING = [
    {
        "issuer": "base.main_partner",
        "number": "125",
        "notation": "QĐ-UBND",
        "type": "decision",
        "subject": "Quyết định về việc công bố danh mục thủ tục hành chính mới ban hành, được "
        "sửa đổi, bổ sung trong lĩnh vực nội vụ thuộc phạm vi chức năng quản lý của Sở Nội vụ "
        "tỉnh Tây Ninh",
        "issued_days_ago": 10,
        "arrived": (8, 8, 5),
        "channel": "paper",
        "signer": ("kt", "Phó Chủ tịch", "Phạm Hoài Nam"),
        "register": True,
        "deadline_days": 5,
        "handling": "done",
        "pdf": [
            "Căn cứ Luật Tổ chức chính quyền địa phương; căn cứ Nghị định số 63/2010/NĐ-CP "
            "về kiểm soát thủ tục hành chính;",
            "Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục hành chính mới ban "
            "hành, được sửa đổi, bổ sung trong lĩnh vực nội vụ.",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Giám đốc Sở Nội vụ và các "
            "cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này.",
        ],
    },
    {
        "issuer": "egov_demo.partner_bo_noi_vu",
        "number": "3456",
        "notation": "BNV-CCVC",
        "type": "official_letter",
        "subject": "V/v triển khai công tác đánh giá, xếp loại chất lượng cán bộ, công chức, "
        "viên chức năm 2026",
        "issued_days_ago": 9,
        "arrived": (7, 9, 40),
        "channel": "axis",
        "signer": ("kt", "Thứ trưởng", "Nguyễn Văn Phúc"),
        "register": True,
        "deadline_days": -1,
        "pdf": [
            "Thực hiện quy định về đánh giá, xếp loại chất lượng cán bộ, công chức, viên "
            "chức, Bộ Nội vụ đề nghị Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung "
            "ương chỉ đạo triển khai công tác đánh giá năm 2026 bảo đảm đúng quy định.",
            "Kết quả thực hiện đề nghị gửi về Bộ Nội vụ (qua Vụ Công chức - Viên chức) "
            "đúng thời hạn để tổng hợp, báo cáo Thủ tướng Chính phủ.",
        ],
    },
    {
        "issuer": "egov_demo.company_stc",
        "number": "88",
        "notation": "STC-NS",
        "type": "official_letter",
        "subject": "V/v hướng dẫn xây dựng dự toán ngân sách nhà nước năm 2027",
        "issued_days_ago": 7,
        "arrived": (6, 14, 15),
        "channel": "paper",
        "signer": ("direct", "Giám đốc", "Ngô Thanh Sơn"),
        "register": True,
        "deadline_days": 7,
        "handling": "distributed",
    },
    {
        "issuer": "base.main_partner",
        "number": "312",
        "notation": "KH-UBND",
        "type": "plan",
        "subject": "Kế hoạch thực hiện công tác cải cách hành chính tỉnh Tây Ninh năm 2027",
        "issued_days_ago": 6,
        "arrived": (5, 10, 20),
        "channel": "email",
        "signer": ("kt", "Phó Chủ tịch", "Phạm Hoài Nam"),
        "register": True,
        "deadline_days": 20,
        "handling": "in_progress",
    },
    {
        "issuer": "egov_demo.partner_bo_noi_vu",
        "number": "4012",
        "notation": "BNV-TCBC",
        "type": "official_letter",
        "subject": "V/v báo cáo số lượng đơn vị sự nghiệp công lập và biên chế năm 2026",
        "issued_days_ago": 5,
        "arrived": (4, 7, 10),  # before office hours: counts from 07:30
        "channel": "axis",
        "urgency": "urgent",
        "signer": ("kt", "Thứ trưởng", "Nguyễn Văn Phúc"),
        "register": True,
        "deadline_days": 3,
    },
    {
        "issuer": "base.main_partner",
        "number": "2150",
        "notation": "UBND-NC",
        "type": "official_letter",
        "subject": "V/v báo cáo nhanh tình hình sắp xếp tổ chức bộ máy các cơ quan chuyên môn "
        "thuộc UBND tỉnh",
        "issued_days_ago": 1,
        "arrived": (1, 17, 25),  # after office hours: counts from the next working period
        "channel": "paper",
        "urgency": "flash",
        "signer": ("kt", "Phó Chủ tịch", "Phạm Hoài Nam"),
        "register": False,
        "deadline_days": 1,
        "pdf": [
            "Để kịp thời báo cáo Tỉnh ủy, Chủ tịch UBND tỉnh yêu cầu Giám đốc Sở Nội vụ "
            "khẩn trương tổng hợp tình hình sắp xếp tổ chức bộ máy các cơ quan chuyên môn "
            "thuộc UBND tỉnh.",
            "Báo cáo gửi về UBND tỉnh (qua Văn phòng UBND tỉnh) trước 10 giờ 00 ngày làm "
            "việc tiếp theo. Đây là văn bản hỏa tốc.",
        ],
    },
    {
        "issuer": "egov_demo.company_stc",
        "number": "95",
        "notation": "STC-NS",
        "type": "official_letter",
        "subject": "V/v đề nghị cung cấp số liệu quyết toán kinh phí cải cách hành chính năm 2026",
        "issued_days_ago": 3,
        "arrived": (2, 15, 50),
        "channel": "paper",
        "signer": ("kt", "Phó Giám đốc", "Lý Thị Ngọc"),
        "register": False,
    },
    {
        "issuer": "base.main_partner",
        "number": "1188",
        "notation": "GM-UBND",
        "type": "invitation",
        "subject": "Giấy mời dự Hội nghị tổng kết công tác cải cách hành chính năm 2026",
        "issued_days_ago": 2,
        "arrived": (1, 8, 30),
        "channel": "email",
        "signer": ("tl", "Chánh Văn phòng", "Lê Văn Tài"),
        "register": False,
    },
]

UBND_INCOMING = [
    {
        "issuer": "egov_demo.partner_van_phong_chinh_phu",
        "number": "8123",
        "notation": "VPCP-KSTT",
        "type": "official_letter",
        "subject": "V/v triển khai Nghị quyết phiên họp Chính phủ thường kỳ về đẩy mạnh cải "
        "cách thủ tục hành chính",
        "issued_days_ago": 6,
        "arrived": (5, 9, 0),
        "channel": "axis",
        "signer": ("kt", "Phó Chủ nhiệm", "Trần Minh Quân"),
        "register": True,
        "deadline_days": 10,
    },
    {
        "issuer": "egov_demo.partner_ubnd_binh_phuoc",
        "number": "456",
        "notation": "UBND-KT",
        "type": "official_letter",
        "subject": "V/v phối hợp quản lý, bảo vệ rừng khu vực giáp ranh giữa hai tỉnh",
        "issued_days_ago": 4,
        "arrived": (2, 13, 45),
        "channel": "axis",
        "signer": ("kt", "Phó Chủ tịch", "Đỗ Quang Huy"),
        "register": False,
    },
]

# --- Outgoing and internal documents, in the order the clerk numbers them ----------------
# ``state``: how far the document goes: draft, in_review (waiting for the reviewer's visa),
# signed (waiting for its number), numbered (waiting to be issued) or issued.
SNV_OUTGOING = [
    {
        "direction": "outgoing",
        "type": "report",
        "department": "dept_snv_cchc",
        "subject": "Báo cáo kết quả thực hiện công tác cải cách hành chính năm 2026",
        "competence": "direct",
        "position": "Giám đốc",
        "recipients": [
            ("agency", "base.main_partner", "action"),
            ("agency", "egov_demo.partner_bo_noi_vu", "information"),
        ],
        "places": "- UBND tỉnh;\n- Bộ Nội vụ;\n- Lưu: VT, CCHC.",
        "state": "draft",
    },
    {
        "direction": "outgoing",
        "type": "official_letter",
        "department": "dept_snv_cchc",
        "subject": "V/v góp ý dự thảo Kế hoạch cải cách hành chính tỉnh Tây Ninh năm 2027",
        "competence": "direct",
        "position": "Giám đốc",
        "recipients": [
            ("agency", "egov_demo.company_stc", "action"),
            ("agency", "egov_demo.company_hoa_thanh", "action"),
        ],
        "places": "- Như trên;\n- Lưu: VT, CCHC.",
        "state": "in_review",
    },
    {
        "direction": "outgoing",
        "type": "plan",
        "department": "dept_snv_cchc",
        "subject": "Kế hoạch kiểm tra công tác cải cách hành chính năm 2027",
        "competence": "direct",
        "position": "Giám đốc",
        "recipients": [
            ("agency", "egov_demo.company_hoa_thanh", "action"),
            ("agency", "egov_demo.company_stc", "action"),
            ("agency", "base.main_partner", "information"),
        ],
        "places": "- UBND tỉnh (b/c);\n- Sở Tài chính;\n- UBND huyện Hòa Thành;\n- Lưu: VT, CCHC.",
        "state": "numbered",
        "pdf": [
            "Thực hiện Kế hoạch cải cách hành chính của UBND tỉnh, Sở Nội vụ xây dựng Kế "
            "hoạch kiểm tra công tác cải cách hành chính năm 2027 tại các cơ quan, đơn vị.",
            "I. Mục đích, yêu cầu: đánh giá kết quả thực hiện nhiệm vụ cải cách hành chính, "
            "kịp thời chấn chỉnh những tồn tại, hạn chế.",
            "II. Nội dung, thời gian kiểm tra: theo lịch đính kèm Kế hoạch này.",
        ],
    },
    {
        "direction": "outgoing",
        "type": "official_letter",
        "department": "dept_snv_tcbc",
        "subject": "V/v đôn đốc báo cáo số lượng, chất lượng cán bộ, công chức cấp xã năm 2026",
        "competence": "direct",
        "position": "Giám đốc",
        "recipients": [
            ("agency", "egov_demo.company_hoa_thanh", "action"),
            ("agency", "egov_demo.company_truong_tay", "action"),
            ("unit", "dept_snv_vp", "archive"),
        ],
        "places": "- Như trên;\n- Lưu: VT, TCBC.",
        "state": "issued",
        "pdf": [
            "Sở Nội vụ đề nghị UBND huyện Hòa Thành, UBND xã Trường Tây khẩn trương báo cáo "
            "số lượng, chất lượng cán bộ, công chức cấp xã năm 2026 theo mẫu đính kèm.",
            "Báo cáo gửi về Sở Nội vụ (qua Phòng Tổ chức biên chế) trước ngày 15 tháng 12.",
        ],
    },
    {
        "direction": "outgoing",
        "type": "submission",
        "department": "dept_snv_tcbc",
        "subject": "Tờ trình về việc đề nghị phê duyệt Đề án vị trí việc làm của Sở Nội vụ",
        "competence": "direct",
        "position": "Giám đốc",
        "recipients": [("agency", "base.main_partner", "action")],
        "places": "- UBND tỉnh;\n- Lưu: VT, TCBC.",
        "state": "signed",
    },
    {
        "direction": "internal",
        "type": "notice",
        "department": "dept_snv_vp",
        "subject": "Thông báo phân công nhiệm vụ trực cơ quan dịp cuối năm 2026",
        "competence": "direct",
        "position": "Giám đốc",
        "recipients": [("unit", "dept_snv_tcbc", "action"), ("unit", "dept_snv_cchc", "action")],
        "places": "- Các phòng thuộc Sở;\n- Lưu: VT.",
        "state": "issued",
    },
]

UBND_OUTGOING = [
    {
        "direction": "outgoing",
        "type": "decision",
        "department": "dept_ubnd_vx",
        "subject": "Quyết định về việc công bố danh mục thủ tục hành chính lĩnh vực văn hóa, "
        "thể thao và du lịch áp dụng trên địa bàn tỉnh Tây Ninh",
        "competence": "kt",
        "position": "Phó Chủ tịch",
        "recipients": [
            ("agency", "egov_demo.company_snv", "information"),
            ("agency", "egov_demo.company_hoa_thanh", "action"),
        ],
        "places": "- Như Điều 3;\n- Lưu: VT, VX.",
        "state": "issued",
        "pdf": [
            "Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục hành chính lĩnh vực văn "
            "hóa, thể thao và du lịch áp dụng trên địa bàn tỉnh Tây Ninh.",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
            "Điều 3. Chánh Văn phòng UBND tỉnh, Thủ trưởng các sở, ngành, Chủ tịch UBND các "
            "huyện, thị xã, thành phố chịu trách nhiệm thi hành Quyết định này.",
        ],
    },
    {
        "direction": "outgoing",
        "type": "official_letter",
        "department": "dept_ubnd_vx",
        "subject": "V/v tổ chức các hoạt động chào mừng Tết Nguyên đán năm 2027",
        "competence": "kt",
        "position": "Phó Chủ tịch",
        "recipients": [
            ("agency", "egov_demo.company_snv", "action"),
            ("agency", "egov_demo.company_stc", "action"),
            ("agency", "egov_demo.company_hoa_thanh", "action"),
        ],
        "places": "- Như trên;\n- Lưu: VT, VX.",
        "state": "issued",
        "pdf": [
            "Để tổ chức đón Tết Nguyên đán năm 2027 vui tươi, lành mạnh, an toàn, tiết kiệm, "
            "UBND tỉnh yêu cầu các sở, ngành, địa phương xây dựng kế hoạch tổ chức các hoạt "
            "động chào mừng, bảo đảm trật tự, an toàn giao thông trên địa bàn.",
        ],
    },
]

OUTGOING_STEPS = ("draft", "in_review", "signed", "numbered", "issued")


class DemoDocumentFactory:
    """Creates demo documents as the users of their agency and moves them on."""

    def __init__(self, env, today=None):
        self.env = env
        self.today = today or datetime.now(TZ).date()
        calendar = env.ref("egov_documents.resource_calendar_egov_office_hours")
        self.schedule = calendar._egov_work_schedule()

    def day(self, working_days_ago):
        """The working day ``working_days_ago`` working days before today (negative: after)."""
        step = timedelta(days=-1 if working_days_ago > 0 else 1)
        day, remaining = self.today, abs(working_days_ago)
        while remaining:
            day += step
            remaining -= self.schedule.is_working_day(day)
        return day

    def at(self, working_days_ago, hour, minute=0):
        """Naive UTC datetime of ``hour:minute`` in Việt Nam on ``day(working_days_ago)``."""
        local = datetime.combine(self.day(working_days_ago), time(hour, minute), tzinfo=TZ)
        return local.astimezone(timezone.utc).replace(tzinfo=None)

    def ref(self, xmlid):
        return self.env.ref(xmlid if "." in xmlid else f"egov_demo.{xmlid}")

    def _partner(self, xmlid):
        record = self.ref(xmlid)
        return record.partner_id if record._name == "res.company" else record

    @staticmethod
    def _as(user, records):
        return records.with_user(user).with_company(user.company_id)

    # --- Incoming -------------------------------------------------------------------------
    def incoming(self, clerk, specs):
        """Enter ``specs`` as ``clerk``, attach their PDFs and register those marked so, all
        at once: the arrival numbers follow the order of receipt (NĐ 30/2020 Điều 22.2).
        Returns ``(document, spec)`` pairs."""
        Documents = self._as(clerk, self.env["egov.document"])
        entered = []
        for spec in specs:
            competence, position, signer = spec["signer"]
            vals = {
                "direction": "incoming",
                "subject": spec["subject"],
                "issuing_agency_id": self._partner(spec["issuer"]).id,
                "number": spec["number"],
                "notation": spec["notation"],
                "issued_date": self.day(spec["issued_days_ago"]),
                "document_type_id": self.ref(TYPES + spec["type"]).id,
                "arrived_at": self.at(*spec["arrived"]),
                "arrival_channel": spec["channel"],
                "urgency": spec.get("urgency", "normal"),
                "signer_competence": competence,
                "signer_position": position,
                "signer_name": signer,
                "page_count": 1,
            }
            if "deadline_days" in spec:
                vals["deadline"] = self.at(-spec["deadline_days"], 17, 0)
            # the demo province has a history: its documents arrived on past working days,
            # a time only the system sets (the seeding code is that system here)
            document = system_env(Documents).create(vals).with_env(Documents.env)
            if spec.get("pdf"):
                self._attach_pdf(clerk, document, spec["pdf"], signer_name=signer)
            entered.append((document, spec))
        to_register = Documents.browse(
            [document.id for document, spec in entered if spec["register"]]
        )
        to_register.action_register()
        return entered

    def handle(self, entered, leader, unit_leader, officer, lead_unit, coordinator_unit):
        """The leader distributes registered documents to ``lead_unit`` with
        ``coordinator_unit`` coordinating; the unit leader takes them up and, for those to
        complete, has the officer do the work (Kon Tum Điều 9)."""
        for document, spec in entered:
            handling = spec.get("handling")
            if not handling:
                continue
            deadline = self.at(-spec.get("deadline_days", 10), 17, 0)
            self._as(leader, document)._egov_distribute(
                {"department_id": lead_unit.id},
                coordinators=[{"department_id": coordinator_unit.id}],
                directive=f"Giao {lead_unit.name} chủ trì, phối hợp {coordinator_unit.name} "
                "tham mưu triển khai thực hiện.",
                deadline=deadline,
            )
            if handling == "distributed":
                continue
            lead = document.assignment_ids.filtered(lambda a: a.role == "lead" and not a.parent_id)
            if handling == "in_progress":
                self._as(unit_leader, lead).action_accept()
                continue
            children = self._as(unit_leader, lead)._egov_split(
                [
                    {
                        "user_id": officer.id,
                        "role": "lead",
                        "directive": "Đồng chí chủ động rà soát, đề xuất nội dung triển khai.",
                    }
                ]
            )
            self._as(officer, children)._egov_complete(
                "Đã rà soát, cập nhật danh mục thủ tục hành chính trên Cổng dịch vụ công."
            )
            self._as(unit_leader, lead)._egov_complete("Đã triển khai thực hiện xong.")

    # --- Outgoing and internal ------------------------------------------------------------
    def outgoing(self, specs, officer, unit_leader, signer, clerk):
        """Draft ``specs`` as ``officer`` and take each as far as its ``state``: visa of
        the unit leader, approval and signature of ``signer``, number and issue by the
        clerk."""
        documents = self.env["egov.document"].browse()
        for spec in specs:
            document = self._as(officer, self.env["egov.document"]).create(
                {
                    "direction": spec["direction"],
                    "subject": spec["subject"],
                    "document_type_id": self.ref(TYPES + spec["type"]).id,
                    "department_id": self.ref(spec["department"]).id,
                    "signer_id": signer.id,
                    "signer_competence": spec["competence"],
                    "signer_position": spec["position"],
                    "recipient_places": spec["places"],
                    "page_count": 1,
                    "recipient_ids": [
                        Command.create(self._recipient_vals(kind, xmlid, purpose))
                        for kind, xmlid, purpose in spec["recipients"]
                    ],
                }
            )
            documents |= document
            reached = OUTGOING_STEPS.index(spec["state"])
            if reached >= OUTGOING_STEPS.index("in_review"):
                self._as(officer, document)._egov_submit_for_review([("visa", unit_leader)])
            if reached >= OUTGOING_STEPS.index("signed"):
                self._as(unit_leader, document).action_approval_agree()
                self._as(signer, document).action_approve()
                self._as(signer, document).action_sign()
            if reached >= OUTGOING_STEPS.index("numbered"):
                self._as(clerk, document).action_assign_number()
                self._attach_pdf(
                    clerk,
                    document,
                    spec.get("pdf") or DEFAULT_BODY,
                    signer_name=document.signer_name,
                )
            if reached >= OUTGOING_STEPS.index("issued"):
                self._as(clerk, document).action_issue()
        return documents

    def _recipient_vals(self, kind, xmlid, purpose):
        if kind == "agency":
            return {"kind": "agency", "partner_id": self._partner(xmlid).id, "purpose": purpose}
        if kind == "unit":
            return {"kind": "unit", "department_id": self.ref(xmlid).id, "purpose": purpose}
        return {"kind": "person", "user_id": self.ref(xmlid).id, "purpose": purpose}

    # --- Dossiers -------------------------------------------------------------------------
    def dossiers(self, clerk, leader, officer, unit):
        """Sở Nội vụ's dossier catalogue of the year (PL V), approved by its director; the
        administrative-reform dossier holds the documents handled and issued on the subject,
        is closed with the SHA-256 of every file and exported as a package; the second
        dossier stays open."""
        company = clerk.company_id
        catalogue = self._as(clerk, self.env["egov.dossier.catalogue"]).create(
            {
                "company_id": company.id,
                "year": self.today.year,
                "line_ids": [
                    Command.create(
                        {
                            "sequence": 1,
                            "notation": "01.CCHC",
                            "title": f"Hồ sơ triển khai công tác cải cách hành chính năm {self.today.year}",
                            "maintenance": "04",
                            "rights": "01",
                            "responsible_user_id": officer.id,
                            "department_id": unit.id,
                        }
                    ),
                    Command.create(
                        {
                            "sequence": 2,
                            "notation": "02.TCBC",
                            "title": f"Hồ sơ tổ chức bộ máy, biên chế năm {self.today.year}",
                            "maintenance": "01",
                            "rights": "02",
                            "responsible_user_id": officer.id,
                        }
                    ),
                ],
            }
        )
        self._as(leader, catalogue).action_approve()
        reform, staffing = catalogue.line_ids.sorted("sequence")
        self._as(clerk, reform).action_open_dossier()
        self._as(clerk, staffing).action_open_dossier()
        dossier = reform.dossier_ids[:1]
        handled = self.env["egov.document"].search(
            [
                ("company_id", "=", company.id),
                ("issued_date", "!=", False),
                "|",
                ("incoming_state", "in", ("done", "in_progress")),
                ("outgoing_state", "=", "issued"),
            ],
            order="issued_date, id",
        )
        self._as(clerk, dossier)._egov_add_documents(handled)
        self._as(clerk, dossier).action_close()
        self._as(clerk, dossier).action_export_package()
        return dossier

    # --- Files ----------------------------------------------------------------------------
    def _attach_pdf(self, user, document, body, signer_name):
        issuer = document.issuing_agency_id
        prefix = COMPETENCE_PREFIXES.get(document.signer_competence, "")
        raw = render_document_pdf(
            parent_agency=issuer.agency_parent_id.name or "",
            agency=issuer.name,
            number_notation=document.number_notation,
            place=issuer.city or "Tây Ninh",
            issued_date=document.issued_date or self.today,
            title=TITLES.get(document.document_type_id.abbreviation, ""),
            subject=document.subject,
            body=body,
            signer_position=f"{prefix}{document.signer_position or ''}".strip(),
            signer_name=signer_name,
        )
        file_name = document.number_notation.replace("/", "-").replace("Đ", "D") + ".pdf"
        self._as(user, self.env["egov.document.file"]).create(
            {
                "document_id": document.id,
                "name": file_name,
                "datas": base64.b64encode(raw),
                "role": "main",
            }
        )

    # --- Registration at the receivers of issued documents --------------------------------
    def register_arrivals(self, clerk, issuer):
        """The receiving clerk registers what ``issuer`` sent through the system."""
        arrived = self._as(clerk, self.env["egov.document"]).search(
            [
                ("direction", "=", "incoming"),
                ("incoming_state", "=", "arrived"),
                ("company_id", "=", clerk.company_id.id),
                ("issuing_agency_id", "=", issuer.partner_id.id),
                ("origin_recipient_id", "!=", False),
            ]
        )
        arrived.action_register()
        return arrived


def create_demo_documents(env, today=None):
    """Create the documents of the sample province; returns them."""
    factory = DemoDocumentFactory(env, today=today)
    ref = factory.ref
    lan, minh, ha, hung = (ref(f"user_{name}_snv") for name in ("lan", "minh", "ha", "hung"))
    thu, binh, tuan, nam = (ref(f"user_{name}_ubnd") for name in ("thu", "binh", "tuan", "nam"))

    # Sở Nội vụ: what arrived over the last days, registered and handled.
    snv_incoming = factory.incoming(lan, SNV_INCOMING)
    factory.handle(
        snv_incoming,
        leader=hung,
        unit_leader=ha,
        officer=minh,
        lead_unit=ref("dept_snv_cchc"),
        coordinator_unit=ref("dept_snv_tcbc"),
    )
    # UBND tỉnh: documents from outside the province.
    ubnd_incoming = factory.incoming(thu, UBND_INCOMING)
    documents = env["egov.document"].browse([doc.id for doc, _spec in snv_incoming + ubnd_incoming])
    # Drafts, signatures, numbers and issue; issued documents arrive at their receivers.
    documents |= factory.outgoing(
        SNV_OUTGOING, officer=minh, unit_leader=ha, signer=hung, clerk=lan
    )
    documents |= factory.outgoing(
        UBND_OUTGOING, officer=binh, unit_leader=tuan, signer=nam, clerk=thu
    )
    # The clerks of Sở Tài chính and of the district register what the others sent them;
    # Sở Nội vụ's clerk has not yet registered what the committee has just sent.
    documents |= factory.register_arrivals(ref("user_an_stc"), ref("base.main_company"))
    documents |= factory.register_arrivals(ref("user_hoa_hoathanh"), ref("company_snv"))
    factory.dossiers(clerk=lan, leader=hung, officer=minh, unit=ref("dept_snv_cchc"))
    _logger.info("egov_demo: %s demo documents created", len(documents))
    return documents
