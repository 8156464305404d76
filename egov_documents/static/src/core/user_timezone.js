/** @odoo-module **/
/**
 * Documents are dated in the agency's time, Asia/Ho_Chi_Minh (Tây Ninh 52/2019 Điều 10.3:
 * one time zone, ISO 8601). Show every date and time in the user's own time zone rather
 * than the browser's, so a clerk on a machine set to another zone still sees +07:00 times.
 */
import { user } from "@web/core/user";

const zone = user.tz || "Asia/Ho_Chi_Minh";
if (luxon.Info.isValidIANAZone(zone)) {
    luxon.Settings.defaultZone = zone;
}
