"""18.0.1.1.0: signature and seal images leave ``res.users`` / ``res.company``.

Up to 18.0.1.0.0 they were binary fields of the user and the company (attachments with
``res_field`` ``egov_signature_image`` / ``egov_seal_image``), readable by every user of
every agency; they now live in ``egov.signing.image``, which only their owner and the
owner agency's administrators read. This moves each stored image there, unchanged.
"""

from odoo import SUPERUSER_ID, api

from odoo.addons.egov_signing.models.egov_signing_image import move_legacy_images


def migrate(cr, version):
    if not version:
        return
    move_legacy_images(api.Environment(cr, SUPERUSER_ID, {}))
