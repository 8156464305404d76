import { registry } from "@web/core/registry";

/**
 * The clerk of Sở Nội vụ opens the incoming documents: the list shows the agency's
 * documents, among them the decision 125/QĐ-UBND of the provincial committee, and the
 * interface speaks Vietnamese.
 */
registry.category("web_tour.tours").add("egov_demo_clerk_incoming_list", {
    url: "/odoo/action-egov_documents.action_egov_document_incoming",
    steps: () => [
        {
            content: "The incoming list has rows",
            trigger: ".o_list_view .o_data_row",
        },
        {
            content: "The decision of the provincial committee is listed with its number",
            trigger: ".o_list_view .o_data_row .o_data_cell:contains('125/QĐ-UBND')",
        },
        {
            content: "The registered decision shows the issuing agency",
            trigger: ".o_list_view .o_data_row:has(.o_data_cell:contains('125/QĐ-UBND')) .o_data_cell:contains('UBND tỉnh Tây Ninh')",
        },
        {
            content: "The documents of another agency are not listed",
            trigger: ".o_list_view:not(:has(.o_data_cell:contains('8123/VPCP-KSTT')))",
        },
        {
            content: "The interface is in Vietnamese",
            trigger: ".o_searchview_input[placeholder='Tìm kiếm...']",
        },
    ],
});
