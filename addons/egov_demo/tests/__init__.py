from . import test_demo_activities, test_demo_documents, test_demo_login, test_demo_province
