"""The secretariat admin's pages hold their query budgets (tests/test_admin.py: BUDGETS) with
about ten times the real data, and show the extra rows.

Building the extra data (status updates through the service, with their projections and the
chart's stored steps, re-derived once after the last write: projection.deferred)
is the costly part: it is built once for this module, in a transaction
rolled back after its last test; each test still runs in its own savepoint, so what one test
writes never reaches the next. A module of its own because every test in it sees the grown
data (tests/conftest.py: ONE_WORKER_MODULES sends it whole to one worker).
"""

from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse

from resolutions.models import (
    Action,
    ActionParagraph,
    Actor,
    Evidence,
    MemberState,
    MemberStateRole,
    Occurrence,
    Paragraph,
    Participation,
    Resolution,
    SourcedFigure,
    SourceDocument,
    TextTranslation,
)
from resolutions.models.translations import TRANSLATABLE_FIELDS
from tests.test_admin import BUDGETS, _action, _assert_within_budgets, _missing_cells, _pages
from workflow.services import status_update_create


@pytest.fixture(scope="module")
def ten_times(django_db_setup, django_db_blocker):
    """The real data plus about ten times as much (_add_ten_times_the_data), among it
    translations on 60 actions and on the contact group."""
    from resolutions.rollup import projection
    from tests.conftest import ensure_seed_data

    with django_db_blocker.unblock(), transaction.atomic():
        seeded = ensure_seed_data()
        with projection.deferred():
            _add_ten_times_the_data()
        yield seeded
        transaction.set_rollback(True)


def test_query_budget_holds_with_ten_times_the_data(
    admin_client, ten_times, django_assert_max_num_queries
):
    _assert_within_budgets(admin_client, django_assert_max_num_queries)

    # The budgets were met with the extra rows on the pages, not by leaving them out.
    pages = _pages()
    assert "Extra action 59" in admin_client.get(pages["action list"]).text
    action_page = admin_client.get(pages["action change"]).text
    for text in (
        "Meeting 29",
        "Figure 29",
        "Re-confirmed 29",
        "selected>53/45-POL para. 129</option>",
        "selected>Yemen</option>",
        "selected>Extra source 19</option>",
    ):
        assert text in action_page, text
    assert "Extra paragraph 39" in admin_client.get(pages["resolution change"]).text
    assert "p. 29" in admin_client.get(pages["statusupdate change"]).text
    # A published occurrence opens read-only (#12): its participations are listed as text.
    assert "Yemen" in admin_client.get(pages["occurrence change"]).text


