"""The app's own settings (tracker/settings.py), as the test suite needs them.

The defaults are production's; the test client and the browser tests' live server speak plain
HTTP on this machine, so HTTPS-only behaviour (SSL redirect, Secure cookies, HSTS) is off, as
for `make run`. tests/test_security.py checks the production defaults in a fresh process.
"""

import os

os.environ.setdefault("DJANGO_HTTPS", "false")
# A fixed key: the suite must not write a key file into the working tree.
os.environ.setdefault("DJANGO_SECRET_KEY", "test-suite-only-" + "k" * 50)

from tracker.settings import *  # noqa: E402, F403
from tracker.settings import STORAGES  # noqa: E402

# The manifest storage needs `collectstatic` after every change to a static file; the tests
# render templates straight from static/ instead.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# PostgreSQL: a test database is thrown away, so a commit need not wait for its WAL to reach
# the disk (the disk is shared with every other database on the machine). Commits happen in the
# session's data load, the browser tests' requests and the snapshot restores after them.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options["options"] = f"{_options.get('options', '')} -c synchronous_commit=off".strip()

# Every test client (and the live server) builds its own middleware chain, and WhiteNoise scans
# all ~900 static files when it is built unless it looks files up per request instead
# (autorefresh): 0.03 s a client, a few thousand clients in the suite. Production keeps the
# scan-once default (tracker/settings.py); the files served and their headers are the same.
WHITENOISE_AUTOREFRESH = True
