from odoo import SUPERUSER_ID, http
from odoo.http import request

from ..edxml import Limits


class EgovAxisController(http.Controller):
    """The VDXP operations of the hub: ``POST {base}/egov/axis/<operation>``, parameters in
    signed ``XroadVnpt-*`` headers, the edXML package as the body of sendEdoc. No session:
    every request proves its system by its HMAC (``egov.axis.hub._egov_serve``)."""

    @http.route(
        "/egov/axis/<string:operation>",
        type="http",
        auth="none",
        methods=["POST", "GET"],
        csrf=False,
        save_session=False,
        readonly=False,
    )
    def egov_axis(self, operation, **_params):
        if not request.db:
            return request.make_json_response(
                {"status": "FAIL", "ErrorCode": "20", "ErrorDesc": "No database.", "data": None},
                status=503,
            )
        httprequest = request.httprequest
        limit = Limits().max_package_bytes
        length = httprequest.content_length or 0

        def read_body():
            # read only once the caller is authenticated, never more than the limit, and
            # only with a Content-Length (a chunked body of unknown size is not read)
            return httprequest.get_data() if 0 < length <= limit else b""

        # The caller has no Odoo user: the hub authenticates it by its signature before
        # reading anything, then works as superuser on the caller's own items only.
        hub = request.env(user=SUPERUSER_ID)["egov.axis.hub"]
        status, payload = hub._egov_serve(
            operation, httprequest.headers, read_body, httprequest.remote_addr, length
        )
        return request.make_json_response(payload, status=status)
