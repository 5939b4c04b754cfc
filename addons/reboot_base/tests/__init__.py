from . import test_base, test_device_type, test_job_page, test_spreadsheet
