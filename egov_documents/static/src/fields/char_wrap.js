/** @odoo-module **/
// A long one-line text (a document's subject, up to 500 characters) shown and edited whole,
// wrapped over as many lines as it needs, instead of being cut at the width of an input.
import { registry } from "@web/core/registry";
import { textField } from "@web/views/fields/text/text_field";

registry.category("fields").add("egov_char_wrap", {
    ...textField,
    supportedTypes: ["char"],
});
