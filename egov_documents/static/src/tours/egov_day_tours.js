/** @odoo-module **/
/**
 * A working day, in Vietnamese, on a desktop and on a phone: the clerk enters a paper
 * document from its scan and registers it (Vào sổ); the leader reads it inline and
 * distributes it, then signs an outgoing document; the officer handles his assignment.
 *
 * Driven by egov_documents/tests/test_ui_day_tours.py, which creates the data these steps
 * look up. A step logging `egov-screenshot:<screen>` asks the test for a picture of the
 * screen; the next step waits until it is taken (the test marks the body).
 */
import { registry } from "@web/core/registry";
import { utils as uiUtils } from "@web/core/ui/ui_service";

const SCREENSHOT_MARK = "egov-screenshot:";
const SCAN_FILENAME = "cv-3456-bnv-ccvc.pdf";
const SCAN_SUBJECT = "V/v triển khai công tác đánh giá, xếp loại chất lượng cán bộ năm 2026";
const OUTGOING_SUBJECT = "Quyết định ban hành Quy chế quản lý văn bản điện tử";
const PROGRESS_NOTE = "Đã dự thảo kế hoạch đánh giá, đang lấy ý kiến các phòng";
const RESULT_NOTE = "Đã ban hành kế hoạch đánh giá, xếp loại cán bộ năm 2026";
const DIRECTIVE = "Đồng chí Tuấn chủ trì tham mưu kế hoạch đánh giá cán bộ";
const LEAD_PERSON = "Lê Minh Tuấn";
const INFORMED_PERSON = "Phạm Thu Hà";
const PDF_PAGE = ".o_egov_pdf_iframe:iframe .page canvas";

const isPhone = () => uiUtils.isSmall();

/** Take a picture of the screen once ``ready`` is there (brought to the middle of the
 * screen when ``scroll``), and wait until it is taken. */
function screenshot(name, ready = "body", { scroll = false } = {}) {
    return [
        {
            content: `Screenshot ${name}`,
            trigger: ready,
            run() {
                if (scroll) {
                    this.anchor.scrollIntoView({ block: "center" });
                }
                console.log(`${SCREENSHOT_MARK}${name}`);
            },
        },
        {
            content: `Screenshot ${name} taken`,
            trigger: `body[data-egov-screenshot="${name}"]`,
        },
    ];
}

/** Fail the tour with ``message`` (a thrown error in a step's run fails it). */
function check(condition, message) {
    if (!condition) {
        throw new Error(message);
    }
}

/** Open the menu item ``item`` of section ``section``: the top menu on a desktop, the
 * app's side menu (☰) on a phone. */
function menuSteps(section, item) {
    if (isPhone()) {
        return [
            { content: "Open the side menu", trigger: ".o_main_navbar .o_menu_toggle", run: "click" },
            {
                content: `Open ${item}`,
                trigger: `.o_app_menu_sidebar [data-menu-xmlid="${item}"]`,
                run: "click",
            },
        ];
    }
    return [
        {
            content: `Open the menu ${section}`,
            trigger: `.o_menu_sections button[data-menu-xmlid="${section}"]`,
            run: "click",
        },
        {
            content: `Open ${item}`,
            trigger: `.dropdown-menu [data-menu-xmlid="${item}"]`,
            run: "click",
        },
    ];
}

/** Open the record showing ``text``: a list row on a desktop, a card on a phone. */
function openRecordSteps(text) {
    const row = isPhone()
        ? `.o_kanban_record:contains("${text}")`
        : `.o_list_renderer .o_data_row td:contains("${text}")`;
    return [
        { content: `Open ${text}`, trigger: row, run: "click" },
        {
            content: `The form of ${text} is open`,
            trigger: `.o_form_view .o_form_sheet:contains("${text}")`,
        },
    ];
}

