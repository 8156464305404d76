from . import (
    test_access,
    test_agency_codes,
    test_arrival_by_email,
    test_document_files,
    test_duplicates_and_guards,
    test_numbering,
    test_numbering_concurrency,
    test_query_counts,
    test_receipt_time,
    test_ui_tours,
    test_workflows,
)
