import { Component, onWillStart, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

/**
 * Each role's dashboard: the tiles of the user's roles, with their counts, from one call to
 * egov.dashboard/egov_dashboard_tiles. A tile opens the list it counts (its action comes
 * with it from the server, built from the same definition as the count).
 */
export class EgovDashboard extends Component {
    static template = "egov_reports.EgovDashboard";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.state = useState({ sets: [], loaded: false });
        onWillStart(() => this.load());
    }

    async load() {
        this.state.sets = await this.orm.call("egov.dashboard", "egov_dashboard_tiles", []);
        this.state.loaded = true;
    }

    openTile(tile) {
        return this.actionService.doAction(tile.action);
    }

    countClass(tile) {
        if (!tile.count) {
            return "text-muted";
        }
        return tile.tone === "danger" || tile.tone === "warning" ? `text-${tile.tone}` : "text-primary";
    }
}

registry.category("actions").add("egov_reports.dashboard", EgovDashboard);
