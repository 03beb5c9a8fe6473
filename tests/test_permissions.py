"""The permission matrix: every public URL, every admin changelist/add/change/delete/history page
and every admin action, for anonymous visitors and each secretariat role (workflow/roles.py).

Two things above all: drafts and updates awaiting review never appear publicly (pages, as-of
views, exports, API), and an Editor cannot publish.

Expected outcomes, per role:
  ok      200 (a list, history or confirmation page; "view" for a change page that is
          read-only: no Save button and no review buttons)
  edit    200 with a Save button        login    302 to the admin login page
  review  200 with the Publish/Reject buttons, no Save button
  denied  403
For POSTs (each run in a savepoint that is rolled back, so every role starts from the same data):
  applied  the change happened          refused  it did not (whatever the response)
"""

import copy
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import NoReverseMatch, reverse

from resolutions.models import (
    Action,
    Actor,
    ActorKind,
    Addressee,
    Body,
    MandateType,
    Membership,
    MemberState,
    MemberStateRole,
    OperativeVerb,
    Paragraph,
    Participation,
    Resolution,
    SourcedFigure,
    SourceDocument,
    StatusUpdate,
)
from tests import staff
from tests.conftest import EnglishByDefaultClient, ensure_seed_data
from workflow import services
from workflow.fact_corrections import fact_correction_propose
from workflow.models import EditorAssignment
from workflow.review_services import action_review_create

ROLES = ("anonymous", "viewer", "editor", "reviewer", "administrator")
DRAFT_MARKER = "DRAFT-MARKER-3f9a"
SUBMITTED_MARKER = "SUBMITTED-MARKER-7c21"
REJECTED_MARKER = "REJECTED-MARKER-5b08"


def expect(anonymous, viewer, editor, reviewer, administrator):
    return dict(zip(ROLES, (anonymous, viewer, editor, reviewer, administrator), strict=True))


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The real data, a user per role, and unpublished updates with markers, set up once for the
    module in a transaction that is rolled back after its last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        # The real data: loaded once per session (conftest), or again if a flush removed it.
        ensure_seed_data()
        users = {role: staff.user(role, username=role) for role in ROLES[1:]}
        users["anonymous"] = None
        # Each role's session, signed in once (see _client); none for anonymous.
        cookies = {
            role: staff.client_for(EnglishByDefaultClient(), user).cookies
            for role, user in users.items()
        }
        editor, reviewer = users["editor"], users["reviewer"]
        network = Action.objects.get(key="network")
        pscru = Action.objects.get(key="pscru")
        evidence = [{"url": "https://example.org/unpublished"}]
        # The editor's own draft: "completed" for an action that is publicly in progress.
        draft = services.status_update_draft_create(
            user=editor,
            action=network,
            status="completed",
            as_of=date(2019, 6, 1),
            note=f"{DRAFT_MARKER} constituted",
            evidence=evidence,
        )
        # Awaiting review: "completed" for an action nobody has assessed publicly.
        submitted = services.status_update_draft_create(
            user=editor,
            action=pscru,
            status="completed",
            as_of=date(2019, 6, 1),
            note=f"{SUBMITTED_MARKER} established",
            evidence=evidence,
        )
        services.status_update_submit(user=editor, update=submitted)
        rejected = services.status_update_draft_create(
            user=editor,
            action=pscru,
            status="in_progress",
            as_of=date(2019, 7, 1),
            note=f"{REJECTED_MARKER} started",
            evidence=evidence,
        )
        services.status_update_submit(user=editor, update=rejected)
        services.status_update_reject(user=reviewer, update=rejected, reason="No source.")
        assignment = staff.assign(users["viewer"], mandate_type="training")
        review = action_review_create(
            action=network,
            reviewed_on=date(2019, 8, 1),
            note="Checked the sources: no change.",
            evidence=evidence,
            author_name="Test officer",
        )
        correction = fact_correction_propose(
            user=editor,
            fact=Action.objects.get(key="contact-group").occurrences.get(key="meeting-2018-09-24"),
            changes={"place": "Corrected place"},
            reason="Test correction.",
        )
        yield {
            "correction": correction,
            "review": review,
            "users": users,
            "cookies": cookies,
            "draft": draft,
            "submitted": submitted,
            "published": Action.objects.get(key="contact-group").status_updates.get(
                import_key="seed-2018-11-29"
            ),
            "network": network,
            "pscru": pscru,
            "assignment": assignment,
        }
        transaction.set_rollback(True)


