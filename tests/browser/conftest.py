"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

They run in `make test`. Without /usr/bin/chromium they are skipped with the install command;
.ci/run installs Chromium so CI never skips them. `playwright install` is never used: the
browser comes from the distribution.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM would refuse to run
# from it. The live server itself runs in its own thread, unaffected.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1280, "height": 900}
OUTPUT = Path("test-output/screenshots")
AXE = Path(__file__).parent / "assets" / "axe.min.js"


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(
        reason="Chromium not found at /usr/bin/chromium: install it with "
        "`apt-get install -y chromium` to run the browser tests"
    )
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # bypass_csp lets the tests inject axe-core; the site's CSP forbids inline scripts, and
    # tests/test_security.py checks that it does.
    return {**browser_context_args, "viewport": VIEWPORT, "bypass_csp": True}


@pytest.fixture(scope="session")
def _one_page(browser, browser_context_args):
    """One context and one page for the whole session, behind the `context` and `page` fixtures.

    A new context and page per test (pytest-playwright's) cost Chromium a new renderer process
    each: ~0.6 s of CPU for the page and its first load, against ~0.15 s for a load in a page
    that is already open (measured here with Debian's Chromium). Between tests the `context`
    fixture puts back what a fresh context would have: no cookies, no stored data, an empty
    HTTP cache, no other page, no routes, the screen media and the usual viewport; the next
    test's first load replaces the document. Tests that need several people at once (two
    admins, a logged-out visitor) still open contexts of their own."""
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    yield context, page, cdp
    context.close()


@pytest.fixture
def context(_one_page, live_server):
    """The session's context, as a new one would be (see _one_page)."""
    context, page, cdp = _one_page
    yield context
    for other in context.pages:
        if other != page:
            other.close()
    page.unroute_all(behavior="ignoreErrors")
    context.unroute_all(behavior="ignoreErrors")
    origin = live_server.url.rstrip("/")
    if page.url.startswith(origin):
        # Django's admin keeps its sidebar state in localStorage and sessionStorage.
        page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    page.emulate_media(media="null")
    page.set_viewport_size(VIEWPORT)
    context.clear_cookies()
    context.clear_permissions()
    cdp.send("Network.clearBrowserCache")
    cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})


@pytest.fixture
def page(context, _one_page):
    return _one_page[1]


@pytest.fixture
def live_seeded(transactional_db, live_server):
    """The real 53/45-POL data behind a live server (loaded again only after a flush)."""
    from tests.conftest import ensure_seed_data

    ensure_seed_data()
    return live_server


@pytest.fixture
def shot():
    """Save a screenshot under test-output/screenshots/<name>.png (kept out of git)."""
    OUTPUT.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = OUTPUT / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def axe():
    """Run axe-core in the page and return violations of impact serious or critical at the
    WCAG 2.1 A/AA tags.

    axe is injected once per page checked and runs every rule of those tags; it builds only the
    violations (`resultTypes`: the passes and incomplete results, which nothing here reads, are
    left at one node each) and only their id, impact, help and node selectors cross back to
    Python. The violations are the same; axe's share of the browser's CPU is about half."""
    source = AXE.read_text(encoding="utf-8")

    def check(page, disabled_rules=()):
        page.add_script_tag(content=source)
        violations = page.evaluate(
            """async (disabled) => {
                const rules = {};
                for (const id of disabled) rules[id] = {enabled: false};
                const result = await axe.run(document, {
                    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                    rules,
                    resultTypes: ['violations'],
                });
                return result.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target),
                }));
            }""",
            list(disabled_rules),
        )
        return [v for v in violations if v["impact"] in ("serious", "critical")]

    return check


@pytest.fixture
def make_user():
    """make_user(username, role) -> (username, password): a staff user in the role's group
    (workflow/roles.py: Viewer, Editor, Reviewer, Administrator)."""
    from django.contrib.auth.models import Group, User

    def make(username, role):
        from workflow.roles import sync_roles

        if not Group.objects.filter(name=role).exists():
            sync_roles()  # the flush between transactional tests may have emptied the groups
        user = User.objects.create_user(
            username, password="browser-test-pw", is_staff=True, first_name=username.title()
        )
        user.groups.add(Group.objects.get(name=role))
        return username, "browser-test-pw"

    return make


@pytest.fixture
def admin_login():
    """admin_login(page, base_url, username, password): log in through /admin/login/."""

    def login(page, base_url, username, password):
        page.goto(base_url + "/admin/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_load_state()
        assert "/login/" not in page.url, page.content()[:2000]

    return login
