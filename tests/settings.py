"""The test suite's settings: those of `make run` (DJANGO_DEBUG=1 when the settings load).

With DEBUG off when they load, the settings are production's: HTTPS redirects,
secure cookies and static files named from collectstatic's manifest, which
tests do not run. pytest-django turns DEBUG off for the run itself, so views
behave as in production. Tests of the production settings start their own
processes with their own environment (tests/test_settings.py).
"""

import os

os.environ["DJANGO_DEBUG"] = "1"

from newsdesk.settings import *  # noqa: E402, F403
