def post_init_hook(env):
    """Documents that arrived before signing was installed and still await registration
    get their signature check now (Kon Tum Điều 8.2: checked before registration).
    Bounded: older, already handled documents keep "not checked" until someone asks."""
    waiting = env["egov.document"].search(
        [("direction", "=", "incoming"), ("incoming_state", "=", "arrived")], limit=2000
    )
    waiting._egov_verify_signatures()