@pytest.fixture
def w(world, db):
    return world


def _once(world, key, build):
    """`build()`, built in the first test that needs it and kept for the module's other tests:
    the world is the same in every test (each test's writes are rolled back)."""
    if key not in world:
        world[key] = build()
    return world[key]


def _client(world, role):
    """A new client, signed in as the role's user: with the session the world signed in once
    for the role (signing in again for each of the module's ~600 clients, a session and the
    login signals' writes each time, was ~6 % of its time)."""
    client = EnglishByDefaultClient()
    client.cookies = copy.deepcopy(world["cookies"][role])
    return client


# --- Public URLs: everyone may read them, nobody sees anything unpublished -----------------------


def _public_urls(world):
    network, pscru = world["network"].pk, world["pscru"].pk
    urls = [
        "/",
        "/resolutions/53-45-pol/",
        "/resolutions/53-45-pol/paragraphs/7/",
        f"/actions/{network}/",
        f"/actions/{pscru}/",
        "/actions/",
        "/member-states/",
        "/member-states/TUR/",
        "/statuses/",
    ]
    # The as-of views, on a day after the unpublished updates' as-of dates.
    urls += [f"{url}?as_of=2019-12-31" for url in urls[:6]]
    # Exports and the API, when this version has them (other work in progress adds them).
    as_of, period = ("", "?as_of=2019-12-31"), ("?from=2018-01-01&to=2019-12-31",)
    for name, kwargs, queries in [
        ("resolution_report", {"slug": "53-45-pol", "fmt": "csv"}, as_of),
        ("resolution_report", {"slug": "53-45-pol", "fmt": "json"}, as_of),
        ("resolution_changes", {"slug": "53-45-pol"}, period),
        ("resolution_changes_csv", {"slug": "53-45-pol"}, period),
        ("action_export", {"fmt": "csv"}, as_of),
        ("resolution_brief", {"slug": "53-45-pol"}, as_of),
        ("resolution_badge", {"slug": "53-45-pol"}, ("",)),
        ("feed_site", {}, ("",)),
        ("feed_resolution", {"slug": "53-45-pol"}, ("",)),
        ("feed_action", {"pk": network}, ("",)),
        ("feed_action", {"pk": pscru}, ("",)),
        ("feed_member_state", {"iso3": "TUR"}, ("",)),
        ("api:resolution-list", {}, as_of),
        ("api:action-list", {}, as_of),
        ("api:action-detail", {"pk": network}, as_of),
        ("api:action-detail", {"pk": pscru}, as_of),
        ("api:status-update-list", {}, as_of),
        ("api:paragraph-list", {}, as_of),
    ]:
        try:
            url = reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
        urls += [url + query for query in queries]
    return urls


@pytest.mark.parametrize("role", ROLES)
def test_public_urls_are_open_to_all_and_never_show_unpublished_updates(w, role):
    client = _client(w, role)
    for url in _public_urls(w):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        body = b"".join(response) if response.streaming else response.content
        for marker in (DRAFT_MARKER, SUBMITTED_MARKER, REJECTED_MARKER):
            assert marker.encode() not in body, (role, url, marker)


def test_unpublished_updates_move_no_public_number(w):
    # The roll-up behind every page: the published state, whatever is pending.
    day = date(2019, 12, 31)
    statuses = dict(Action.objects.with_status(day).values_list("key", "current_status"))
    assert statuses["network"] == "in_progress"
    assert statuses["pscru"] == "not_yet_assessed"
    client = _client(w, "anonymous")
    try:
        url = reverse("api:action-detail", kwargs={"pk": w["pscru"].pk})
    except NoReverseMatch:
        pytest.skip("this version has no API")
    assert client.get(url, {"as_of": "2019-12-31"}).json()["status"] == "not_yet_assessed"


