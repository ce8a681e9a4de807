"""User Cleanup: find inactive Atlassian users and produce Microsoft Entra ID removal files."""

import time

__version__ = "1.0.0"
APP_NAME = "User Cleanup"
APP_ID = "user-cleanup"
ORG_NAME = "User Cleanup"

#: Set when the package is first imported; start-up timings are measured from here.
STARTED_AT = time.perf_counter()
