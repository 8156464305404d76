/** @odoo-module **/
/**
 * The incoming flow as a clerk and a leader live it (NĐ 30/2020 Điều 22–23):
 * the clerk registers an arrived document, which takes its arrival number; the agency
 * leader then distributes it to a lead unit and two coordinators.
 *
 * Driven by egov_documents/tests/test_ui_tours.py, which creates the data these steps
 * look up (subject, unit and user names must match it).
 */
import { registry } from "@web/core/registry";

const START_URL = "/odoo/action-egov_documents.action_egov_document_incoming";
const SUBJECT = "Về việc tổ chức hội nghị tổng kết công tác văn thư năm 2026";
const DIRECTIVE = "Phòng Văn xã chủ trì tham mưu kế hoạch tổ chức hội nghị";
const LEAD_UNIT = "Phòng Văn xã";
const COORDINATOR_UNIT = "Phòng Kế hoạch";
const COORDINATOR_PERSON = "Officer A";

/**
 * Exactly ``count`` record rows in a list (its data rows come first in the tbody).
 */
function rowCount(count) {
    return `:has(tr.o_data_row:nth-child(${count})):not(:has(tr.o_data_row:nth-child(${count + 1})))`;
}

function openDocumentSteps() {
    return [
        {
            content: "The Incoming Documents list is open",
            trigger: ".o_breadcrumb:contains(Incoming Documents)",
        },
        {
            content: "Open the document by its subject",
            trigger: `.o_list_renderer .o_data_row td[name=subject]:contains("${SUBJECT}")`,
            run: "click",
        },
        {
            content: "The incoming form is open on that document",
            trigger: `.o_breadcrumb .o_last_breadcrumb_item:contains("${SUBJECT}")`,
        },
    ];
}

/**
 * Pick ``label`` in the many2one ``fieldName`` inside ``scope`` through its autocomplete.
 */
function pickMany2oneSteps(scope, fieldName, label) {
    return [
        {
            content: `Type ${label} in ${fieldName}`,
            trigger: `${scope} .o_field_widget[name=${fieldName}] input`,
            run: `edit ${label}`,
        },
        {
            content: `Choose ${label}`,
            trigger: `.o-autocomplete--dropdown-menu .ui-menu-item a:contains("${label}")`,
            run: "click",
        },
        {
            content: `${label} is set in ${fieldName}`,
            trigger: `${scope} .o_field_widget[name=${fieldName}] input:value("${label}")`,
        },
    ];
}

registry.category("web_tour.tours").add("egov_clerk_register_tour", {
    url: START_URL,
    steps: () => [
        ...openDocumentSteps(),
        {
            content: "The document is awaiting registration",
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value=arrived]",
        },
        {
            content: "Register it",
            trigger: ".o_statusbar_buttons button[name=action_register]",
            run: "click",
        },
        {
            content: "It took arrival number 1 of the incoming register",
            trigger: ".o_field_widget[name=arrival_number]:contains(/^\\s*1\\s*$/)",
        },
        {
            content: "Its status is Registered",
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value=received]:contains(Registered)",
        },
        {
            content: "The Register button is gone",
            trigger: ".o_statusbar_buttons:not(:has(button[name=action_register]))",
        },
    ],
});

registry.category("web_tour.tours").add("egov_leader_distribute_tour", {
    url: START_URL,
    steps: () => [
        ...openDocumentSteps(),
        {
            content: "The leader sees it registered, with its arrival number",
            trigger: ".o_form_view:has(.o_arrow_button_current[data-value=received]) .o_field_widget[name=arrival_number]:contains(/^\\s*1\\s*$/)",
        },
        {
            // A type="action" button carries the database id of its action as name: the
            // label is the stable handle here.
            content: "Distribute",
            trigger: ".o_statusbar_buttons button:contains(Distribute)",
            run: "click",
        },
        {
            content: "The distribution dialog opens on the document",
            trigger: ".modal .o_form_view .o_field_widget[name=document_id]",
        },
        {
            content: "It proposes a handling deadline",
            trigger: ".modal .o_field_widget[name=deadline] input:value(/\\d/)",
        },
        {
            content: "Write the directive",
            trigger: ".modal .o_field_widget[name=directive] textarea",
            run: `edit ${DIRECTIVE}`,
        },
        ...pickMany2oneSteps(".modal", "lead_department_id", LEAD_UNIT),
        {
            content: "A unit leads: the lead person field is hidden",
            trigger: ".modal .o_form_view:not(:has(.o_field_widget[name=lead_user_id]))",
        },
        {
            content: "Add a coordinator line",
            trigger: ".modal .o_field_widget[name=line_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        ...pickMany2oneSteps(".modal .o_field_widget[name=line_ids] .o_selected_row", "department_id", COORDINATOR_UNIT),
        {
            content: "Add a second coordinator line",
            trigger: ".modal .o_field_widget[name=line_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        ...pickMany2oneSteps(".modal .o_field_widget[name=line_ids] .o_selected_row", "user_id", COORDINATOR_PERSON),
        {
            content: "Leave the line being edited",
            trigger: ".modal .modal-title",
            run: "click",
        },
        {
            content: "Two coordinators are listed: a unit and a person",
            trigger: `.modal .o_field_widget[name=line_ids]${rowCount(2)}:not(:has(.o_selected_row)):has(td[name=department_id]:contains("${COORDINATOR_UNIT}")):has(td[name=user_id]:contains("${COORDINATOR_PERSON}"))`,
        },
        {
            content: "Confirm the distribution",
            trigger: ".modal footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The status is Distributed",
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value=distributed]:contains(Distributed)",
        },
        {
            content: "Open the Handling tab",
            trigger: ".o_notebook a.nav-link[name=handling]",
            run: "click",
        },
        {
            content: "Bring the handling list into view (for the final screenshot)",
            trigger: ".o_field_widget[name=assignment_ids]",
            run() {
                this.anchor.scrollIntoView({ block: "center" });
            },
        },
        {
            content: "The directive is shown",
            trigger: `.o_field_widget[name=directive]:contains("${DIRECTIVE}")`,
        },
        {
            content: "Three assignments: the lead unit and the two coordinators",
            trigger: `.o_field_widget[name=assignment_ids]${rowCount(3)}:has(td[name=department_id]:contains("${LEAD_UNIT}")):has(td[name=department_id]:contains("${COORDINATOR_UNIT}")):has(td[name=user_id]:contains("${COORDINATOR_PERSON}"))`,
        },
    ],
});
