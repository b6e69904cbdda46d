"""The allauth flows need their own settings (allauth's apps and migrations).

Under any other settings (the main run) the flow tests are not collected
here; ``test_suite.py`` runs them in a pytest process of their own, with
``--ds=tests.allauth.settings``.
"""

import os

ALLAUTH_SETTINGS = "tests.allauth.settings"

if os.environ.get("DJANGO_SETTINGS_MODULE") != ALLAUTH_SETTINGS:
    collect_ignore = ["flows"]
else:
    collect_ignore = ["test_suite.py"]
