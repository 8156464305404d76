import io
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.egov_documents.models.egov_guard import system_env
from odoo.addons.egov_documents.tests.common import MINIMAL_PDF, EgovCase


class RegisterBookCase(EgovCase):
    """A year of agency A's registers, built through the real flows at known moments
    (times in UTC; Vietnam is UTC+7):

    Outgoing register 2026: 01 (06/01), 02 voided (10/02, its document renumbered 04 on
    01/04 06:00 local), 03 (31/03 23:30 local), 05 (31/12); 2027 restarts at 01 (02/01).
    Incoming register 2026: 01 (05/01, distributed the same day), 02 voided (02/02),
    03 (received 27/03, distributed 02/04: it crosses the quarter), 04 (registered 31/03
    23:30 local), 05 (arrived 01/04 06:00 local, before office hours).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.env["ir.module.module"].search(
            [("name", "in", ("egov_documents", "egov_reports"))]
        )._update_translations(["vi_VN"])
        cls.outgoing_register = cls.registers[cls.agency_a.id]["outgoing"]
        cls.incoming_register = cls.registers[cls.agency_a.id]["incoming"]
        cls.outgoing_register.code = "VBĐi"
        cls.incoming_register.code = "VBĐ"
        cls.unit_leader_a = cls._create_user(
            "unit_leader_a", cls.agency_a, "egov_documents.group_egov_unit_leader"
        )
        cls.out = {}
        cls.out["a"] = cls._number(
            "2026-01-06 02:00:00", "Báo cáo tình hình thực hiện nhiệm vụ tháng 12 năm 2025"
        )
        cls.out["b"] = cls._number("2026-02-10 03:00:00", "Báo cáo sơ kết công tác quý I")
        with freeze_time("2026-02-10 04:00:00"):
            cls._void(cls.out["b"].register_entry_id, "Cấp nhầm số, văn bản chưa ký")
        cls.out["c"] = cls._number(
            "2026-03-31 16:30:00", "Báo cáo kết quả kiểm tra cải cách hành chính quý I"
        )
        with freeze_time("2026-03-31 23:00:00"):
            cls.out["b"].with_user(cls.clerk_a).action_assign_number()
        cls.out["d"] = cls._number("2026-12-31 04:00:00", "Báo cáo tổng kết công tác năm 2026")
        cls.out["e"] = cls._number("2027-01-02 02:00:00", "Báo cáo tình hình đầu năm 2027")

        cls.inc = {}
        cls.inc["a"] = cls._register(
            "2026-01-05 02:00:00", "2026-01-05 02:30:00", "101", "V/v tuyển dụng công chức 2026"
        )
        with freeze_time("2026-01-05 03:00:00"):
            cls.inc["a"].with_user(cls.leader_a)._egov_distribute(
                {"department_id": cls.unit_a.id},
                [{"user_id": cls.officer_a.id}],
                directive="Phòng Văn xã chủ trì tham mưu trả lời",
                deadline=datetime(2026, 1, 15, 10, 0),
            )
        cls.inc["b"] = cls._register(
            "2026-02-02 02:00:00", "2026-02-02 02:10:00", "102", "V/v đăng ký nhầm"
        )
        with freeze_time("2026-02-02 03:00:00"):
            cls._void(cls.inc["b"].register_entry_id, "Vào sổ trùng văn bản đã có")
        cls.inc["c"] = cls._register(
            "2026-03-27 08:00:00", "2026-03-27 09:00:00", "103", "V/v báo cáo quý I năm 2026"
        )
        with freeze_time("2026-04-02 03:00:00"):
            cls.inc["c"].with_user(cls.leader_a)._egov_distribute(
                {"user_id": cls.officer_a.id}, directive="Giao chuyên viên xử lý"
            )
        cls.inc["d"] = cls._register(
            "2026-03-31 08:00:00", "2026-03-31 16:30:00", "104", "V/v kiểm tra cuối quý"
        )
        cls.inc["e"] = cls._register(
            "2026-03-31 23:00:00", "2026-04-01 02:00:00", "105", "V/v triển khai quý II"
        )
        cls.Book = cls.env["egov.register.book"].with_user(cls.clerk_a)

    @classmethod
    def _number(cls, moment, subject):
        draft = cls._outgoing_draft(subject)
        with freeze_time(moment):
            draft.with_user(cls.clerk_a).action_assign_number()
        return draft

    @classmethod
    def _outgoing_draft(cls, subject):
        draft = (
            cls.env["egov.document"]
            .with_user(cls.officer_a)
            .with_company(cls.agency_a)
            .create(
                {
                    "direction": "outgoing",
                    "subject": subject,
                    "document_type_id": cls.types["report"].id,
                    "department_id": cls.unit_a.id,
                    "signer_name": "Trần Văn Bình",
                    "recipient_places": "- UBND tỉnh;\n- Lưu: VT, VX.",
                    "recipient_ids": [
                        (0, 0, {"kind": "agency", "partner_id": cls.agency_b.partner_id.id})
                    ],
                }
            )
        )
        cls.env["egov.document.file"].with_user(cls.officer_a).create(
            {
                "document_id": draft.id,
                "name": "bao-cao.pdf",
                "datas": cls._b64(MINIMAL_PDF),
                "role": "main",
            }
        )
        system_env(draft.sudo()).write({"outgoing_state": "signed"})
        return draft

    @classmethod
    def _register(cls, arrived, registered, number, subject):
        Documents = cls.env["egov.document"].with_user(cls.clerk_a).with_company(cls.agency_a)
        document = system_env(Documents).create(
            {
                "direction": "incoming",
                "subject": subject,
                "issuing_agency_id": cls.province.id,
                "number": number,
                "notation": "UBND-NC",
                "issued_date": date(2026, 1, 2),
                "document_type_id": cls.types["official_letter"].id,
                "arrived_at": arrived,
            }
        )
        document = document.with_env(Documents.env)
        with freeze_time(registered):
            document.action_register()
        return document

    @classmethod
    def _void(cls, entry, reason):
        wizard = (
            cls.env["egov.void.number.wizard"]
            .with_user(cls.clerk_a)
            .create({"entry_id": entry.id, "reason": reason})
        )
        wizard.action_confirm()

    def _rows(self, register, date_from, date_to, book=None, fields=None):
        result = self.Book._egov_book(register, book=book, date_from=date_from, date_to=date_to)
        rows = result["rows"]
        if fields:
            rows = [{key: row.get(key, "") for key in fields} for row in rows]
        return result, rows


@tagged("post_install", "-at_install")
class TestOutgoingRegisterBook(RegisterBookCase):
    """NĐ 30/2020 Phụ lục IV: Sổ đăng ký văn bản đi, 10 columns, one row per number."""

    def test_outgoing_book_has_exactly_the_ten_columns_of_appendix_iv_in_order(self):
        result, _rows = self._rows(self.outgoing_register, date(2026, 1, 1), date(2026, 3, 31))
        self.assertEqual(
            [column[1] for column in result["columns"]],
            [
                "Số, ký hiệu văn bản",
                "Ngày tháng văn bản",
                "Tên loại và trích yếu nội dung văn bản",
                "Người ký",
                "Nơi nhận văn bản",
                "Đơn vị, người nhận bản lưu",
                "Số lượng bản",
                "Ngày chuyển",
                "Ký nhận",
                "Ghi chú",
            ],
        )

    def test_first_quarter_lists_every_number_in_order_with_the_voided_one(self):
        result, rows = self._rows(self.outgoing_register, date(2026, 1, 1), date(2026, 3, 31))
        self.assertEqual(
            rows,
            [
                {
                    "number_notation": "01/BC-SNV",
                    "document_date": "06/01/2026",
                    # the subject already starts with the type: not repeated
                    "type_subject": "Báo cáo tình hình thực hiện nhiệm vụ tháng 12 năm 2025",
                    "signer": "Trần Văn Bình",
                    "recipients": "- UBND tỉnh;\n- Lưu: VT, VX.",
                    "file_copy": "VT, Phòng Văn xã",
                    "copies": "1",
                    "sent_on": "",
                    "signature": "",
                    "note": "",
                    "voided": False,
                    "entry_id": self.out["a"].register_entry_id.id,
                    "document_id": self.out["a"].id,
                },
                {
                    "number_notation": "02",
                    "note": "Hủy số: Cấp nhầm số, văn bản chưa ký",
                    "voided": True,
                    "entry_id": rows[1]["entry_id"],
                },
                {
                    "number_notation": "03/BC-SNV",
                    "document_date": "31/03/2026",
                    "type_subject": "Báo cáo kết quả kiểm tra cải cách hành chính quý I",
                    "signer": "Trần Văn Bình",
                    "recipients": "- UBND tỉnh;\n- Lưu: VT, VX.",
                    "file_copy": "VT, Phòng Văn xã",
                    "copies": "1",
                    "sent_on": "",
                    "signature": "",
                    "note": "",
                    "voided": False,
                    "entry_id": self.out["c"].register_entry_id.id,
                    "document_id": self.out["c"].id,
                },
            ],
        )
        self.assertNotEqual(rows[1]["entry_id"], self.out["b"].register_entry_id.id)
        self.assertEqual(
            result["cover"],
            {
                "parent_agency": "UBND tỉnh Mẫu",
                "agency": "Sở Nội vụ tỉnh Mẫu",
                "year": "2026",
                "date_from": "01/01/2026",
                "date_to": "31/03/2026",
                "period": "Từ ngày 01/01/2026 đến ngày 31/03/2026",
                "number_from": "01",
                "number_to": "03",
                "numbers": "Từ số 01 đến số 03",
                "volume": "01",
            },
        )

    def test_numbered_at_2330_local_on_31_march_is_first_quarter_0600_next_day_is_second(self):
        # 31/03 16:30 UTC is 23:30 in Vietnam: still the first quarter; 31/03 23:00 UTC is
        # 06:00 on 1 April in Vietnam: the second quarter.
        _result, q1 = self._rows(
            self.outgoing_register, date(2026, 1, 1), date(2026, 3, 31), fields=["number_notation"]
        )
        _result, q2 = self._rows(
            self.outgoing_register,
            date(2026, 4, 1),
            date(2026, 6, 30),
            fields=["number_notation", "document_date", "note"],
        )
        self.assertIn({"number_notation": "03/BC-SNV"}, q1)
        self.assertEqual(
            q2, [{"number_notation": "04/BC-SNV", "document_date": "01/04/2026", "note": ""}]
        )

    def test_numbers_restart_on_first_january(self):
        _result, q4 = self._rows(
            self.outgoing_register,
            date(2026, 10, 1),
            date(2026, 12, 31),
            fields=["number_notation", "document_date"],
        )
        result, q1 = self._rows(
            self.outgoing_register,
            date(2027, 1, 1),
            date(2027, 3, 31),
            fields=["number_notation", "document_date"],
        )
        self.assertEqual(q4, [{"number_notation": "05/BC-SNV", "document_date": "31/12/2026"}])
        self.assertEqual(q1, [{"number_notation": "01/BC-SNV", "document_date": "02/01/2027"}])
        self.assertEqual(result["cover"]["numbers"], "Từ số 01 đến số 01")
        self.assertEqual(result["cover"]["year"], "2027")

    def test_issued_document_shows_its_transfer_date(self):
        document = self.out["d"]
        with freeze_time("2027-01-04 02:00:00"):
            document.with_user(self.clerk_a).action_issue()
        _result, rows = self._rows(
            self.outgoing_register,
            date(2026, 10, 1),
            date(2026, 12, 31),
            fields=["number_notation", "sent_on"],
        )
        # numbered in 2026, sent on 4 January 2027: the row stays in the 2026 book
        self.assertEqual(rows, [{"number_notation": "05/BC-SNV", "sent_on": "04/01/2027"}])

    def test_period_crossing_a_year_is_refused_with_a_clear_message(self):
        with self.assertRaisesRegex(UserError, "Numbers restart on 1 January"):
            self.Book._egov_book(
                self.outgoing_register, date_from=date(2026, 12, 1), date_to=date(2027, 1, 31)
            )
        with self.assertRaisesRegex(UserError, "after its end"):
            self.Book._egov_book(
                self.outgoing_register, date_from=date(2026, 3, 1), date_to=date(2026, 2, 1)
            )

    def test_officer_cannot_print_the_register_book(self):
        with self.assertRaises(AccessError):
            self.env["egov.register.book"].with_user(self.officer_a)._egov_book(
                self.outgoing_register, date_from=date(2026, 1, 1), date_to=date(2026, 3, 31)
            )

    def test_clerk_of_another_agency_cannot_print_this_register(self):
        with self.assertRaises(AccessError):
            self.env["egov.register.book"].with_user(self.clerk_b)._egov_book(
                self.outgoing_register.with_user(self.clerk_b),
                date_from=date(2026, 1, 1),
                date_to=date(2026, 3, 31),
            )


@tagged("post_install", "-at_install")
class TestIncomingRegisterBook(RegisterBookCase):
    """NĐ 30/2020 Phụ lục IV: Sổ đăng ký văn bản đến (10 columns) and Sổ theo dõi giải
    quyết văn bản đến (7 columns); Điều 22.2: số đến in order of receipt."""

    def test_incoming_book_has_exactly_the_ten_columns_of_appendix_iv_in_order(self):
        result, _rows = self._rows(self.incoming_register, date(2026, 1, 1), date(2026, 3, 31))
        self.assertEqual(
            [column[1] for column in result["columns"]],
            [
                "Ngày đến",
                "Số đến",
                "Tác giả",
                "Số, ký hiệu văn bản",
                "Ngày tháng văn bản",
                "Tên loại và trích yếu nội dung văn bản",
                "Đơn vị hoặc người nhận",
                "Ngày chuyển",
                "Ký nhận",
                "Ghi chú",
            ],
        )
        self.assertEqual(result["title"], "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN")

    def test_first_quarter_rows_voided_number_and_document_crossing_the_quarter(self):
        keys = [
            "arrival_date",
            "arrival_number",
            "author",
            "number_notation",
            "document_date",
            "type_subject",
            "receiver",
            "sent_on",
            "signature",
            "note",
            "voided",
        ]
        result, rows = self._rows(
            self.incoming_register, date(2026, 1, 1), date(2026, 3, 31), fields=keys
        )
        common = {
            "author": "UBND tỉnh Mẫu",
            "document_date": "02/01/2026",
            "signature": "",
            "note": "",
            "voided": False,
        }
        self.assertEqual(
            rows,
            [
                {
                    **common,
                    "arrival_date": "05/01/2026",
                    "arrival_number": "01",
                    "number_notation": "101/UBND-NC",
                    "type_subject": "Công văn V/v tuyển dụng công chức 2026",
                    "receiver": "Chủ trì: Phòng Văn xã; Phối hợp: Officer A",
                    "sent_on": "05/01/2026",
                },
                {
                    "arrival_date": "",
                    "arrival_number": "02",
                    "author": "",
                    "number_notation": "",
                    "document_date": "",
                    "type_subject": "",
                    "receiver": "",
                    "sent_on": "",
                    "signature": "",
                    "note": "Hủy số: Vào sổ trùng văn bản đã có",
                    "voided": True,
                },
                {
                    **common,
                    "arrival_date": "27/03/2026",
                    "arrival_number": "03",
                    "number_notation": "103/UBND-NC",
                    "type_subject": "Công văn V/v báo cáo quý I năm 2026",
                    "receiver": "Chủ trì: Officer A",
                    # distributed on 2 April: the row stays in the quarter it arrived in
                    "sent_on": "02/04/2026",
                },
                {
                    **common,
                    "arrival_date": "31/03/2026",
                    "arrival_number": "04",
                    "number_notation": "104/UBND-NC",
                    "type_subject": "Công văn V/v kiểm tra cuối quý",
                    "receiver": "Leader A",
                    "sent_on": "31/03/2026",
                },
            ],
        )
        self.assertEqual(result["cover"]["numbers"], "Từ số 01 đến số 04")

    def test_arrival_before_office_hours_on_1_april_is_second_quarter(self):
        _result, rows = self._rows(
            self.incoming_register,
            date(2026, 4, 1),
            date(2026, 6, 30),
            fields=["arrival_date", "arrival_number", "number_notation"],
        )
        self.assertEqual(
            rows,
            [
                {
                    "arrival_date": "01/04/2026",
                    "arrival_number": "05",
                    "number_notation": "105/UBND-NC",
                }
            ],
        )

    def test_follow_up_book_has_the_seven_columns_and_the_handling_state(self):
        with freeze_time("2026-01-06 02:00:00"):
            result, rows = self._rows(
                self.incoming_register, date(2026, 1, 1), date(2026, 3, 31), book="tracking"
            )
        self.assertEqual(
            [column[1] for column in result["columns"]],
            [
                "Số đến",
                "Tên loại, số, ký hiệu, ngày tháng và tên cơ quan ban hành văn bản",
                "Đơn vị hoặc người nhận",
                "Thời hạn giải quyết",
                "Tiến độ giải quyết",
                "Số, ký hiệu văn bản trả lời",
                "Ghi chú",
            ],
        )
        first = {key: rows[0][key] for key, _heading, _width in result["columns"]}
        self.assertEqual(
            first,
            {
                "arrival_number": "01",
                "document": "Công văn số 101/UBND-NC ngày 02/01/2026 của UBND tỉnh Mẫu",
                "receiver": "Chủ trì: Phòng Văn xã; Phối hợp: Officer A",
                "deadline": "15/01/2026",
                "progress": "Đã giao, chưa tiếp nhận",
                "reply": "",
                "note": "",
            },
        )
        self.assertEqual([row["arrival_number"] for row in rows], ["01", "02", "03", "04"])
        self.assertEqual(rows[3]["progress"], "Chưa phân công")
        with freeze_time("2026-01-16 02:00:00"):
            _result, rows = self._rows(
                self.incoming_register, date(2026, 1, 1), date(2026, 3, 31), book="tracking"
            )
        self.assertEqual(rows[0]["progress"], "Đã giao, chưa tiếp nhận; Quá hạn")

    def test_outgoing_register_has_no_follow_up_book(self):
        with self.assertRaisesRegex(UserError, "not an incoming register"):
            self.Book._egov_book(
                self.outgoing_register,
                book="tracking",
                date_from=date(2026, 1, 1),
                date_to=date(2026, 3, 31),
            )

    def test_processing_slip_carries_the_leaders_distribution(self):
        slip = self.Book._egov_slip(self.inc["a"])
        self.assertEqual(slip["arrival_number"], "01")
        self.assertEqual(slip["arrival_date"], "05/01/2026")
        self.assertEqual(
            slip["described"], "Công văn số 101/UBND-NC ngày 02/01/2026 của UBND tỉnh Mẫu"
        )
        self.assertEqual(
            slip["leader"],
            {
                "opinion": "Phòng Văn xã chủ trì tham mưu trả lời",
                "assignees": "Chủ trì: Phòng Văn xã; Phối hợp: Officer A",
                "deadline": "15/01/2026",
                "date": date(2026, 1, 5),
                "name": "Leader A",
            },
        )
        self.assertEqual(slip["units"], [])
        with self.assertRaisesRegex(UserError, "not an incoming document"):
            self.Book._egov_slip(self.out["a"])


@tagged("post_install", "-at_install")
class TestRegisterBookExport(RegisterBookCase):
    """The print wizard: a quarter by default (Bến Tre Điều 10.3), and the xlsx export with
    the same columns and rows as the printed book."""

    def test_wizard_defaults_to_the_current_quarter(self):
        with freeze_time("2026-05-20 03:00:00"):
            wizard = (
                self.env["egov.register.print.wizard"]
                .with_user(self.clerk_a)
                .create({"register_id": self.incoming_register.id})
            )
        self.assertRecordValues(
            wizard,
            [
                {
                    "year": 2026,
                    "period": "q2",
                    "date_from": date(2026, 4, 1),
                    "date_to": date(2026, 6, 30),
                    "volume": "01",
                }
            ],
        )

    def test_xlsx_has_the_same_columns_and_rows_as_the_book(self):
        import openpyxl  # noqa: PLC0415 - a test-only reader

        wizard = (
            self.env["egov.register.print.wizard"]
            .with_user(self.clerk_a)
            .create(
                {
                    "register_id": self.outgoing_register.id,
                    "year": 2026,
                    "period": "q1",
                    "volume": "02",
                }
            )
        )
        action = wizard.action_export_xlsx()
        attachment_id = int(action["url"].split("/")[3].split("?")[0])
        attachment = self.env["ir.attachment"].with_user(self.clerk_a).browse(attachment_id)
        self.assertEqual(attachment.name, "VBĐi 2026-01-01-2026-03-31.xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(attachment.raw)).active
        values = [[cell or "" for cell in row] for row in sheet.iter_rows(values_only=True)]
        self.assertEqual(values[0][0], "UBND TỈNH MẪU")
        self.assertEqual(values[1][0], "SỞ NỘI VỤ TỈNH MẪU")
        self.assertEqual(values[3][0], "SỔ ĐĂNG KÝ VĂN BẢN ĐI")
        self.assertEqual(values[6][0], "Từ số 01 đến số 03")
        self.assertEqual(values[7][0], "Quyển số: 02")
        self.assertEqual(values[9][0], "Số, ký hiệu văn bản")
        self.assertEqual(values[9][9], "Ghi chú")
        self.assertEqual(values[10], [f"({n})" for n in range(1, 11)])
        self.assertEqual([row[0] for row in values[11:]], ["01/BC-SNV", "02", "03/BC-SNV"])
        self.assertEqual(values[12][9], "Hủy số: Cấp nhầm số, văn bản chưa ký")
        self.assertEqual(values[11][3], "Trần Văn Bình")

    def test_wizard_refuses_a_custom_period_across_years(self):
        wizard = (
            self.env["egov.register.print.wizard"]
            .with_user(self.clerk_a)
            .create(
                {
                    "register_id": self.outgoing_register.id,
                    "period": "custom",
                    "date_from": date(2026, 12, 1),
                    "date_to": date(2027, 1, 31),
                }
            )
        )
        with self.assertRaisesRegex(UserError, "Numbers restart on 1 January"):
            wizard.action_print()
        with self.assertRaisesRegex(UserError, "Numbers restart on 1 January"):
            wizard.action_export_xlsx()


@tagged("post_install", "-at_install")
class TestRegisterScreen(RegisterBookCase):
    """The register screen (Sổ văn bản → Sổ đăng ký văn bản đi/đến) shows the book's columns,
    years as years, never sums numbers or years in group rows, and voids a number only from
    its form, behind the reason wizard."""

    def test_group_rows_do_not_add_up_years_or_numbers(self):
        Entry = self.env["egov.register.entry"].with_user(self.clerk_a)
        groups = Entry.read_group(
            [("register_id", "=", self.outgoing_register.id)],
            ["year", "number", "book_copies"],
            ["register_id"],
        )
        self.assertEqual(len(groups), 1)
        self.assertNotIn("year", groups[0])
        self.assertNotIn("number", groups[0])

    def test_list_shows_year_unformatted_and_has_no_one_click_void(self):
        Entry = self.env["egov.register.entry"].with_user(self.clerk_a)
        views = Entry.get_views([(False, "list"), (False, "form")])["views"]
        list_arch, form_arch = views["list"]["arch"], views["form"]["arch"]
        self.assertIn("enable_formatting", list_arch)
        self.assertNotIn("action_egov_void_number_wizard", list_arch)
        self.assertNotIn("<button", list_arch)
        wizard_action = self.env.ref("egov_documents.action_egov_void_number_wizard")
        self.assertIn(f'name="{wizard_action.id}"', form_arch)
        self.assertNotIn('string="Register"', list_arch)

    def test_screen_columns_follow_the_book(self):
        Entry = self.env["egov.register.entry"].with_user(self.clerk_a)
        used = Entry.browse(self.out["a"].register_entry_id.id)
        voided = Entry.search(
            [("register_id", "=", self.outgoing_register.id), ("state", "=", "voided")]
        )
        self.assertRecordValues(
            used,
            [
                {
                    "number_display": "01",
                    "book_number_notation": "01/BC-SNV",
                    "book_document_date": date(2026, 1, 6),
                    "book_signer": "Trần Văn Bình",
                    "book_recipients": "- UBND tỉnh;\n- Lưu: VT, VX.",
                    "book_copies": 1,
                    "book_note": False,
                    "in_use": True,
                }
            ],
        )
        self.assertRecordValues(
            voided,
            [
                {
                    "number_display": "02",
                    "book_number_notation": False,
                    "book_note": "Cấp nhầm số, văn bản chưa ký",
                    "in_use": False,
                }
            ],
        )
        incoming = Entry.browse(self.inc["a"].register_entry_id.id)
        self.assertRecordValues(
            incoming,
            [
                {
                    "book_arrival_date": date(2026, 1, 5),
                    "book_author": "UBND tỉnh Mẫu",
                    "book_receiver": "Phòng Văn xã, Officer A",
                    "book_sent_date": date(2026, 1, 5),
                }
            ],
        )