# --- Admin pages ---------------------------------------------------------------------------------

LOGIN = "login"
STAFF_OK = expect(LOGIN, "ok", "ok", "ok", "ok")
STAFF_VIEW_ADMIN_EDIT = expect(LOGIN, "view", "view", "view", "edit")
ADMIN_ONLY = expect(LOGIN, "denied", "denied", "denied", "ok")
ADMIN_EDIT_ONLY = expect(LOGIN, "denied", "denied", "denied", "edit")
DRAFTERS = expect(LOGIN, "denied", "edit", "edit", "edit")
EDITORS_EDIT = expect(LOGIN, "view", "edit", "edit", "edit")
NOBODY = expect(LOGIN, "denied", "denied", "denied", "denied")
PUBLISHED_FACT = expect(LOGIN, "view", "view", "view", "view")


def _objects(world):
    contact_group = Action.objects.get(key="contact-group")
    return {
        "resolution": Resolution.objects.get(symbol="53/45-POL"),
        "paragraph": Paragraph.objects.get(resolution__symbol="53/45-POL", number="7"),
        "action": contact_group,
        "occurrence": contact_group.occurrences.get(key="meeting-2018-09-24"),
        "sourcedocument": SourceDocument.objects.get(key="un-19-01473"),
        "memberstate": MemberState.objects.get(iso3="TUR"),
        "actor": Actor.objects.get(name="Türkiye"),
        "memberstaterole": MemberStateRole.objects.filter(action=contact_group).first(),
        "participation": Participation.objects.filter(occurrence__key="meeting-2018-09-24").first(),
        "sourcedfigure": SourcedFigure.objects.filter(action=contact_group).first(),
        "statusupdate": world["published"],
        "factcorrection": world["correction"],
        "editorassignment": world["assignment"],
        "actionreview": world["review"],
        "mandatetype": MandateType.objects.get(code="training"),
        "actorkind": ActorKind.objects.get(code="member_state"),
        "addressee": Addressee.objects.get(code="member_states"),
        "operativeverb": OperativeVerb.objects.get(code="requests"),
        "body": Body.objects.get(key="oic"),
        "membership": Membership.objects.filter(state__iso3="TUR").first(),
    }