def test_missing_languages_column_costs_no_query(
    admin_client, ten_times, django_assert_max_num_queries, monkeypatch
):
    """The column reads EXISTS annotations of the rows' own query: with or without it, and
    with many translations, the changelist runs the same queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from resolutions.admin.mandated_actions import ActionAdmin

    url = reverse("admin:resolutions_action_changelist")

    def count():
        ContentType.objects.clear_cache()
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(url)
        return len(queries), response

    with django_assert_max_num_queries(BUDGETS["action list"]):
        with_column, response = count()
    cells = {a.key: c for a, c in _missing_cells(response).items()}
    assert cells["extra-0"] == "ar" and cells["contact-group"] == "—"
    monkeypatch.setattr(
        ActionAdmin,
        "list_display",
        tuple(c for c in ActionAdmin.list_display if c != "missing_translations"),
    )
    without_column, _ = count()
    assert with_column == without_column


def _add_ten_times_the_data():
    """About ten times the real data, much of it on the objects whose change pages are tested,
    so that their inlines grow as well as the changelists."""
    resolution = Resolution.objects.get(symbol="53/45-POL")
    contact_group = _action("contact-group")
    sources = [
        SourceDocument.objects.create(
            key=f"extra-{i}", title=f"Extra source {i}", url=f"https://example.org/{i}"
        )
        for i in range(20)
    ]
    paragraphs = [
        Paragraph.objects.create(
            resolution=resolution,
            number=str(100 + i),
            order=100 + i,
            kind="operative",
            operative_verb="requests",
            addressee="secretary_general",
            summary=f"Extra paragraph {i}",
            text=f"Extra paragraph {i}",
            text_provenance="paraphrase",
            text_source=sources[i % 20],
        )
        for i in range(40)
    ]
    states = list(MemberState.objects.order_by("iso3"))
    actors = [Actor.objects.create(name=f"Extra actor {i}", kind="oic_organ") for i in range(20)]
    for i in range(60):
        action = Action.objects.create(
            resolution=resolution,
            key=f"extra-{i}",
            title=f"Extra action {i}",
            mandate_type="training",
            mandate_source=sources[i % 20],
        )
        action.responsible_actors.set(actors[i % 19 : i % 19 + 2])
        ActionParagraph.objects.create(action=action, paragraph=paragraphs[i % 40])
        occurrences = [
            Occurrence.objects.create(
                action=action,
                kind="training",
                title=f"Session {i}.{j}",
                start_date=date(2019, 1, 1 + j),
            )
            for j in range(2)
        ]
        for j in range(2):
            status_update_create(
                action=action,
                status="in_progress",
                progress=10 * j,
                as_of=date(2019, 2, 1 + j),
                note=f"Extra update {i}.{j}",
                author=None,
                author_name="Scale test",
                evidence=[{"source": sources[j]}, {"occurrence": occurrences[j]}],
            )
        MemberStateRole.objects.create(
            action=action, member_state=states[i % 57], role="member", source=sources[0]
        )
        SourcedFigure.objects.create(
            action=action, label="Trainees", value=i, as_of=date(2019, 1, 1), source=sources[1]
        )
        Participation.objects.create(
            occurrence=occurrences[0], member_state=states[i % 57], source=sources[2]
        )

    for i, action in enumerate(Action.objects.filter(key__startswith="extra-")):
        TextTranslation.objects.create(
            record=action,
            field="title",
            language="fr",
            text=f"Action supplémentaire {i}",
            provenance="verbatim",
            source=sources[i % 20],
        )
    contact_group.translations.all().delete()  # the data file's own, replaced by these
    fields = [f for f in TRANSLATABLE_FIELDS["action"] if getattr(contact_group, f)]
    for i, (field, language) in enumerate(
        (field, language) for field in fields for language in ("fr", "ar")
    ):
        TextTranslation.objects.create(
            record=contact_group,
            field=field,
            language=language,
            text=f"Traduction {i}",
            provenance="verbatim",
            source=sources[i],
        )
    for i, paragraph in enumerate(paragraphs[:30]):
        ActionParagraph.objects.create(action=contact_group, paragraph=paragraph)
        Occurrence.objects.create(
            action=contact_group,
            kind="meeting",
            title=f"Meeting {i}",
            start_date=date(2020, 1, 1) + timedelta(days=i),
        )
        SourcedFigure.objects.create(
            action=contact_group,
            label=f"Figure {i}",
            value=i,
            as_of=date(2020, 1, 1),
            source=sources[i % 20],
        )
        status_update_create(
            action=contact_group,
            status="completed",
            as_of=date(2019, 1, 1) + timedelta(days=i),
            note=f"Re-confirmed {i}",
            author=None,
            author_name="Scale test",
            evidence=[{"source": sources[i % 20]}, {"url": f"https://example.org/e/{i}"}],
        )
    meeting = contact_group.occurrences.get(key="meeting-2018-09-24")
    for state in states[-30:]:  # ends with Yemen; TUR, SAU and GMB already have roles
        if state.iso3 not in {"TUR", "SAU", "GMB"}:
            MemberStateRole.objects.create(
                action=contact_group, member_state=state, role="member", source=sources[3]
            )
        if state.iso3 != "TUR":
            Participation.objects.create(occurrence=meeting, member_state=state, source=sources[4])
    update = contact_group.status_updates.get(import_key="seed-2018-11-29")
    for i in range(30):
        Evidence.objects.create(status_update=update, source=sources[i % 20], locator=f"p. {i}")
