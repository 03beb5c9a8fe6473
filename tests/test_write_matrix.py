"""Issue #12, done when: every role × every write path of the editorial workflow, through the
services (the one write path the admin also uses), with self-review refused and the public
numbers unchanged until a second person publishes. Runs on SQLite and PostgreSQL like the rest.

PATHS[path] = (setup, roles allowed): the step succeeds for the allowed roles and does what it
says; every other role gets PermissionDenied (a 403 on the admin's own pages) and nothing
public changes. The write paths: status updates (draft, edit, delete, submit, publish, reject,
verify), occurrences, participations, sourced figures, review records, corrections (of status
updates and of published facts), evidence files (attachments) and the spreadsheet upload."""

from datetime import date

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory

from resolutions.models import (
    Action,
    ActionReview,
    MemberState,
    MemberStateRole,
    Occurrence,
    Participation,
    SourcedFigure,
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


def _upload(action, actor, *, status, submit):
    """A one-row spreadsheet of status updates, applied as drafts (and submitted if `submit`)."""
    row = upload.RawRow(
        number=2,
        cells={
            "action_id": str(action.pk),
            "status": status,
            "as_of": "2020-01-01",
            "note": "From a sheet.",
            "evidence_url": "https://example.org/sheet",
        },
    )
    return lambda: upload.apply(user=actor, rows=[row], submit=submit)


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
            lambda o: (
                lambda: fact_correction_propose(
                    user=actor, fact=o, changes={"place": "X"}, reason="Why."
                )
            )
        )(f.occurrence(a, "2020-01-01")),
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
        lambda a, actor, other: _upload(a, actor, status="in_progress", submit=True),
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


# --- Helpers of the paths added for participations, figures, reviews, attachments ----------

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _pdf_evidence():
    return [{"file": SimpleUploadedFile("evidence.pdf", PDF), "title": "Decree"}]