# model: (add, change, delete) expectations; list and history pages are open to all staff.
MODEL_PAGES = {
    "resolution": (ADMIN_EDIT_ONLY, STAFF_VIEW_ADMIN_EDIT, ADMIN_ONLY),
    "paragraph": (ADMIN_EDIT_ONLY, STAFF_VIEW_ADMIN_EDIT, ADMIN_ONLY),
    "action": (ADMIN_EDIT_ONLY, STAFF_VIEW_ADMIN_EDIT, ADMIN_ONLY),
    # A published occurrence, participation, figure or role (from the data file): editors and
    # reviewers record drafts; nobody, Administrators included, edits or deletes what is public:
    # it is corrected through a reviewed correction (issue #12).
    "occurrence": (DRAFTERS, PUBLISHED_FACT, NOBODY),
    "sourcedocument": (DRAFTERS, STAFF_VIEW_ADMIN_EDIT, ADMIN_ONLY),
    "memberstate": (ADMIN_EDIT_ONLY, STAFF_VIEW_ADMIN_EDIT, ADMIN_ONLY),
    "actor": (ADMIN_EDIT_ONLY, STAFF_VIEW_ADMIN_EDIT, ADMIN_ONLY),
    "memberstaterole": (DRAFTERS, PUBLISHED_FACT, NOBODY),
    "participation": (DRAFTERS, PUBLISHED_FACT, NOBODY),
    "sourcedfigure": (ADMIN_EDIT_ONLY, PUBLISHED_FACT, NOBODY),
    # The editor's draft correction of a published occurrence: proposed from the occurrence's
    # page, never added here; its author (or an Administrator) edits it, its author deletes it.
    "factcorrection": (
        NOBODY,
        expect(LOGIN, "view", "edit", "view", "edit"),
        expect(LOGIN, "denied", "ok", "denied", "denied"),
    ),
    # A published update: nobody edits or deletes it, administrators included.
    "statusupdate": (DRAFTERS, expect(LOGIN, "view", "view", "view", "view"), NOBODY),
    "editorassignment": (ADMIN_EDIT_ONLY, STAFF_VIEW_ADMIN_EDIT, ADMIN_ONLY),
    # A published review record: append-only like a published update.
    "actionreview": (DRAFTERS, expect(LOGIN, "view", "view", "view", "view"), NOBODY),
    # Vocabularies, bodies and memberships: reference data every roll-up and page reads, so only
    # Administrators change them (README "Vocabularies"); a term in use is never deleted.
    "mandatetype": (ADMIN_EDIT_ONLY, STAFF_VIEW_ADMIN_EDIT, ADMIN_ONLY),
    # "member_state" is a built-in code the roll-up relies on: nobody deletes it.
    "actorkind": (ADMIN_EDIT_ONLY, STAFF_VIEW_ADMIN_EDIT, NOBODY),
    "addressee": (ADMIN_EDIT_ONLY, STAFF_VIEW_ADMIN_EDIT, ADMIN_ONLY),
    "operativeverb": (ADMIN_EDIT_ONLY, STAFF_VIEW_ADMIN_EDIT, ADMIN_ONLY),
    "body": (ADMIN_EDIT_ONLY, STAFF_VIEW_ADMIN_EDIT, ADMIN_ONLY),
    "membership": (ADMIN_EDIT_ONLY, STAFF_VIEW_ADMIN_EDIT, ADMIN_ONLY),
}


# List pages are open to all staff; a vocabulary's list lets Administrators reorder it in place.
LIST_PAGES = {
    model: expect(LOGIN, "ok", "ok", "ok", "edit")
    for model in ("mandatetype", "actorkind", "addressee", "operativeverb")
}


def _app(model):
    return "workflow" if model == "editorassignment" else "resolutions"


def _admin_pages(world):
    """{page name: (url, expectations)} for every admin page in the matrix."""
    return _once(world, "admin pages", lambda: _build_admin_pages(world))


def _build_admin_pages(world):
    objects = _objects(world)
    pages = {"admin index": (reverse("admin:index"), STAFF_OK)}
    for model, (add, change, delete) in MODEL_PAGES.items():
        prefix = f"admin:{_app(model)}_{model}"
        pk = objects[model].pk
        pages[f"{model} list"] = (reverse(f"{prefix}_changelist"), LIST_PAGES.get(model, STAFF_OK))
        pages[f"{model} add"] = (reverse(f"{prefix}_add"), add)
        pages[f"{model} change"] = (reverse(f"{prefix}_change", args=[pk]), change)
        pages[f"{model} delete"] = (reverse(f"{prefix}_delete", args=[pk]), delete)
        pages[f"{model} history"] = (reverse(f"{prefix}_history", args=[pk]), STAFF_OK)
    draft, submitted = world["draft"].pk, world["submitted"].pk
    pages.update(
        {
            # The editor's own draft: theirs to edit (and an administrator's), not a reviewer's.
            "draft change": (
                reverse("admin:resolutions_statusupdate_change", args=[draft]),
                expect(LOGIN, "view", "edit", "view", "edit"),
            ),
            "draft delete": (
                reverse("admin:resolutions_statusupdate_delete", args=[draft]),
                expect(LOGIN, "denied", "ok", "denied", "ok"),
            ),
            "submitted change": (
                reverse("admin:resolutions_statusupdate_change", args=[submitted]),
                expect(LOGIN, "view", "view", "review", "review"),
            ),
            "submitted delete": (
                reverse("admin:resolutions_statusupdate_delete", args=[submitted]),
                NOBODY,
            ),
            # User management is for administrators only.
            "user list": (reverse("admin:auth_user_changelist"), ADMIN_ONLY),
            "user add": (reverse("admin:auth_user_add"), ADMIN_EDIT_ONLY),
            "user change": (
                reverse("admin:auth_user_change", args=[world["users"]["editor"].pk]),
                ADMIN_EDIT_ONLY,
            ),
            "group list": (reverse("admin:auth_group_changelist"), ADMIN_ONLY),
        }
    )
    return pages


