"""axe-core at WCAG 2.1 A/AA on every public page (English and Arabic) and the main admin
pages: no violation of impact serious or critical. Plus what axe cannot judge alone: every chart
has a text alternative, and status is never told by colour alone.

No axe rule is disabled on any page. On the admin pages, a few nodes rendered by Django's admin
itself (not by this project's templates) are known to fail; they are listed one by one in
ADMIN_KNOWN with the reason, so any other violation, or the same rule on any other node, fails.
"""

import json

import pytest

DISABLED_PUBLIC = ()
DISABLED_ADMIN = ()

# (axe rule, substring of the failing node's selector): why it is tolerated. All are Django 5.2
# admin markup; the fix belongs upstream or in an admin widget override (reported, not done).
ADMIN_KNOWN = {
    ("label", "select2-search__field"): "Select2 4.0.13 (vendored by Django's admin for "
    "autocomplete_fields) renders the multiple-choice search box without a label.",
    ("list", "select2-selection--multiple"): "Select2's multiple-choice box puts a non-<li> "
    "inside its <ul>.",
    ("aria-input-field-name", "#select2-id_"): "Select2 gives the box showing the selected "
    "value role=textbox and names it by that value only, so it has no name while nothing is "
    "chosen (blank evidence rows). The combobox around it is named (resolutions/admin/helpers.py, "
    "RowLabelsMixin.add_fields).",
    ("link-in-text-block", ".breadcrumbs"): "Django admin's breadcrumb links are told apart "
    "from the ' › ' separators by colour only.",
}


def _unexpected(violations):
    """The violations left once the known Django-admin nodes of ADMIN_KNOWN are taken out."""
    left = []
    for v in violations:
        nodes = [
            n
            for n in v["nodes"]
            if not any(rule == v["id"] and part in " ".join(n) for rule, part in ADMIN_KNOWN)
        ]
        if nodes:
            left.append({**v, "nodes": nodes})
    return left


def _public_paths(network_pk):
    return [
        "/",
        "/?as_of=2018-11-29",
        "/resolutions/53-45-pol/",
        "/resolutions/53-45-pol/paragraphs/7/",
        f"/actions/{network_pk}/",
        "/actions/",
        "/actions/?status=in_progress&mandate_type=build_roster",
        "/actions/?status=nonsense",  # the error notice
        "/member-states/",
        "/member-states/TUR/",
        "/statuses/",
        "/resolutions/53-45-pol/changes/?from=2018-06-01&to=2018-11-29",
    ]


def _network_pk():
    from resolutions.models import Action

    return Action.objects.get(resolution__slug="53-45-pol", key="network").pk


def _check_pages(page, axe, base, paths, disabled):
    failures = {}
    for path in paths:
        response = page.goto(base + path)
        assert response.ok, (path, response.status)
        violations = axe(page, disabled_rules=disabled)
        if violations:
            failures[path] = violations
    return failures


CHARTS = """() => Array.from(document.querySelectorAll('svg')).filter(
  svg => svg.getAttribute('aria-hidden') !== 'true' && !svg.closest('[aria-hidden=true]')
).map(svg => {
  const ids = (svg.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
  const labelled = ids.map(id => (document.getElementById(id) || {}).textContent || '').join(' ');
  const title = svg.querySelector(':scope > title');
  return {
    cls: svg.getAttribute('class'), role: svg.getAttribute('role'),
    name: (svg.getAttribute('aria-label') || labelled || (title && title.textContent) || '')
      .trim(),
    table: !!(svg.closest('figure, .dist') || {querySelector: () => null})
      .querySelector('table, ul'),
  };
})"""


def _assert_charts_have_text(page, path):
    charts = page.evaluate(CHARTS)
    for chart in charts:
        assert chart["role"] == "img" and chart["name"], (path, chart)
        assert chart["table"], ("chart without a data table or legend in text", path, chart)
    return len(charts)


@pytest.mark.django_db(transaction=True)
def test_public_pages_in_english_pass_axe(live_seeded, page, axe):
    paths = _public_paths(_network_pk())
    failures = _check_pages(page, axe, live_seeded.url, paths, DISABLED_PUBLIC)
    assert failures == {}, json.dumps(failures, indent=1)


@pytest.mark.django_db(transaction=True)
def test_public_pages_in_arabic_pass_axe(live_seeded, page, axe):
    # Every page template once; the English run also covers the as-of and error states.
    skip = ("/?as_of=", "/actions/?status=nonsense", "/actions/?status=in_progress")
    paths = ["/ar" + p for p in _public_paths(_network_pk()) if not p.startswith(skip)]
    page.goto(live_seeded.url + "/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl", "no Arabic pages yet"
    failures = _check_pages(page, axe, live_seeded.url, paths, DISABLED_PUBLIC)
    assert failures == {}, json.dumps(failures, indent=1)


@pytest.mark.django_db(transaction=True)
def test_charts_have_text_alternatives_and_status_is_not_colour_alone(live_seeded, page):
    base = live_seeded.url
    found = 0
    for path in ("/", "/resolutions/53-45-pol/", "/resolutions/53-45-pol/paragraphs/7/"):
        page.goto(base + path)
        found += _assert_charts_have_text(page, path)
    assert found >= 3  # the progress-over-time chart and distribution bars are there
    # The progress chart's numbers are also in a data table.
    page.goto(base + "/")
    table = page.locator("figure.chart details.chart__data table").first
    assert table.locator("thead th").count() >= 2
    # Status badges carry their status in words, not only in a colour.
    page.goto(base + "/actions/")
    badges = page.locator("table.actions tbody .badge, table.actions tbody [class*=status]")
    assert badges.count() > 0
    for text in badges.all_inner_texts():
        assert text.strip(), "a status badge with no text"


@pytest.mark.django_db(transaction=True)
def test_admin_pages_pass_axe(live_seeded, page, axe, make_user, admin_login):
    base = live_seeded.url
    failures = {}
    page.goto(base + "/admin/login/")
    failures["login"] = axe(page, disabled_rules=DISABLED_ADMIN)
    admin_login(page, base, *make_user("ada", "Administrator"))
    pk = _network_pk()
    for name, path in (
        ("index", "/admin/"),
        ("action changelist", "/admin/resolutions/action/"),
        ("action change form", f"/admin/resolutions/action/{pk}/change/"),
        ("status update add form", f"/admin/resolutions/statusupdate/add/?action={pk}"),
        ("status update changelist", "/admin/resolutions/statusupdate/"),
    ):
        response = page.goto(base + path)
        assert response.ok, (path, response.status)
        failures[name] = axe(page, disabled_rules=DISABLED_ADMIN)
    failures = {k: _unexpected(v) for k, v in failures.items()}
    failures = {k: v for k, v in failures.items() if v}
    assert failures == {}, json.dumps(failures, indent=1)
