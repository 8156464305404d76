"""The web app a phone installs from the browser (Odoo's /web/manifest.webmanifest): the
product's name comes from ``web.web_app_name`` (set in data), its icon and colour are ours."""

from odoo.addons.web.controllers.webmanifest import WebManifest

ICON = "/egov_documents/static/img/egov-icon-%s.png"
COLOUR = "#b71c1c"


class EgovWebManifest(WebManifest):
    def _get_webmanifest(self):
        manifest = super()._get_webmanifest()
        manifest["background_color"] = manifest["theme_color"] = COLOUR
        for icon in manifest.get("icons", []):
            icon["src"] = ICON % icon["sizes"]
        return manifest
