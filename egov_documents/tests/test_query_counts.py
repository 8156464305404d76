import logging
from datetime import date, datetime

from lxml import etree

from odoo.tests import tagged

from odoo.addons.egov_documents.models.egov_guard import system_env

from .common import MINIMAL_PDF, EgovCase

_logger = logging.getLogger(__name__)

# Bounds a little above the counts measured on Odoo 18 (see the test log): a query per
# row, per file or per assignment makes them fail long before the data gets large.
LIST_QUERY_LIMIT = 11
# the form reads the PDF shown beside it (file and attachment) and the for-information
# units and people: 29 queries measured, the same for 3 or 12 assignments
FORM_QUERY_LIMIT = 30

X2MANY_DEFAULT_LIMIT = 40  # what the web client asks for an x2many sub-list


def specification_from_arch(node, model, fields_by_model):
    """The ``specification`` the web client sends to ``web_read``/``web_search_read`` for
    a view arch as ``get_views`` returns it: every field of the view (invisible ones too);
    ``display_name`` of many2one targets; the fields of the sub-list of an x2many, with
    its default limit. Sub-views are read with the comodel's fields, not walked as part
    of the parent."""
    spec = {}
    for child in node:
        if not isinstance(child.tag, str):
            continue
        if child.tag != "field":
            spec.update(specification_from_arch(child, model, fields_by_model))
            continue
        name = child.get("name")
        field = fields_by_model[model][name]
        always_invisible = child.get("invisible") in ("1", "True")
        if field["type"] in ("many2one", "reference"):
            spec[name] = {"fields": {} if always_invisible else {"display_name": {}}}
        elif field["type"] in ("one2many", "many2many"):
            spec[name] = {}
            if always_invisible:
                continue
            sub_view = next((sub for sub in child if sub.tag in ("list", "kanban")), None)
            if sub_view is not None:
                spec[name] = {
                    "fields": specification_from_arch(sub_view, field["relation"], fields_by_model),
                    "limit": int(sub_view.get("limit", X2MANY_DEFAULT_LIMIT)),
                }
            elif child.get("widget") == "many2many_tags":
                spec[name] = {"fields": {"display_name": {}}}
        else:
            spec[name] = {}
    return spec