ADMIN_PAGE_NAMES = (
    ["admin index"]
    + [
        f"{model} {page}"
        for model in MODEL_PAGES
        for page in ("list", "add", "change", "delete", "history")
    ]
    + [
        "draft change",
        "draft delete",
        "submitted change",
        "submitted delete",
        "user list",
        "user add",
        "user change",
        "group list",
    ]
)


def _outcome(response):
    if response.status_code == 302 and "/admin/login/" in response["Location"]:
        return LOGIN
    if response.status_code == 403:
        return "denied"
    if response.status_code != 200:
        return f"HTTP {response.status_code}"
    text = response.content.decode()
    if 'name="_save"' in text:
        return "edit"
    if 'value="Publish"' in text:
        return "review"
    return "ok"


def test_the_matrix_covers_every_registered_admin(w):
    from django.contrib import admin

    registered = {
        model._meta.model_name
        for model in admin.site._registry
        if model._meta.app_label in ("resolutions", "workflow")
    }
    assert registered == set(MODEL_PAGES)
    assert set(_admin_pages(w)) == set(ADMIN_PAGE_NAMES)


@pytest.mark.parametrize("page", ADMIN_PAGE_NAMES)
def test_admin_page(w, page):
    url, expected = _admin_pages(w)[page]
    ContentType.objects.clear_cache()
    outcomes = {role: _outcome(_client(w, role).get(url)) for role in ROLES}
    # "view" is how the table reads for a change page; the page itself is a plain 200.
    assert outcomes == {role: "ok" if e == "view" else e for role, e in expected.items()}, page


# --- Admin actions (POSTs) ------------------------------------------------------------------------


def _state(pk):
    return StatusUpdate.objects.get(pk=pk).state


def _resubmit(response, **changes):
    """POST data that saves a rendered change form as it is, plus `changes`."""
    forms = [response.context["adminform"].form]
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms.extend(formset.forms)
        for name in formset.management_form.fields:
            data[formset.management_form.add_prefix(name)] = formset.management_form[name].value()
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = (
                [str(v) for v in value] if isinstance(value, list) else str(value)
            )
    data.update(changes)
    return data


def _step_url(pk, step):
    return reverse("admin:resolutions_statusupdate_step", args=[pk, step])


CHANGELIST = "admin:resolutions_statusupdate_changelist"
REVIEWERS = expect("refused", "refused", "refused", "applied", "applied")
SUBMITTERS = expect("refused", "refused", "applied", "applied", "applied")
AUTHOR_AND_ADMIN = expect("refused", "refused", "applied", "refused", "applied")
ADMINS = expect("refused", "refused", "refused", "refused", "applied")
NONE = expect("refused", "refused", "refused", "refused", "refused")