/** The document's PDF is shown inline (one tap on a phone) and its first page drawn. */
function pdfSteps(scope = ".o_form_view") {
    const steps = [];
    if (isPhone()) {
        steps.push({
            content: "One tap opens the PDF",
            trigger: `${scope} .o_egov_pdf_toggle`,
            run: "click",
        });
    }
    steps.push(
        {
            content: "The PDF viewer is inline, not a download",
            trigger: `${scope} iframe.o_egov_pdf_iframe[src*="/web/static/lib/pdfjs/web/viewer.html"]`,
        },
        { content: "The first page of the PDF is drawn", trigger: PDF_PAGE }
    );
    return steps;
}

/** Click the form's header button ``button`` (a selector; a label for action buttons,
 * whose name is a database id): on a phone, the header's buttons are in the ⚙ menu, except
 * the step's main ones, repeated on the form (``onPhoneForm``). */
function headerButtonSteps(button, { onPhoneForm = false } = {}) {
    if (isPhone() && !onPhoneForm) {
        return [
            {
                content: "Open the actions menu",
                trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
                run: "click",
            },
            {
                content: `Choose ${button}`,
                trigger: `.o-dropdown--menu ${button}`,
                run: "click",
            },
        ];
    }
    const scope = isPhone()
        ? ".o_form_sheet div[name=phone_actions]"
        : ".o_form_statusbar .o_statusbar_buttons";
    return [{ content: `Click ${button}`, trigger: `${scope} ${button}`, run: "click" }];
}

const byLabel = (label) => `button:contains("${label}")`;

/** Switch the view to ``type`` (list, kanban): buttons on a desktop, a menu on a phone. */
function switchViewSteps(type) {
    if (isPhone()) {
        return [
            {
                content: "Open the view switcher",
                trigger: ".o_control_panel .o_cp_switch_buttons button.o-dropdown-caret",
                run: "click",
            },
            {
                content: `Switch to the ${type} view`,
                trigger: `.o-dropdown--menu .dropdown-item:has(.oi-view-${type})`,
                run: "click",
            },
        ];
    }
    return [
        {
            content: `Switch to the ${type} view`,
            trigger: `.o_control_panel .o_switch_view.o_${type}`,
            run: "click",
        },
    ];
}

/** Pick ``label`` in the many2one or many2many ``fieldName`` inside ``scope``. */
function pickSteps(scope, fieldName, label) {
    if (isPhone()) {
        // a phone searches in a dialog of cards; a tap on a card chooses it
        return [
            {
                content: `Open the search of ${fieldName}`,
                trigger: `${scope} .o_field_widget[name=${fieldName}] input`,
                run: "click",
            },
            {
                content: `Choose ${label}`,
                trigger: `.modal:not(.o_inactive_modal) .o_kanban_record:contains("${label}")`,
                run: "click",
            },
            {
                content: `${label} is chosen in ${fieldName}`,
                trigger: `${scope} .o_field_widget[name=${fieldName}]:has(input:value("${label}")), ${scope} .o_field_widget[name=${fieldName}] .o_tag:contains("${label}")`,
            },
        ];
    }
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
            content: `${label} is chosen in ${fieldName}`,
            trigger: `${scope} .o_field_widget[name=${fieldName}]:has(input:value("${label}")), ${scope} .o_field_widget[name=${fieldName}] .o_tag:contains("${label}")`,
        },
    ];
}

function stateSteps(field, value) {
    // a phone shows the status as a menu: its buttons are there, hidden (hence :visible,
    // which lets the tour look at hidden elements too)
    const current = `.o_form_view .o_field_widget[name=${field}] .o_arrow_button_current[data-value=${value}]`;
    return [
        {
            content: `The status is ${value}`,
            trigger: `${current}:visible, ${current}:not(:visible)`,
        },
    ];
}

