/** @odoo-module **/
/**
 * Odoo's PDF viewer (web's pdf_viewer field, pdf.js) on the document's file chosen in
 * `preview_file_id`: the PDF is read inline, never downloaded. The file is fetched from
 * egov.document.file, so reading it takes the same rights as reading the file; the checksum
 * makes a new version of the file replace the old one in the browser's cache.
 * On a phone the viewer waits behind one button, so a list of cards stays light.
 */
import { registry } from "@web/core/registry";
import { url } from "@web/core/utils/urls";
import { PdfViewerField, pdfViewerField } from "@web/views/fields/pdf_viewer/pdf_viewer_field";
import { useState } from "@odoo/owl";

export class EgovPdfPreviewField extends PdfViewerField {
    static template = "egov_documents.PdfPreviewField";
    static props = {
        ...PdfViewerField.props,
        fileField: { type: String, optional: true },
        versionField: { type: String, optional: true },
    };
    static defaultProps = {
        fileField: "preview_file_id",
        versionField: "preview_file_checksum",
    };

    setup() {
        super.setup();
        this.display = useState({ opened: !this.env.isSmall });
    }

    get fileId() {
        const value = this.props.record.data[this.props.fileField];
        if (!value) {
            return false;
        }
        return Array.isArray(value) ? value[0] : value.id;
    }

    get url() {
        if (!this.state.isValid || !this.fileId || !this.props.record.data[this.props.name]) {
            return null;
        }
        const file = encodeURIComponent(
            url("/web/content", {
                model: "egov.document.file",
                field: "datas",
                id: this.fileId,
                unique: this.props.record.data[this.props.versionField] || "",
            })
        );
        return `/web/static/lib/pdfjs/web/viewer.html?file=${file}`;
    }

    toggle() {
        this.display.opened = !this.display.opened;
    }
}

export const egovPdfPreviewField = {
    ...pdfViewerField,
    component: EgovPdfPreviewField,
    extractProps: ({ options }) => ({
        fileField: options.file_field || "preview_file_id",
        versionField: options.version_field || "preview_file_checksum",
    }),
};

registry.category("fields").add("egov_pdf_preview", egovPdfPreviewField);