def _actions(world):
    """{name: (request(client) → response, applied() → bool, expectations)}."""
    draft, submitted, published = world["draft"], world["submitted"], world["published"]
    resolution = Resolution.objects.get(symbol="53/45-POL")
    resolution_url = reverse("admin:resolutions_resolution_change", args=[resolution.pk])

    # The forms as the administrator's change pages render them, rendered in the first test
    # that posts them and kept for the module (two whole change pages, in every test, were
    # most of these tests' time).
    def draft_form():
        return _once(
            world,
            "draft form",
            lambda: _resubmit(
                _client(world, "administrator").get(
                    reverse("admin:resolutions_statusupdate_change", args=[draft.pk])
                ),
                note="Edited draft.",
                _save="Save",
            ),
        )

    def resolution_form():
        return _once(
            world,
            "resolution form",
            lambda: _resubmit(
                _client(world, "administrator").get(resolution_url), title="Renamed", _save="Save"
            ),
        )

    figure = SourcedFigure.objects.first()
    history_record = published.history.first()

    def bulk(step, pk, **data):
        return lambda c: c.post(
            reverse(CHANGELIST),
            {
                "action": f"{step}_selected",
                "_selected_action": [pk],
                "index": 0,
                "apply": 1,
                **data,
            },
        )

    return {
        "publish (button)": (
            lambda c: c.post(
                _step_url(submitted.pk, "publish"),
                {"version": submitted.version, "verification": "verified"},
            ),
            lambda: _state(submitted.pk) == "published",
            REVIEWERS,
        ),
        "publish (bulk action)": (
            bulk("publish", submitted.pk, verification="verified", note="Batch."),
            lambda: _state(submitted.pk) == "published",
            REVIEWERS,
        ),
        "reject (button)": (
            lambda c: c.post(
                _step_url(submitted.pk, "reject"), {"version": submitted.version, "note": "No."}
            ),
            lambda: _state(submitted.pk) == "draft",
            REVIEWERS,
        ),
        "reject (bulk action)": (
            bulk("reject", submitted.pk, note="Not sourced."),
            lambda: _state(submitted.pk) == "draft",
            REVIEWERS,
        ),
        "submit the editor's draft (button)": (
            lambda c: c.post(_step_url(draft.pk, "submit"), {"version": draft.version}),
            lambda: _state(draft.pk) == "submitted",
            SUBMITTERS,
        ),
        "submit the editor's draft (bulk action)": (
            bulk("submit", draft.pk, note="Ready."),
            lambda: _state(draft.pk) == "submitted",
            SUBMITTERS,
        ),
        "edit the editor's draft": (
            lambda c: c.post(
                reverse("admin:resolutions_statusupdate_change", args=[draft.pk]), draft_form()
            ),
            lambda: StatusUpdate.objects.get(pk=draft.pk).note == "Edited draft.",
            AUTHOR_AND_ADMIN,
        ),
        "delete the editor's draft": (
            lambda c: c.post(
                reverse("admin:resolutions_statusupdate_delete", args=[draft.pk]), {"post": "yes"}
            ),
            lambda: not StatusUpdate.objects.filter(pk=draft.pk).exists(),
            AUTHOR_AND_ADMIN,
        ),
        "publish a draft directly": (
            lambda c: c.post(
                _step_url(draft.pk, "publish"),
                {"version": draft.version, "verification": "verified"},
            ),
            lambda: _state(draft.pk) == "published",
            NONE,
        ),
        "edit a published update": (
            lambda c: c.post(
                reverse("admin:resolutions_statusupdate_change", args=[published.pk]),
                {**draft_form(), "action": published.action_id},
            ),
            lambda: StatusUpdate.objects.get(pk=published.pk).note == "Edited draft.",
            NONE,
        ),
        "delete a published update": (
            lambda c: c.post(
                reverse("admin:resolutions_statusupdate_delete", args=[published.pk]),
                {"post": "yes"},
            ),
            lambda: not StatusUpdate.objects.filter(pk=published.pk).exists(),
            NONE,
        ),
        "revert a record from its history": (
            lambda c: c.post(
                reverse(
                    "admin:resolutions_statusupdate_simple_history",
                    args=[published.pk, history_record.pk],
                ),
                {**draft_form(), "action": published.action_id},
            ),
            lambda: StatusUpdate.objects.get(pk=published.pk).note == "Edited draft.",
            NONE,
        ),
        "edit a resolution": (
            lambda c: c.post(resolution_url, resolution_form()),
            lambda: Resolution.objects.get(pk=resolution.pk).title == "Renamed",
            ADMINS,
        ),
        "delete figures (bulk action)": (
            lambda c: c.post(
                reverse("admin:resolutions_sourcedfigure_changelist"),
                {"action": "delete_selected", "_selected_action": [figure.pk], "post": "yes"},
            ),
            lambda: not SourcedFigure.objects.filter(pk=figure.pk).exists(),
            NONE,  # published figures are corrected through review, never deleted (#12)
        ),
    }