def _admin_post(user, url, data):
    """POST an admin form as `user`, like a browser: PermissionDenied on a 403; anything but a
    redirect (the form's success) fails the test with the page's errors."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(url, data)
    if response.status_code == 403:
        raise PermissionDenied(url)
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def _published_occurrence(action):
    occurrence = f.occurrence(action, "2020-01-01")
    occurrence.sources.add(f.source())
    return occurrence


def _member_state():
    return MemberState.objects.get_or_create(iso3="TST", defaults={"name": "Testland"})[0]


def _add_participation(actor, occurrence):
    _admin_post(
        actor,
        "/en/admin/resolutions/participation/add/",
        {
            "occurrence": occurrence.pk,
            "member_state": _member_state().pk,
            "role": "participant",
            "source": f.source().pk,
            "note": "",
        },
    )
    made = Participation.all_objects.get(occurrence=occurrence)
    assert (made.state, made.author) == ("draft", actor)  # a draft by its recorder, not public
    assert not Participation.objects.filter(pk=made.pk).exists()


def _add_figure(actor, action):
    _admin_post(
        actor,
        "/en/admin/resolutions/sourcedfigure/add/",
        {
            "action": action.pk,
            "label": "States taking part",
            "value": 12,
            "as_of": "2020-01-01",
            "source": f.source().pk,
            "quote": "",
        },
    )
    made = SourcedFigure.all_objects.get(action=action)
    assert (made.state, made.author) == ("draft", actor)
    assert not SourcedFigure.objects.filter(pk=made.pk).exists()


def _participation(action, author, submitted=True):
    record = Participation.all_objects.create(
        occurrence=_published_occurrence(action),
        member_state=_member_state(),
        source=f.source(),
        state="draft",
        author=author,
    )
    if submitted:
        fact_services.fact_submit(user=author, record=record)
    return record


def _figure(action, author):
    record = SourcedFigure.all_objects.create(
        action=action,
        label="States taking part",
        value=12,
        as_of=date(2020, 1, 1),
        source=f.source(),
        state="draft",
        author=author,
    )
    fact_services.fact_submit(user=author, record=record)
    return record


def _review_draft(action, author):
    return rs.action_review_draft_create(
        user=author,
        action=action,
        reviewed_on=date(2024, 3, 1),
        note="No change.",
        evidence=EVIDENCE,
    )


def _published(record_id, model):
    manager = getattr(model, "all_objects", model.objects)  # review records have no other
    return manager.filter(pk=record_id, state="published").exists()


def _publishes(step, record, model=None):
    """The step, then a check that it published `record`."""

    def run():
        step()
        if model is None:
            assert StatusUpdate.objects.public().filter(pk=record.pk).exists()
        else:
            assert _published(record.pk, model)

    return run


def _attach_file(actor, update):
    services.status_update_draft_edit(
        user=actor, update=update, version=update.version, evidence=_pdf_evidence()
    )
    piece = StatusUpdate.objects.get(pk=update.pk).evidence.get()
    assert piece.file_type == "pdf" and len(piece.file_sha256) == 64


def _correction_of_update(action, author):
    corrected = f.update(action, "completed", "2020-01-01")
    correction = _draft(action, author, corrects=corrected)
    services.status_update_submit(user=author, update=correction)
    return corrected, correction


def _publish_correction(actor, corrected, correction):
    def run():
        services.status_update_publish(user=actor, update=correction, verification="verified")
        assert StatusUpdate.objects.get(pk=corrected.pk).superseded_by_id == correction.pk

    return run


MORE_PATHS = {
    # Status updates: the steps not above.
    "edit one's own draft": (
        lambda a, actor, other: (
            lambda u: (
                lambda: services.status_update_draft_edit(
                    user=actor, update=u, version=u.version, note="Edited."
                )
            )
        )(_draft(a, actor)),
        DRAFTERS,
    ),
    "edit someone else's draft": (
        lambda a, actor, other: (
            lambda u: (
                lambda: services.status_update_draft_edit(
                    user=actor, update=u, version=u.version, note="Edited."
                )
            )
        )(_draft(a, other)),
        {"administrator"},
    ),
    "delete someone else's draft": (
        lambda a, actor, other: (
            lambda u: lambda: services.status_update_draft_delete(user=actor, update=u)
        )(_draft(a, other)),
        {"administrator"},
    ),
    "reject someone else's update": (
        lambda a, actor, other: (
            lambda u: lambda: services.status_update_reject(user=actor, update=u, reason="Why?")
        )(_submitted_by(a, other)),
        REVIEWERS,
    ),
    "verify one's own reported update": (
        lambda a, actor, other: (
            lambda u: lambda: services.status_update_verify(user=actor, update=u)
        )(f.update(a, "in_progress", "2020-01-01", verification="reported", author=actor)),
        set(),
    ),
    # Corrections of status updates: published by a second person only.
    "publish a correction of an update someone else drafted": (
        lambda a, actor, other: _publish_correction(actor, *_correction_of_update(a, other)),
        REVIEWERS,
    ),
    "publish one's own correction of an update": (
        lambda a, actor, other: _publish_correction(actor, *_correction_of_update(a, actor)),
        set(),
    ),
    # Occurrences: reject.
    "reject someone else's occurrence": (
        lambda a, actor, other: (
            lambda o: lambda: fact_services.fact_reject(user=actor, record=o, reason="Source?")
        )(_occurrence(a, other)),
        REVIEWERS,
    ),
    # Participations.
    "record a participation (admin form)": (
        lambda a, actor, other: (lambda o: lambda: _add_participation(actor, o))(
            _published_occurrence(a)
        ),
        DRAFTERS,
    ),
    "publish someone else's participation": (
        lambda a, actor, other: (
            lambda p: _publishes(
                lambda: fact_services.fact_publish(user=actor, record=p), p, Participation
            )
        )(_participation(a, other)),
        REVIEWERS,
    ),
    "publish one's own participation": (
        lambda a, actor, other: (
            lambda p: lambda: fact_services.fact_publish(user=actor, record=p)
        )(_participation(a, actor)),
        set(),
    ),
    "change a published participation (admin form)": (
        lambda a, actor, other: (
            lambda p: (
                lambda: _admin_post(
                    actor,
                    f"/en/admin/resolutions/participation/{p.pk}/change/",
                    {
                        "occurrence": p.occurrence_id,
                        "member_state": p.member_state_id,
                        "role": "chair",
                        "source": p.source_id,
                        "note": "Changed in place.",
                    },
                )
            )
        )(
            Participation.objects.create(
                occurrence=_published_occurrence(a), member_state=_member_state(), source=f.source()
            )
        ),
        set(),  # corrected through review, never edited in place
    ),
    # Sourced figures: recorded by Administrators, published by a second person.
    "record a sourced figure (admin form)": (
        lambda a, actor, other: lambda: _add_figure(actor, a),
        {"administrator"},
    ),
    "publish a figure someone else recorded": (
        lambda a, actor, other: (
            lambda r: _publishes(
                lambda: fact_services.fact_publish(user=actor, record=r), r, SourcedFigure
            )
        )(_figure(a, staff.user("administrator"))),  # only Administrators record figures
        REVIEWERS,
    ),
    "publish one's own figure": (
        lambda a, actor, other: (
            lambda r: lambda: fact_services.fact_publish(user=actor, record=r)
        )(_figure(a, actor)),
        set(),
    ),
    # Review records ("reviewed, no change").
    "draft a review record": (
        lambda a, actor, other: lambda: _review_draft(a, actor),
        DRAFTERS,
    ),
    "submit someone else's review record": (
        lambda a, actor, other: (lambda r: lambda: rs.action_review_submit(user=actor, review=r))(
            _review_draft(a, other)
        ),
        REVIEWERS,
    ),
    "publish someone else's review record": (
        lambda a, actor, other: (
            lambda r: _publishes(
                lambda: rs.action_review_publish(user=actor, review=r, verification="verified"),
                r,
                ActionReview,
            )
        )(_review(a, other)),
        REVIEWERS,
    ),
    "reject someone else's review record": (
        lambda a, actor, other: (
            lambda r: lambda: rs.action_review_reject(user=actor, review=r, reason="Which source?")
        )(_review(a, other)),
        REVIEWERS,
    ),
    "draft 'reviewed, no change' for many actions": (
        lambda a, actor, other: (
            lambda: rs.action_reviews_bulk_draft(
                user=actor,
                actions=[a, f.action(a.resolution)],
                reviewed_on=date(2024, 3, 1),
                note="No change.",
                evidence=EVIDENCE,
            )
        ),
        DRAFTERS,
    ),
    # Attachments: an evidence file goes on a draft, by whoever may edit the draft.
    "attach a file to a new draft": (
        lambda a, actor, other: (
            lambda: services.status_update_draft_create(
                user=actor,
                action=a,
                status="in_progress",
                as_of=date(2020, 1, 1),
                note="With a file.",
                evidence=_pdf_evidence(),
            )
        ),
        DRAFTERS,
    ),
    "attach a file to one's own draft": (
        lambda a, actor, other: (lambda u: lambda: _attach_file(actor, u))(_draft(a, actor)),
        DRAFTERS,
    ),
    "attach a file to someone else's draft": (
        lambda a, actor, other: (lambda u: lambda: _attach_file(actor, u))(_draft(a, other)),
        {"administrator"},
    ),
    "attach a file to a submitted update": (
        lambda a, actor, other: (lambda u: lambda: _attach_file(actor, u))(_submitted_by(a, actor)),
        set(),  # submitted and published updates are never edited
    ),
    # The spreadsheet upload, saved as drafts without submitting.
    "upload a spreadsheet of status updates (kept as drafts)": (
        lambda a, actor, other: _upload(a, actor, status="completed", submit=False),
        DRAFTERS,
    ),
}


def _public_state(action):
    """Everything of `action` the public can see move: its status and progress, and how many
    published updates, occurrences, participations, figures and review records it has."""
    row = Action.objects.with_status(date(2030, 1, 1)).get(pk=action.pk)
    return (
        row.current_status,
        StatusUpdate.objects.public().filter(action=action).count(),
        Occurrence.objects.filter(action=action).count(),
        Participation.objects.filter(occurrence__action=action).count(),
        SourcedFigure.objects.filter(action=action).count(),
        ActionReview.objects.public().filter(action=action).count(),
    )


ALL_PATHS = {**PATHS, **MORE_PATHS}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", list(ALL_PATHS))
def test_every_role_on_every_write_path(role, path):
    action = f.action(f.resolution(adopted_on=date(2018, 5, 5)), mandate_type="recurring_event")
    actor, other = staff.user(role), staff.user("editor")
    setup, allowed = ALL_PATHS[path]
    try:
        step = setup(action, actor, other)
    except PermissionDenied:
        # The role cannot even create the record the step needs (e.g. a Viewer's own draft).
        assert role not in allowed
        return
    public_before = _public_state(action)
    if role in allowed:
        step()
    else:
        with pytest.raises(PermissionDenied):
            step()
        assert _public_state(action) == public_before  # nothing public moved


def test_the_matrix_covers_every_role_and_kind_of_write():
    """The matrix's own check: each write path named by issue #12 has paths, and each path
    is allowed to some roles and refused to others, or refused to all (four eyes)."""
    names = " ".join(ALL_PATHS)
    for kind in (
        "status update",
        "occurrence",
        "participation",
        "figure",
        "review record",
        "correction",
        "file",
        "spreadsheet",
    ):
        assert kind in names, kind
    assert all(allowed <= set(ROLES) for _setup, allowed in ALL_PATHS.values())
    refused_to_all = [name for name, (_setup, allowed) in ALL_PATHS.items() if not allowed]
    for own in ("update", "occurrence", "participation", "figure", "review record", "correction"):
        assert any(own in name and "one's own" in name for name in refused_to_all), own


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


def test_facts_reviews_and_corrections_are_public_only_once_a_second_person_publishes():
    action = f.action(f.resolution(adopted_on=date(2018, 5, 5)))
    f.update(action, "completed", "2020-01-01")
    editor, reviewer = staff.user("editor"), staff.user("reviewer")
    administrator = staff.user("administrator")

    def public():
        row = Action.objects.with_status(date(2024, 6, 1)).get(pk=action.pk)
        return {
            "status": row.current_status,
            "stale": row.is_stale,
            "participations": Participation.objects.filter(occurrence__action=action).count(),
            "figures": SourcedFigure.objects.filter(action=action).count(),
        }

    before = public()
    assert before == {"status": "completed", "stale": True, "participations": 0, "figures": 0}
    participation = _participation(action, editor)
    figure = _figure(action, administrator)
    review = _review(action, editor)
    _corrected, correction = _correction_of_update(action, editor)
    # Drafted and submitted by their authors: nothing public has moved.
    assert public() == before
    # Their authors cannot publish them (the administrator recorded the figure).
    for step in (
        lambda: fact_services.fact_publish(user=administrator, record=figure),
        lambda: services.status_update_publish(
            user=editor, update=correction, verification="verified"
        ),
    ):
        with pytest.raises(PermissionDenied):
            step()
    assert public() == before
    # A second person publishes each: now the public sees them.
    fact_services.fact_publish(user=reviewer, record=participation)
    fact_services.fact_publish(user=reviewer, record=figure)
    rs.action_review_publish(user=reviewer, review=review, verification="verified")
    services.status_update_publish(user=reviewer, update=correction, verification="verified")
    assert public() == {"status": "in_progress", "stale": False, "participations": 1, "figures": 1}