@tagged("post_install", "-at_install")
class TestQueryCounts(EgovCase):
    """The clerk's incoming list and the document form cost a fixed number of queries,
    however many rows, files or assignments they show (STYLE.md §8: no N+1)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Rows that point at many different records, so that a per-row read would show.
        senders = cls.env["res.partner"].create(
            [
                {"name": f"UBND xã {index}", "is_company": True, "is_agency": True}
                for index in range(40)
            ]
        )
        types = list(cls.types.values())
        urgencies = ["normal", "urgent", "normal", "very_urgent"]
        cls.documents = (
            cls.env["egov.document"]
            .with_user(cls.clerk_a)
            .with_company(cls.agency_a)
            .create(
                [
                    {
                        "direction": "incoming",
                        "subject": f"Công văn số {index + 1} về cải cách hành chính",
                        "issuing_agency_id": senders[index % len(senders)].id,
                        "number": str(index + 1),
                        "notation": "UBND-VP",
                        "issued_date": date(2026, 11, 1 + index % 20),
                        "document_type_id": types[index % len(types)].id,
                        "urgency": urgencies[index % len(urgencies)],
                        "deadline": datetime(2026, 12, 1 + index % 28, 10, 0),
                    }
                    for index in range(80)
                ]
            )
        )
        # Every other one registered: it carries a register, an arrival number and a leader.
        cls.documents[::2].action_register()
        cls.units = cls.env["hr.department"].create(
            [
                {
                    "name": f"Phòng {index}",
                    "company_id": cls.agency_a.id,
                    "egov_handler_user_id": cls.leader_a.id,
                }
                for index in range(12)
            ]
        )
        cls.Documents = cls.env["egov.document"].with_user(cls.clerk_a).with_company(cls.agency_a)
        cls.list_spec = cls._view_specification(
            "egov_documents.egov_document_view_list_incoming", "list"
        )
        cls.form_spec = cls._view_specification(
            "egov_documents.egov_document_view_form_incoming", "form"
        )

    @classmethod
    def _view_specification(cls, view_xmlid, view_type):
        view = cls.env.ref(view_xmlid)
        views = cls.Documents.get_views([(view.id, view_type)])
        fields_by_model = {model: info["fields"] for model, info in views["models"].items()}
        arch = etree.fromstring(views["views"][view_type]["arch"])
        spec = specification_from_arch(arch, "egov.document", fields_by_model)
        if view_type == "form":
            spec["display_name"] = {}  # the breadcrumb
        return spec

    def _distributed(self, document, coordinator_count):
        """``document`` distributed by the leader to a lead unit and ``coordinator_count``
        coordinating units, with two files."""
        # files that came with the registered document (the arrival channel adds them)
        system_env(self.env["egov.document.file"]).create(
            [
                {
                    "document_id": document.id,
                    "name": f"van-ban-{index}.pdf",
                    "datas": self._b64(MINIMAL_PDF),
                }
                for index in range(2)
            ]
        )
        document.with_user(self.leader_a)._egov_distribute(
            {"department_id": self.units[0].id},
            [{"department_id": unit.id} for unit in self.units[1 : 1 + coordinator_count]],
            directive="Giao phòng chủ trì tham mưu.",
            deadline=datetime(2026, 12, 15, 10, 0),
        )
        return document

    def _load_list(self, limit):
        return self.Documents.web_search_read(
            [("direction", "=", "incoming")],
            self.list_spec,
            limit=limit,
            order="sequence_date desc, id desc",
        )

    def _open_form(self, document):
        return (
            document.with_user(self.clerk_a)
            .with_company(self.agency_a)
            .with_context(bin_size=True)
            .web_read(self.form_spec)
        )

    def _settle(self):
        """Write out what is pending, pre-commit hooks (tracking values) included: they
        would otherwise run inside the count, and load records into the cache."""
        self.env.flush_all()
        self.env.cr.flush()

    def _count_queries(self, call):
        """Run ``call`` once to warm the caches, then again with an empty record cache, and
        return the number of queries of that second run, counted as ``assertQueryCount``
        does."""
        call()
        self._settle()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        call()
        self._settle()
        return self.cr.sql_log_count - before

    def _assert_at_most(self, limit, call, label):
        """``call`` warmed, then measured against ``limit``; the figure goes to the log."""
        call()
        self._settle()
        self.env.invalidate_all()
        with self.assertQueryCount(limit):
            before = self.cr.sql_log_count
            result = call()
            measured = self.cr.sql_log_count - before
        _logger.info("%s: %d queries (bound %d)", label, measured, limit)
        return result

    def test_list_of_80_incoming_documents_loads_in_a_fixed_number_of_queries(self):
        result = self._assert_at_most(
            LIST_QUERY_LIMIT,
            lambda: self._load_list(80),
            "Incoming list, 80 rows (web_search_read as the clerk)",
        )
        self.assertEqual(len(result["records"]), 80)
        self.assertEqual(result["length"], 80)
        registered = [row for row in result["records"] if row["arrival_number"]]
        self.assertEqual(len(registered), 40)
        self.assertTrue(all(row["register_id"]["display_name"] for row in registered))
        self.assertTrue(
            all(
                row["issuing_agency_id"]["display_name"].startswith("UBND xã")
                for row in result["records"]
            )
        )

    def test_list_query_count_does_not_grow_with_the_rows_shown(self):
        ten_rows = self._count_queries(lambda: self._load_list(10))
        eighty_rows = self._count_queries(lambda: self._load_list(80))
        _logger.info("Incoming list: %d queries for 10 rows, %d for 80 rows", ten_rows, eighty_rows)
        self.assertEqual(eighty_rows, ten_rows)

    def test_document_form_with_its_sub_lists_opens_in_a_fixed_number_of_queries(self):
        document = self._distributed(self.documents[0], coordinator_count=2)
        [values] = self._assert_at_most(
            FORM_QUERY_LIMIT,
            lambda: self._open_form(document),
            "Incoming form, 3 assignments and 2 files (web_read as the clerk)",
        )
        self.assertEqual(len(values["assignment_ids"]), 3)
        self.assertEqual(len(values["file_ids"]), 2)
        self.assertEqual(values["assignment_ids"][0]["department_id"]["display_name"], "Phòng 0")
        self.assertEqual(values["incoming_state"], "distributed")

    def test_form_query_count_does_not_grow_with_assignments_and_files(self):
        small = self._distributed(self.documents[0], coordinator_count=1)
        large = self._distributed(self.documents[2], coordinator_count=11)
        system_env(self.env["egov.document.file"]).create(
            [
                {
                    "document_id": large.id,
                    "name": f"phu-luc-{index}.pdf",
                    "datas": self._b64(MINIMAL_PDF),
                    "role": "appendix",
                }
                for index in range(8)
            ]
        )
        small_count = self._count_queries(lambda: self._open_form(small))
        large_count = self._count_queries(lambda: self._open_form(large))
        _logger.info(
            "Incoming form: %d queries with 2 assignments and 2 files, %d with 12 assignments "
            "and 10 files",
            small_count,
            large_count,
        )
        self.assertEqual(len(large.assignment_ids), 12)
        self.assertEqual(large_count, small_count)
