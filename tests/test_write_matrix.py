"""Issue #12, done when: every role × every write path of the editorial workflow, through the
services (the one write path the admin also uses), with self-review refused and the public
numbers unchanged until a second person publishes. Runs on SQLite and PostgreSQL like the rest.

ALLOWED[path] is the set of roles for which the step succeeds; every other role gets
PermissionDenied and nothing changes."""

from datetime import date

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from resolutions.models import (
    Action,
    MemberState,
    MemberStateRole,
    Occurrence,
    SourceDocument,
    StatusUpdate,
)
from tests import factories as f
from tests import staff
from workflow import fact_services, services, upload
from workflow import review_services as rs
from workflow.fact_corrections import fact_correction_propose

pytestmark = pytest.mark.django_db

ROLES = ("viewer", "editor", "reviewer", "administrator")
EVIDENCE = [{"url": "https://example.org/e"}]
DRAFTERS = {"editor", "reviewer", "administrator"}
REVIEWERS = {"reviewer", "administrator"}


def _draft(action, user, **kw):
    return services.status_update_draft_create(
        user=user,
        action=action,
        status="in_progress",
        as_of=date(2020, 1, 1),
        note="Drafted.",
        evidence=EVIDENCE,
        **kw,
    )


def _submitted_by(action, author):
    update = _draft(action, author)
    services.status_update_submit(user=author, update=update)
    return update


def _occurrence(action, author, submitted=True):
    occurrence = services.occurrence_create(
        user=author, action=action, kind="meeting", title="A meeting", start_date=date(2020, 1, 1)
    )
    occurrence.sources.add(f.source())
    if submitted:
        fact_services.fact_submit(user=author, record=occurrence)
    return occurrence


def _correction(action, author):
    correction = fact_correction_propose(
        user=author,
        fact=f.occurrence(action, "2020-01-01"),
        changes={"place": "Corrected"},
        reason="The source says so.",
    )
    fact_services.fact_submit(user=author, record=correction)
    return correction


def _role(action, author):
    role = MemberStateRole.all_objects.create(
        member_state=MemberState.objects.get_or_create(iso3="TST", name="Testland")[0],
        action=action,
        role="member",
        source=f.source(),
        state="draft",
        author=author,
    )
    fact_services.fact_submit(user=author, record=role)
    return role


def _review(action, author):
    review = rs.action_review_draft_create(
        user=author,
        action=action,
        reviewed_on=date(2024, 3, 1),
        note="No change.",
        evidence=EVIDENCE,
    )
    rs.action_review_submit(user=author, review=review)
    return review


def _admin_save(user, record, **changes):
    """Save changed fields as the record's admin change form does (its save_model): the
    write path of occurrences, participations and figures edited by hand."""
    for name, value in changes.items():
        setattr(record, name, value)
    request = RequestFactory().post("/")
    request.user = user
    site._registry[type(record)].save_model(request, record, form=None, change=True)


