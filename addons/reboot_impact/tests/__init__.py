from . import test_access, test_impact, test_security_matrix
from . import test_actions
from . import test_multicompany
from . import test_dashboard
from . import test_jobs