// --- The clerk: a paper document from its scan, then Vào sổ -----------------------------
registry.category("web_tour.tours").add("egov_day_clerk_scan_tour", {
    steps: () => [
        {
            content: "The list of documents waiting for registration, in Vietnamese",
            trigger: ".o_breadcrumb:contains(Chờ vào sổ)",
        },
        {
            content: "The documents that arrived are listed",
            trigger: isPhone()
                ? ".o_kanban_view .o_kanban_record:contains(118/UBND-VX)"
                : ".o_list_view .o_data_row:contains(118/UBND-VX)",
        },
        ...screenshot("to-register-list"),
        ...menuSteps("egov_documents.menu_egov_incoming", "egov_documents.menu_egov_incoming_scan"),
        {
            content: "The scan wizard asks for the file",
            trigger: ".modal .o_form_view .o_field_widget[name=scan_file]",
        },
        {
            content: "Drop the scan of the paper letter",
            trigger: ".modal .o_field_widget[name=scan_file] input[type=file]:not(:visible)",
            async run() {
                const response = await fetch("/web/dataset/call_kw/ir.attachment/search_read", {
                    method: "POST",
                    headers: { "Content-Type": "application/json" },
                    body: JSON.stringify({
                        jsonrpc: "2.0",
                        method: "call",
                        params: {
                            model: "ir.attachment",
                            method: "search_read",
                            args: [[["name", "=", SCAN_FILENAME]], ["datas"]],
                            kwargs: { limit: 1 },
                        },
                    }),
                });
                const { result } = await response.json();
                check(result && result.length, `The scan ${SCAN_FILENAME} is not ready`);
                const bytes = Uint8Array.from(atob(result[0].datas), (c) => c.charCodeAt(0));
                const file = new File([bytes], SCAN_FILENAME, { type: "application/pdf" });
                const transfer = new DataTransfer();
                transfer.items.add(file);
                this.anchor.files = transfer.files;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The scan is attached",
            trigger: `.modal .o_field_widget[name=scan_file]:contains("${SCAN_FILENAME}"), .modal .o_field_widget[name=scan_filename]:contains("${SCAN_FILENAME}"), .modal .o_field_widget[name=scan_file] input:value("${SCAN_FILENAME}")`,
        },
        {
            content: "Read the scan",
            trigger: ".modal footer button[name=action_read_scan]",
            run: "click",
        },
        {
            content: "The fields read from the scan are listed to check",
            trigger: ".modal .o_field_widget[name=prefilled_labels]:not(:empty)",
        },
        {
            content: "The number and notation are filled in",
            trigger: ".modal .o_field_widget[name=number] input:value(3456)",
        },
        {
            content: "The notation is filled in",
            trigger: ".modal .o_field_widget[name=notation] input:value(BNV-CCVC)",
        },
        {
            content: "The issuing agency is found in the directory",
            trigger: ".modal .o_field_widget[name=issuing_agency_id] input:value(Bộ Nội vụ)",
        },
        {
            content: "The subject is filled in",
            trigger: `.modal .o_field_widget[name=subject] textarea:value("${SCAN_SUBJECT}")`,
        },
        ...screenshot("scan-wizard", ".modal .o_field_widget[name=prefilled_labels]:not(:empty)"),
        {
            content: "Create the incoming document",
            trigger: ".modal footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The document is open, its prefilled fields marked",
            trigger: ".o_action_manager .o_form_view .o_egov_prefilled",
        },
        {
            content: "Registration waits for the check: the banner names the fields",
            trigger: ".o_form_view .alert-warning .o_field_widget[name=prefilled_labels]:not(:empty)",
        },
        ...pdfSteps(),
        ...screenshot("scanned-document", PDF_PAGE),
        ...headerButtonSteps("button[name=action_confirm_prefilled]"),
        {
            content: "No field is marked any more",
            trigger: ".o_form_view:not(:has(.o_egov_prefilled)):not(:has(.alert-warning .o_field_widget[name=prefilled_labels]))",
        },
        ...headerButtonSteps("button[name=action_register]:contains(Vào sổ)", { onPhoneForm: true }),
        {
            content: "The confirmation gives the arrival number",
            trigger: ".o_notification:has(.o_notification_bar.bg-success)",
        },
        ...screenshot("registered-confirmation", ".o_notification"),
        ...stateSteps("incoming_state", "received"),
        {
            content: "The arrival number 3 is shown",
            trigger: ".o_form_view .o_field_widget[name=arrival_number]:contains(/^\\s*3\\s*$/)",
        },
    ],
});

// --- The leader: read, distribute ---------------------------------------------------------
let deadlineShown = "";

registry.category("web_tour.tours").add("egov_day_leader_distribute_tour", {
    steps: () => [
        {
            content: "The incoming documents, in Vietnamese",
            trigger: ".o_breadcrumb:contains(Văn bản đến)",
        },
        ...openRecordSteps(SCAN_SUBJECT),
        ...stateSteps("incoming_state", "received"),
        ...pdfSteps(),
        ...screenshot("incoming-form-pdf", PDF_PAGE),
        ...headerButtonSteps(byLabel("Chuyển xử lý"), { onPhoneForm: true }),
        {
            content: "The distribution dialog opens on the document",
            trigger: ".modal .o_form_view .o_field_widget[name=document_id]",
        },
        {
            content: "It proposes a handling deadline: note it",
            trigger: ".modal .o_field_widget[name=deadline] input:value(/20\\d\\d/)",
            run() {
                deadlineShown = this.anchor.value.trim();
            },
        },
        {
            content: "No warning about a changed deadline",
            trigger: ".modal .o_form_view:not(:has(.alert-warning:visible))",
        },
        {
            content: "Write the directive",
            trigger: ".modal .o_field_widget[name=directive] textarea",
            run: `edit ${DIRECTIVE}`,
        },
        ...pickSteps(".modal", "lead_user_id", LEAD_PERSON),
        ...pickSteps(".modal", "informed_user_ids", INFORMED_PERSON),
        {
            content: "The deadline is still the document's",
            trigger: ".modal .o_field_widget[name=deadline] input",
            run() {
                check(this.anchor.value.trim() === deadlineShown, "The deadline changed");
            },
        },
        ...screenshot("distribute-wizard", ".modal .o_field_widget[name=lead_user_id]", { scroll: true }),
        {
            content: "Distribute",
            trigger: ".modal footer button[name=action_confirm]",
            run: "click",
        },
        { content: "The dialog is closed", trigger: "body:not(:has(.modal))" },
        ...stateSteps("incoming_state", "distributed"),
        {
            content: "The document keeps the deadline proposed",
            trigger: ".o_form_view .o_field_widget[name=deadline]",
            run() {
                const input = this.anchor.querySelector("input");
                const shown = (input ? input.value : this.anchor.textContent).trim();
                check(shown === deadlineShown, `The form says ${shown}, ${deadlineShown} was kept`);
            },
        },
    ],
});

// --- The leader: sign an outgoing document --------------------------------------------------
registry.category("web_tour.tours").add("egov_day_leader_sign_tour", {
    steps: () => [
        {
            content: "The outgoing documents, in Vietnamese",
            trigger: ".o_breadcrumb:contains(Văn bản đi)",
        },
        {
            content: "The decision awaiting signature is listed",
            trigger: isPhone()
                ? `.o_kanban_view .o_kanban_record:contains("${OUTGOING_SUBJECT}")`
                : `.o_list_view .o_data_row:contains("${OUTGOING_SUBJECT}")`,
        },
        ...screenshot(isPhone() ? "outgoing-kanban" : "outgoing-list"),
        ...(isPhone()
            ? [
                  ...switchViewSteps("list"),
                  {
                      content: "The list is shown",
                      trigger: `.o_list_view .o_data_row:contains("${OUTGOING_SUBJECT}")`,
                  },
                  ...screenshot("outgoing-list"),
                  ...switchViewSteps("kanban"),
              ]
            : [
                  ...switchViewSteps("kanban"),
                  {
                      content: "The cards are shown",
                      trigger: `.o_kanban_view .o_kanban_record:contains("${OUTGOING_SUBJECT}")`,
                  },
                  ...screenshot("outgoing-kanban"),
              ]),
        {
            content: "Open the decision",
            trigger: `.o_kanban_view .o_kanban_record:contains("${OUTGOING_SUBJECT}")`,
            run: "click",
        },
        ...stateSteps("outgoing_state", "approved"),
        ...pdfSteps(),
        ...screenshot("outgoing-form-pdf", PDF_PAGE),
        {
            content: "Sign (with the digital signature when egov_signing is installed)",
            trigger: `${isPhone() ? ".o_form_sheet div[name=phone_actions]" : ".o_form_statusbar .o_statusbar_buttons"} button:is([name=action_approve_and_sign], [name=action_sign])`,
            run: "click",
        },
        ...stateSteps("outgoing_state", "signed"),
        {
            content: "Show the signature status when the document is signed digitally",
            trigger: ".o_form_view .o_notebook",
            run() {
                const tab = document.querySelector(".o_form_view .o_notebook a.nav-link[name=signatures]");
                if (tab) {
                    tab.click();
                }
            },
        },
        {
            content: "The signature is valid (or there is no signing module)",
            trigger: ".o_form_view:not(:has(.o_notebook a.nav-link[name=signatures])), .o_form_view .o_field_widget[name=signature_status] .badge.text-bg-success",
            run() {
                const status = document.querySelector(".o_form_view .o_field_widget[name=signature_status]");
                if (status) {
                    status.scrollIntoView({ block: "center" });
                }
            },
        },
        ...screenshot("outgoing-signed", PDF_PAGE),
    ],
});

// --- The leader: the deadline board ---------------------------------------------------------
registry.category("web_tour.tours").add("egov_day_leader_deadlines_tour", {
    steps: () => [
        {
            content: "The board by deadline, in Vietnamese",
            trigger: ".o_breadcrumb:contains(Theo hạn xử lý)",
        },
        {
            content: "The distributed document sits on its deadline's day",
            trigger: `.o_kanban_view .o_kanban_group .o_kanban_record:contains("${SCAN_SUBJECT}")`,
        },
        ...screenshot("deadline-kanban", ".o_kanban_view .o_kanban_group"),
    ],
});

// --- The officer: read, report progress, complete --------------------------------------------
registry.category("web_tour.tours").add("egov_day_officer_assignment_tour", {
    steps: () => [
        {
            content: "My assignments, in Vietnamese",
            trigger: ".o_breadcrumb:contains(Việc của tôi)",
        },
        {
            content: "Open the assignment on the scanned letter",
            trigger: `.o_kanban_record:contains("3456/BNV-CCVC")`,
            run: "click",
        },
        {
            content: "The assignment is open",
            trigger: ".o_form_view .o_field_widget[name=document_id]:contains(3456/BNV-CCVC)",
        },
        ...pdfSteps(),
        ...screenshot("assignment-form-pdf", PDF_PAGE),
        ...headerButtonSteps("button[name=action_accept]", { onPhoneForm: true }),
        ...stateSteps("state", "in_progress"),
        ...headerButtonSteps(byLabel("Báo cáo tiến độ")),
        {
            content: "The progress dialog",
            trigger: ".modal .o_field_widget[name=progress] input",
            run: "edit 60",
        },
        {
            content: "What was done",
            trigger: ".modal .o_field_widget[name=note] textarea",
            run: `edit ${PROGRESS_NOTE}`,
        },
        {
            content: "Send the progress",
            trigger: ".modal footer button[name=action_confirm]",
            run: "click",
        },
        { content: "The dialog is closed", trigger: "body:not(:has(.modal))" },
        {
            content: "The progress is shown",
            trigger: `.o_form_view .o_field_widget[name=progress_note]:contains("${PROGRESS_NOTE}")`,
        },
        ...headerButtonSteps(byLabel("Hoàn thành"), { onPhoneForm: true }),
        {
            content: "The result",
            trigger: ".modal .o_field_widget[name=note] textarea",
            run: `edit ${RESULT_NOTE}`,
        },
        {
            content: "Complete",
            trigger: ".modal footer button[name=action_confirm]",
            run: "click",
        },
        { content: "The dialog is closed", trigger: "body:not(:has(.modal))" },
        ...stateSteps("state", "done"),
        {
            content: "The result is shown",
            trigger: `.o_form_view .o_field_widget[name=result_note]:contains("${RESULT_NOTE}")`,
        },
        ...screenshot("assignment-done"),
    ],
});