ACTION_NAMES = [
    "publish (button)",
    "publish (bulk action)",
    "reject (button)",
    "reject (bulk action)",
    "submit the editor's draft (button)",
    "submit the editor's draft (bulk action)",
    "edit the editor's draft",
    "delete the editor's draft",
    "publish a draft directly",
    "edit a published update",
    "delete a published update",
    "revert a record from its history",
    "edit a resolution",
    "delete figures (bulk action)",
]


def test_every_action_is_in_the_matrix(w):
    assert set(_actions(w)) == set(ACTION_NAMES)


@pytest.mark.parametrize("name", ACTION_NAMES)
def test_admin_action(w, name):
    send, applied, expected = _actions(w)[name]
    outcomes = {}
    for role in ROLES:
        with transaction.atomic():
            response = send(_client(w, role))
            assert response.status_code < 500, (role, response.status_code)
            outcomes[role] = "applied" if applied() else "refused"
            transaction.set_rollback(True)
    assert outcomes == expected, name


def test_an_editor_cannot_publish_anything(w):
    """The headline rule, by every route: buttons, bulk action, and the service."""
    client = _client(w, "editor")
    submitted = w["submitted"]
    client.post(_step_url(submitted.pk, "publish"), {"verification": "verified"})
    client.post(
        reverse(CHANGELIST),
        {
            "action": "publish_selected",
            "_selected_action": [submitted.pk],
            "index": 0,
            "apply": 1,
            "verification": "verified",
        },
    )
    assert _state(submitted.pk) == "submitted"
    assert not StatusUpdate.objects.filter(state="published", author=w["users"]["editor"]).exists()


def test_assignments_limit_the_admins_choices(w):
    """An assigned editor is offered, and may save, only the actions of their assignment."""
    editor = staff.user("editor", username="scoped-editor")
    staff.assign(editor, mandate_type="training")
    client = staff.client_for(EnglishByDefaultClient(), editor)
    found = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "resolutions",
            "model_name": "statusupdate",
            "field_name": "action",
            "term": "",
        },
    ).json()["results"]
    assert [r["text"] for r in found] == [Action.objects.get(key="training").title]
    response = client.post(
        reverse("admin:resolutions_statusupdate_add"),
        {
            "action": w["network"].pk,  # a roster, not a training programme
            "status": "in_progress",
            "as_of": "2020-01-01",
            "note": "Out of scope.",
            "evidence-TOTAL_FORMS": "1",
            "evidence-INITIAL_FORMS": "0",
            "evidence-MIN_NUM_FORMS": "1",
            "evidence-MAX_NUM_FORMS": "1000",
            "evidence-0-url": "https://example.org/x",
        },
    )
    assert response.status_code == 200 and "action" in response.context["adminform"].form.errors
    assert not StatusUpdate.objects.filter(note="Out of scope.").exists()
    occurrence = Action.objects.get(key="contact-group").occurrences.first()
    page = client.get(reverse("admin:resolutions_occurrence_change", args=[occurrence.pk]))
    assert 'name="_save"' not in page.content.decode()  # not their action: read-only


def test_no_role_may_write_the_audit_trail_and_groups_match_the_role_table(w):
    from django.contrib.auth.models import Group, Permission

    from workflow.roles import Role, role_permissions

    available = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Permission.objects.select_related("content_type")
    }
    table = role_permissions(available)
    for group in Group.objects.filter(name__in=Role.values):
        held = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        assert held == table[Role(group.name)], group.name
        assert not [
            p for p in held if "_historical" in p and not p.split(".")[1].startswith("view_")
        ], group.name
    assert "resolutions.publish_statusupdate" not in table[Role.EDITOR]
    assert EditorAssignment._meta.app_label == "workflow"