# path: (setup(action, actor, other) -> step(), roles allowed)
# `other` is an Editor who wrote the record; `actor` is the user in the role under test.
PATHS = {
    "draft a status update": (lambda a, actor, other: lambda: _draft(a, actor), DRAFTERS),
    "submit one's own draft": (
        lambda a, actor, other: (
            lambda u: lambda: services.status_update_submit(user=actor, update=u)
        )(_draft(a, actor)),
        DRAFTERS,
    ),
    "submit someone else's draft": (
        lambda a, actor, other: (
            lambda u: lambda: services.status_update_submit(user=actor, update=u)
        )(_draft(a, other)),
        REVIEWERS,
    ),
    "publish someone else's update": (
        lambda a, actor, other: (
            lambda u: (
                lambda: services.status_update_publish(
                    user=actor, update=u, verification="verified"
                )
            )
        )(_submitted_by(a, other)),
        REVIEWERS,
    ),
    "publish one's own update": (
        lambda a, actor, other: (
            lambda u: (
                lambda: services.status_update_publish(
                    user=actor, update=u, verification="verified"
                )
            )
        )(_submitted_by(a, actor)),
        set(),
    ),
    "verify someone else's reported update": (
        lambda a, actor, other: (
            lambda u: lambda: services.status_update_verify(user=actor, update=u)
        )(f.update(a, "in_progress", "2020-01-01", verification="reported", author=other)),
        REVIEWERS,
    ),
    "draft a correction": (
        lambda a, actor, other: (lambda u: lambda: _draft(a, actor, corrects=u))(
            f.update(a, "completed", "2020-01-01")
        ),
        DRAFTERS,
    ),
    "record an occurrence (draft)": (
        lambda a, actor, other: lambda: _occurrence(a, actor, submitted=False),
        DRAFTERS,
    ),
    "publish someone else's occurrence": (
        lambda a, actor, other: (
            lambda o: lambda: fact_services.fact_publish(user=actor, record=o)
        )(_occurrence(a, other)),
        REVIEWERS,
    ),
    "publish one's own occurrence": (
        lambda a, actor, other: (
            lambda o: lambda: fact_services.fact_publish(user=actor, record=o)
        )(_occurrence(a, actor)),
        set(),
    ),
    "change a published (data-file) occurrence": (
        lambda a, actor, other: (lambda o: lambda: _admin_save(actor, o, title="Renamed"))(
            f.occurrence(a, "2020-01-01")
        ),
        set(),  # nobody edits a published fact in place; it is corrected through review
    ),
    "propose a correction of a published occurrence": (
        lambda a, actor, other: (
            lambda: fact_correction_propose(
                user=actor,
                fact=f.occurrence(a, "2020-01-01"),
                changes={"place": "X"},
                reason="Why.",
            )
        ),
        DRAFTERS,
    ),
    "publish a correction another person proposed": (
        lambda a, actor, other: (
            lambda c: lambda: fact_services.fact_publish(user=actor, record=c)
        )(_correction(a, other)),
        REVIEWERS,
    ),
    "publish one's own correction": (
        lambda a, actor, other: (
            lambda c: lambda: fact_services.fact_publish(user=actor, record=c)
        )(_correction(a, actor)),
        set(),
    ),
    "publish a Member State role another person recorded": (
        lambda a, actor, other: (
            lambda r: lambda: fact_services.fact_publish(user=actor, record=r)
        )(_role(a, other)),
        REVIEWERS,
    ),
    "publish one's own Member State role": (
        lambda a, actor, other: (
            lambda r: lambda: fact_services.fact_publish(user=actor, record=r)
        )(_role(a, actor)),
        set(),
    ),
    "upload a spreadsheet of status updates (drafts)": (
        lambda a, actor, other: (
            lambda: upload.apply(
                user=actor,
                rows=[
                    upload.RawRow(
                        number=2,
                        cells={
                            "action_id": str(a.pk),
                            "status": "in_progress",
                            "as_of": "2020-01-01",
                            "note": "From a sheet.",
                            "evidence_url": "https://example.org/sheet",
                        },
                    )
                ],
                submit=True,
            )
        ),
        DRAFTERS,
    ),
    "publish one's own review record": (
        lambda a, actor, other: (
            lambda r: (
                lambda: rs.action_review_publish(user=actor, review=r, verification="verified")
            )
        )(_review(a, actor)),
        set(),
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", list(PATHS))
def test_every_role_on_every_write_path(role, path):
    action = f.action(f.resolution(adopted_on=date(2018, 5, 5)), mandate_type="recurring_event")
    actor, other = staff.user(role), staff.user("editor")
    setup, allowed = PATHS[path]
    try:
        step = setup(action, actor, other)
    except PermissionDenied:
        # The role cannot even create the record the step needs (e.g. a Viewer's own draft).
        assert role not in allowed
        return
    public_before = Action.objects.with_status(date(2030, 1, 1)).get(pk=action.pk).current_status
    if role in allowed:
        step()
    else:
        with pytest.raises(PermissionDenied):
            step()
        after = Action.objects.with_status(date(2030, 1, 1)).get(pk=action.pk).current_status
        assert after == public_before  # nothing public moved


def test_public_numbers_move_only_when_a_second_person_publishes():
    action = f.action(f.resolution(adopted_on=date(2018, 5, 5)), mandate_type="recurring_event")
    editor, reviewer = staff.user("editor"), staff.user("reviewer")

    def status():
        return Action.objects.with_status(date(2020, 6, 1)).get(pk=action.pk).current_status

    # #11: adopted 5 May 2018, its first occurrence fell due in May 2019 with none public:
    # "no occurrence recorded" (it read "not yet assessed" before the rules of #11).
    assert status() == "no_occurrence"
    occurrence = _occurrence(action, editor)
    update = _submitted_by(action, editor)
    assert status() == "no_occurrence"
    assert not Occurrence.objects.filter(pk=occurrence.pk).exists()
    assert not StatusUpdate.objects.public().filter(pk=update.pk).exists()
    fact_services.fact_publish(user=reviewer, record=occurrence)
    assert status() == "ongoing"
    assert SourceDocument.objects.exists()
