import base64

from odoo.tests import tagged
from odoo.tools import groupby

from .common import DemoProvinceCase


@tagged("post_install", "-at_install")
class TestDemoDocuments(DemoProvinceCase):
    """The demo documents went through the real workflows: arrival numbers and outgoing
    numbers come from the registers (NĐ 30/2020 Điều 15, 22.2), and documents issued to
    agencies of the province arrived there."""

    def entered_by_hand(self, company):
        return self.documents(company, "incoming").filtered(lambda d: not d.origin_recipient_id)

    def test_so_noi_vu_has_incoming_documents_in_every_handling_state(self):
        incoming = self.documents(self.snv, "incoming")
        self.assertGreaterEqual(len(incoming), 8)
        self.assertLessEqual(
            {"arrived", "received", "distributed", "in_progress", "done"},
            set(incoming.mapped("incoming_state")),
        )
        self.assertEqual(
            set(self.entered_by_hand(self.snv).issuing_agency_id.mapped("name")),
            {"UBND tỉnh Tây Ninh", "Bộ Nội vụ", "Sở Tài chính tỉnh Tây Ninh"},
        )
        self.assertLessEqual(
            {"125/QĐ-UBND", "3456/BNV-CCVC", "88/STC-NS"}, set(incoming.mapped("number_notation"))
        )
        for document in incoming:
            self.assertLessEqual(
                document.issued_date, document.arrived_at.date(), document.display_name
            )

    def test_registered_documents_have_an_arrival_number_and_waiting_ones_none(self):
        for document in self.documents(self.snv, "incoming"):
            if document.incoming_state == "arrived":
                self.assertFalse(document.arrival_number, document.display_name)
                self.assertFalse(document.register_entry_id, document.display_name)
            else:
                self.assertTrue(document.arrival_number, document.display_name)
                self.assertEqual(document.register_entry_id.number, document.arrival_number)
                self.assertEqual(
                    document.register_id, self.env.ref("egov_demo.register_snv_incoming")
                )

    def test_arrival_numbers_run_from_one_per_register_and_year_in_order_of_receipt(self):
        entries = self.env["egov.register.entry"].search(
            [("direction", "=", "incoming")], order="register_id, year, number"
        )
        self.assertGreaterEqual(
            len(entries.register_id), 3, "several agencies registered documents"
        )
        for (register, year), group in groupby(entries, key=lambda e: (e.register_id, e.year)):
            group = list(group)
            self.assertEqual(
                [e.number for e in group],
                list(range(1, len(group) + 1)),
                f"{register.display_name} {year}",
            )
            received = [e.document_id.received_at for e in group]
            self.assertEqual(received, sorted(received), f"{register.display_name} {year}")

    def test_the_flash_document_arrived_after_office_hours_counts_from_next_working_period(self):
        flash = self.documents(self.snv, "incoming", urgency="flash")
        self.assertEqual(len(flash), 1)
        self.assertGreater(flash.received_at, flash.arrived_at)
        calendar = self.snv.resource_calendar_id
        self.assertEqual(flash.received_at, calendar.egov_receipt_time(flash.arrived_at))
        self.assertEqual(flash.incoming_state, "arrived", "waits for the clerk's registration")

    def test_one_registered_document_is_already_overdue(self):
        overdue = self.env["egov.document"].search(
            [("company_id", "=", self.snv.id), ("is_overdue", "=", True)]
        )
        self.assertEqual(overdue.mapped("number_notation"), ["3456/BNV-CCVC"])
        self.assertEqual(overdue.incoming_state, "received")

    def test_handled_documents_were_distributed_by_the_leader_and_completed_by_the_unit(self):
        done = self.documents(self.snv, "incoming", incoming_state="done")
        self.assertEqual(done.mapped("number_notation"), ["125/QĐ-UBND"])
        lead = done.assignment_ids.filtered(lambda a: a.role == "lead" and not a.parent_id)
        self.assertRecordValues(
            lead,
            [
                {
                    "state": "done",
                    "department_id": self.env.ref("egov_demo.dept_snv_cchc").id,
                    "assigned_by_id": self.user("hung.snv").id,
                }
            ],
        )
        self.assertEqual(lead.child_ids.user_id, self.user("minh.snv"))
        in_progress = self.documents(self.snv, "incoming", incoming_state="in_progress")
        self.assertEqual(
            in_progress.assignment_ids.filtered(lambda a: a.role == "lead").state, "in_progress"
        )

    def test_outgoing_documents_in_every_state_up_to_issue_with_recipients(self):
        outgoing = self.documents(self.snv, "outgoing")
        self.assertEqual(
            set(outgoing.mapped("outgoing_state")),
            {"draft", "in_review", "signed", "numbered", "issued"},
        )
        self.assertTrue(all(outgoing.mapped("recipient_ids")))
        for document in outgoing:
            self.assertEqual(document.issuing_agency_id, self.snv.partner_id)
            if document.outgoing_state in ("numbered", "issued"):
                self.assertEqual(document.number, document.register_entry_id.number_display)
                self.assertEqual(document.file_ids.mapped("file_format"), ["pdf"])
            else:
                self.assertFalse(document.number)
                self.assertFalse(document.register_entry_id)
            if document.outgoing_state in ("signed", "numbered", "issued"):
                self.assertEqual(document.signed_by_id, self.user("hung.snv"))
                self.assertEqual(document.signer_name, "Đặng Văn Hùng")

    def test_outgoing_numbers_and_notations_come_from_the_registers(self):
        snv = self.documents(self.snv, "outgoing").filtered("number")
        self.assertEqual(sorted(snv.mapped("number_notation")), ["01/KH-SNV", "02/SNV-TCBC"])
        internal = self.documents(self.snv, "internal")
        self.assertEqual(internal.mapped("number_notation"), ["01/TB-SNV"])
        self.assertEqual(internal.register_id, self.env.ref("egov_demo.register_snv_internal"))
        province = self.documents(self.province, "outgoing")
        self.assertEqual(sorted(province.mapped("number_notation")), ["01/QĐ-UBND", "01/UBND-VX"])
        decision = province.filtered(lambda d: d.notation == "QĐ-UBND")
        self.assertEqual(
            decision.register_id, self.env.ref("egov_demo.register_ubnd_outgoing_decision")
        )

    def test_issued_documents_arrived_at_the_agencies_of_the_province(self):
        issued = self.documents(self.province, "outgoing", outgoing_state="issued")
        for line in issued.recipient_ids:
            self.assertEqual(line.delivery_state, "delivered", line.display_name)
            received = line.sudo().incoming_document_id
            self.assertEqual(received.company_id.partner_id, line.partner_id)
            self.assertEqual(received.number_notation, line.document_id.number_notation)
            # the same files; a registered copy carries the ĐẾN stamp as an incremental
            # update appended to the bytes that were sent
            sent_files = line.document_id.file_ids.sorted("id")
            received_files = received.file_ids.sorted("id")
            self.assertEqual(len(received_files), len(sent_files))
            for received_file, sent_file in zip(received_files, sent_files, strict=True):
                self.assertTrue(
                    base64.b64decode(received_file.datas).startswith(
                        base64.b64decode(sent_file.datas)
                    ),
                    received_file.name,
                )
        stc = self.agencies["egov_demo.company_stc"]
        line_to_stc = issued.recipient_ids.filtered(lambda line: line.partner_id == stc.partner_id)
        self.assertEqual(
            line_to_stc.business_status, "03", "Sở Tài chính registered it: 03 accepted"
        )
        self.assertEqual(line_to_stc.sudo().incoming_document_id.arrival_number, 1)

    def test_documents_were_entered_by_the_users_of_their_roles(self):
        clerk, officer = self.user("lan.snv"), self.user("minh.snv")
        self.assertEqual(self.entered_by_hand(self.snv).user_id, clerk)
        self.assertEqual(self.documents(self.snv, "outgoing").user_id, officer)
        for document in self.documents(self.snv, "incoming").filtered("arrival_number"):
            self.assertIn(clerk, document.member_ids.filtered(lambda m: m.role == "clerk").user_id)

    def test_some_documents_carry_a_real_pdf(self):
        files = self.env["egov.document.file"].search([("company_id", "=", self.snv.id)])
        self.assertGreaterEqual(len(files), 3)
        for file in files:
            self.assertEqual(file.file_format, "pdf")
            raw = base64.b64decode(file.datas)
            self.assertTrue(raw.startswith(b"%PDF-"), file.name)
            self.assertGreater(file.file_size, 1000, file.name)
        decision = self.entered_by_hand(self.snv).filtered(lambda d: d.number == "125")
        self.assertEqual(decision.file_count, 1)

    def test_so_noi_vu_closes_its_reform_dossier_and_exports_a_package_that_verifies(self):
        """NĐ 30/2020 Điều 28–31, PL VI Mục III: the demo dossier is closed with the hash of
        every file, and its exported package verifies."""
        from odoo.addons.egov_documents.dossier import read_package, verify_package

        dossiers = self.env["egov.dossier"].search(
            [("company_id", "=", self.snv.id)], order="notation"
        )
        self.assertEqual(dossiers.mapped("state"), ["closed", "open"])
        closed = dossiers[0]
        self.assertTrue(closed.file_code.endswith(".01.CCHC"), closed.file_code)
        self.assertGreaterEqual(closed.doc_total, 2)
        package = closed._egov_build_package()
        self.assertEqual(verify_package(package), [])
        meta, entries = read_package(package)
        self.assertEqual(meta.file_code, closed.file_code)
        self.assertEqual([entry.ordinal for entry in entries], list(range(1, closed.doc_total + 1)))
