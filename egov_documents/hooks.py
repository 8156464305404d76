def post_init_hook(env):
    """Give the agency working calendar this year's and next year's public holidays."""
    env.ref(
        "egov_documents.resource_calendar_egov_office_hours"
    ).action_egov_generate_public_holidays()
