"""The allauth flows need their own settings (allauth's apps and migrations).

Under any other settings (the main run) nothing here is collected but
``test_suite.py``, which runs ``flows/`` in a pytest process of its own with
``--ds=tests.allauth.settings``. ``browser/`` needs Chromium: it is
collected only with ``MIZAN_ALLAUTH_BROWSER=1``, which the e2e run's
``tests/e2e/test_allauth.py`` sets.
"""

import os

ALLAUTH_SETTINGS = "tests.allauth.settings"
BROWSER_SWITCH = "MIZAN_ALLAUTH_BROWSER"

if os.environ.get("DJANGO_SETTINGS_MODULE") != ALLAUTH_SETTINGS:
    collect_ignore = ["flows", "browser"]
elif os.environ.get(BROWSER_SWITCH) == "1":
    collect_ignore = ["test_suite.py"]
else:
    collect_ignore = ["test_suite.py", "browser"]
