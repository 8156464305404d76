"""Who reads the statistics, attacked over real HTTP JSON-RPC (``/web/dataset/call_kw``):
each agency reads its own counts; the province office (Kon Tum Điều 15.1) reads the counts
of every agency and never a document; nobody writes a figure."""

from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.egov_documents.tests.rpc_common import RpcCase

STAT_MODELS = ("egov.report.stat", "egov.report.stat.assignment")


@tagged("post_install", "-at_install")
class TestStatAccessOverRpc(RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.office = new_test_user(
            cls.env,
            login="rpcs_province_office",
            password="rpcs_province_office",
            groups="egov_reports.group_egov_province_office",
            company_id=cls.agency_a.id,
            company_ids=[Command.set(cls.agency_a.ids)],
        )
        cls.users["province_office", "a"] = cls.office
        Report = cls.env["egov.report.period"]
        cls.reports = {
            tag: Report._egov_prepare(cls._company(tag), "quarter", 2030, 1) for tag in ("a", "b")
        }
        cls.env.flush_all()
        cls.stat_ids = {
            tag: cls.env["egov.report.stat"].search([("company_id", "=", cls._company(tag).id)]).ids
            for tag in ("a", "b")
        }
        assert cls.stat_ids["a"] and cls.stat_ids["b"], "each agency issued and received"

    def test_clerk_of_b_cannot_read_the_statistics_of_a(self):
        self.login("clerk", "b")
        for model in STAT_MODELS:
            with self.subTest(model=model):
                rows, error = self.rpc(
                    model,
                    "search_read",
                    [("company_id", "=", self.agency_a.id)],
                    fields=["company_id"],
                )
                self.assertIsNone(error)
                self.assertEqual(rows, [])
        _rows, error = self.rpc("egov.report.stat", "read", self.stat_ids["a"], ["document_count"])
        self.assertTrue(error and error.clean, error)
        self.assertEqual(error.short, "AccessError")
        groups, error = self.rpc(
            "egov.report.stat",
            "read_group",
            [],
            fields=["document_count:sum"],
            groupby=["company_id"],
        )
        self.assertIsNone(error)
        self.assertEqual([group["company_id"][0] for group in groups], [self.agency_b.id])

    def test_clerk_of_a_reads_the_statistics_of_a(self):
        self.login("clerk", "a")
        rows, error = self.rpc("egov.report.stat", "search_read", [], fields=["company_id"])
        self.assertIsNone(error)
        self.assertEqual(sorted(row["id"] for row in rows), sorted(self.stat_ids["a"]))

    def test_the_figures_engine_is_not_callable_remotely(self):
        self.login("clerk", "b")
        _result, error = self.rpc(
            "egov.report.stat",
            "_egov_figures",
            [self.agency_a.id],
            "2026-01-01",
            "2026-03-31",
        )
        self.assertTrue(error and error.clean, error)
        self.assertIn("cannot be called remotely", error)

    def test_an_officer_reads_no_statistics(self):
        self.login("officer", "a")
        _rows, error = self.rpc("egov.report.stat", "search_read", [], fields=["company_id"])
        self.assertEqual(error.short, "AccessError", error)

    def test_province_office_reads_every_agencys_counts_but_no_document(self):
        self.login("province_office", "a")
        # the test's two agencies (the database may hold others, e.g. the demo province)
        agencies = [self.agency_a.id, self.agency_b.id]
        rows, error = self.rpc(
            "egov.report.stat",
            "search_read",
            [["company_id", "in", agencies]],
            fields=["company_id", "reference"],
        )
        self.assertIsNone(error)
        self.assertEqual(
            sorted(row["id"] for row in rows), sorted(self.stat_ids["a"] + self.stat_ids["b"])
        )
        self.assertEqual({row["reference"] for row in rows}, {""})
        _action, error = self.rpc(
            "egov.report.stat", "action_open_document", self.stat_ids["b"][:1]
        )
        self.assertEqual(error.short, "AccessError", error)
        _docs, error = self.rpc("egov.document", "search_read", [], fields=["subject"])
        self.assertEqual(error.short, "AccessError", error)
        reports, error = self.rpc("egov.report.period", "search_read", [], fields=["company_id"])
        self.assertIsNone(error)
        self.assertEqual(
            sorted(row["id"] for row in reports),
            sorted((self.reports["a"] | self.reports["b"]).ids),
        )

    def test_periodic_reports_are_read_by_their_agency_and_written_by_nobody(self):
        self.login("administrator", "b")
        _rows, error = self.rpc("egov.report.period", "read", self.reports["a"].ids, ["logins"])
        self.assertEqual(error.short, "AccessError", error)
        _done, error = self.rpc("egov.report.period", "action_recompute", self.reports["a"].ids)
        self.assertEqual(error.short, "AccessError", error)
        self.login("administrator", "a")
        _done, error = self.rpc(
            "egov.report.period", "write", self.reports["a"].ids, {"incoming_document_count": 999}
        )
        self.assertEqual(error.short, "AccessError", error)
        self.assertEqual(self.orm(self.reports["a"]).incoming_document_count, 0)
