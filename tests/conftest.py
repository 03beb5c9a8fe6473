import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from resolutions.loader import load_file

DATA_FILES = ["data/oic-member-states.yaml", "data/53-45-pol.yaml"]


@pytest.fixture
def seeded(db):
    """The real 53/45-POL data, loaded exactly as `make run` loads it."""
    for path in DATA_FILES:
        load_file(path)
    from resolutions.models import Resolution

    return Resolution.objects.get(slug="53-45-pol")


# --- Language prefixes (issue #6) ---------------------------------------------------------------
# Public pages, the admin and the exports live under /en/, /fr/ and /ar/ (tracker/urls.py). Most
# tests are about content, not languages, and call the old unprefixed paths ("/", "/actions/3/"):
# the `client` and `admin_client` fixtures send those straight to the English page, exactly where
# LocaleMiddleware's redirect would send an English-speaking visitor, without the extra hop (so
# query budgets and POSTs are unaffected). tests/test_i18n.py checks the real redirect with a
# plain django.test.Client.
_LANGUAGE_PREFIXES = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
_UNPREFIXED = ("/api/", "/static/", "/media/")


class EnglishByDefaultClient(Client):
    def generic(self, method, path, *args, **kwargs):
        if (
            isinstance(path, str)
            and path.startswith("/")
            and not path.startswith(_LANGUAGE_PREFIXES + _UNPREFIXED)
        ):
            path = f"/{settings.LANGUAGE_CODE}{path}"
        return super().generic(method, path, *args, **kwargs)


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Each test starts in English, and a request in /ar/ does not leak its language into the
    next test's reverse() and gettext (LocaleMiddleware activates a language per thread)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def client():
    return EnglishByDefaultClient()


@pytest.fixture
def admin_client(db, admin_user):
    client = EnglishByDefaultClient()
    client.force_login(admin_user)
    return client
