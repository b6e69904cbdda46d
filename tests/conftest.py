"""Fixtures shared by every test area (see each module's docstring)."""

import os

pytest_plugins = ["tests.fixtures.redis"]

# The browser tests need a built frontend and Chromium: `make e2e` runs them.
collect_ignore = ["e2e"]
# The generated-project parity run boots Django once per drawn project; it runs
# under `make test-parity` (MIZAN_PARITY_EXAMPLES set), the kept fixtures always.
if not os.environ.get("MIZAN_PARITY_EXAMPLES"):
    collect_ignore.append("parity/test_generated.py")
