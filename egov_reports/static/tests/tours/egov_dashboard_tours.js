/**
 * Each role logs in, lands on its dashboard (its home action, not Discuss), reads a
 * counter, clicks it and sees its list with exactly that many rows.
 *
 * Driven by egov_reports/tests/test_dashboard_tours.py, whose fixture gives each of these
 * counters at least one document or assignment.
 */
import { registry } from "@web/core/registry";

function dashboardTour(setKey, tileKey) {
    let expected = null;
    return {
        url: "/odoo",
        steps: () => [
            {
                content: `Landed on the dashboard, with the ${setKey} tile set`,
                trigger: `.o_egov_dashboard .o_egov_dashboard_set[data-set=${setKey}]`,
            },
            {
                content: `Read the ${tileKey} counter and open its list`,
                trigger: `.o_egov_dashboard .o_egov_tile[data-tile=${tileKey}]`,
                run(helpers) {
                    expected = parseInt(
                        this.anchor.querySelector(".o_egov_tile_count").textContent,
                        10
                    );
                    if (!(expected > 0)) {
                        throw new Error(`Counter ${tileKey} shows ${expected}, expected rows`);
                    }
                    return helpers.click();
                },
            },
            {
                content: "The list the counter opened is shown, under the dashboard",
                trigger: ".o_action_manager .o_list_view .o_data_row",
            },
            {
                content: "The list has as many rows as the counter said",
                trigger: ".o_breadcrumb .o_back_button",
                run() {
                    const rows = document.querySelectorAll(".o_list_view .o_data_row").length;
                    if (rows !== expected) {
                        throw new Error(`Counter said ${expected}, the list shows ${rows}`);
                    }
                },
            },
        ],
    };
}

const tours = registry.category("web_tour.tours");
tours.add("egov_reports_dashboard_clerk", dashboardTour("clerk", "to_register"));
tours.add("egov_reports_dashboard_agency_leader", dashboardTour("agency_leader", "awaiting_signature"));
tours.add("egov_reports_dashboard_unit_leader", dashboardTour("unit_leader", "to_assign"));
tours.add("egov_reports_dashboard_officer", dashboardTour("officer", "my_work"));
