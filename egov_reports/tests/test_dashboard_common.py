from datetime import timedelta

from odoo import fields

from odoo.addons.egov_documents.tests.common import EgovCase

UNIT_LEADER = "egov_documents.group_egov_unit_leader"
AGENCY_LEADER = "egov_documents.group_egov_agency_leader"
CLERK = "egov_documents.group_egov_clerk"


class DashboardCase(EgovCase):
    """Agency A with a document in every waiting state a dashboard counts, agency B with
    one arrived document: each role's counters are known in advance.

    A: two arrived incoming documents, one returned to its sender, one registered and
    presented to leader A, one distributed to unit A (lead, overdue) with officer A
    coordinating (due tomorrow); outgoing: one signed, one numbered, one draft waiting for
    leader A's opinion, one through review waiting for leader A's signature, one sent
    back to officer A by the unit leader's disagreeing visa."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit_leader_a = cls._create_user("unit_leader_a", cls.agency_a, UNIT_LEADER)
        cls.unit_a.manager_id = cls.env["hr.employee"].create(
            {
                "name": "Unit Leader A",
                "user_id": cls.unit_leader_a.id,
                "company_id": cls.agency_a.id,
            }
        )
        cls.leader_b = cls._create_user("leader_b", cls.agency_b, AGENCY_LEADER)
        now = fields.Datetime.now()
        cls.past_deadline = now - timedelta(days=2)
        cls.soon_deadline = now + timedelta(days=1)

        incoming = iter(range(20, 40))

        def arrived(clerk, **values):
            return cls._incoming_cls(clerk, number=str(next(incoming)), **values)

        cls.arrived_a = arrived(cls.clerk_a) | arrived(cls.clerk_a)
        cls.returned_a = arrived(cls.clerk_a)
        cls.returned_a.with_user(cls.clerk_a)._egov_return_to_sender("Gửi nhầm cơ quan")
        cls.presented_a = arrived(cls.clerk_a)
        cls.presented_a.with_user(cls.clerk_a).action_register()
        cls.distributed_a = arrived(cls.clerk_a)
        cls.distributed_a.with_user(cls.clerk_a).action_register()
        cls.distributed_a.with_user(cls.leader_a)._egov_distribute(
            {"department_id": cls.unit_a.id},
            [{"user_id": cls.officer_a.id, "deadline": cls.past_deadline}],
            directive="Phòng Văn xã chủ trì tham mưu",
            deadline=cls.past_deadline,
        )
        # no one is given more time than the document at distribution; the officer
        # coordinating was granted an extension since
        coordinating = cls.distributed_a.assignment_ids.filtered(
            lambda node: node.user_id == cls.officer_a
        )
        request = coordinating.with_user(cls.officer_a)._egov_request_extension(
            cls.soon_deadline, "Chờ số liệu của các phòng"
        )
        request.with_user(cls.leader_a).action_approve()
        cls.arrived_b = arrived(cls.clerk_b)

        def draft(subject, **values):
            return (
                cls.env["egov.document"]
                .with_user(cls.officer_a)
                .with_company(cls.agency_a)
                .create(
                    {
                        "direction": "outgoing",
                        "subject": subject,
                        "document_type_id": cls.types["report"].id,
                        "signer_id": cls.leader_a.id,
                        **values,
                    }
                )
            )

        cls.signed_a = draft("Báo cáo đã ký")
        cls._signed_cls(cls.signed_a)
        cls.numbered_a = draft("Báo cáo đã cấp số")
        cls._signed_cls(cls.numbered_a)
        cls.numbered_a.with_user(cls.clerk_a).action_assign_number()
        cls.opinion_a = draft("Dự thảo xin ý kiến lãnh đạo")
        cls.opinion_a.with_user(cls.officer_a)._egov_submit_for_review(
            [("opinion", cls.leader_a), ("visa", cls.unit_leader_a)]
        )
        cls.to_sign_a = draft("Dự thảo trình ký")
        cls.to_sign_a.with_user(cls.officer_a)._egov_submit_for_review(
            [("visa", cls.unit_leader_a)]
        )
        cls.to_sign_a.with_user(cls.unit_leader_a)._egov_approval_answer("agreed")
        cls.sent_back_a = draft("Dự thảo bị trả lại")
        cls.sent_back_a.with_user(cls.officer_a)._egov_submit_for_review(
            [("visa", cls.unit_leader_a)]
        )
        cls.sent_back_a.with_user(cls.unit_leader_a)._egov_approval_answer(
            "disagreed", "Bổ sung số liệu quý IV"
        )

    @classmethod
    def _incoming_cls(cls, user, **values):
        return cls._incoming(cls, user, **values)

    @classmethod
    def _signed_cls(cls, document):
        return cls._signed(cls, document)

    def _dashboard(self, user, companies=None):
        companies = companies or user.company_id
        return (
            self.env["egov.dashboard"]
            .with_user(user)
            .with_context(allowed_company_ids=companies.ids)
        )

    def _tiles(self, user, companies=None):
        tile_sets = self._dashboard(user, companies).egov_dashboard_tiles()
        return {tile["key"]: tile for tile_set in tile_sets for tile in tile_set["tiles"]}

    def _listed(self, user, tile, companies=None):
        """What the list the tile opens shows the user: its model, its domain, his rules."""
        companies = companies or user.company_id
        action = tile["action"]
        return (
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(allowed_company_ids=companies.ids)
            .search(action["domain"])
        )
