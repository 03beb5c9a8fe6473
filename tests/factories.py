"""Small builders for tests that need data shaped differently from 53/45-POL."""

from datetime import date
from itertools import count

from resolutions.models import (
    Action,
    ActionParagraph,
    Occurrence,
    Paragraph,
    Resolution,
    SourceDocument,
)
from workflow.services import status_update_create

_seq = count(1)


def source(**kw):
    n = next(_seq)
    kw.setdefault("key", f"src-{n}")
    kw.setdefault("title", f"Source {n}")
    kw.setdefault("url", f"https://example.org/{n}")
    return SourceDocument.objects.create(**kw)


def resolution(**kw):
    n = next(_seq)
    kw.setdefault("symbol", f"{n}/99-TST")
    kw.setdefault("slug", f"{n}-99-tst")
    kw.setdefault("title", f"Test resolution {n}")
    kw.setdefault("adopting_body", "Test Council")
    kw.setdefault("session", "99th session")
    return Resolution.objects.create(**kw)


def paragraph(res, number, **kw):
    kw.setdefault("kind", "operative")
    kw.setdefault("order", res.paragraphs.count() + 1)
    # Vocabulary codes, as data files give them (the fields are foreign keys on the code).
    for field in ("operative_verb", "addressee"):
        if isinstance(kw.get(field), str):
            kw[f"{field}_id"] = kw.pop(field) or None
    return Paragraph.objects.create(resolution=res, number=str(number), **kw)


def action(res, *paragraphs, **kw):
    n = next(_seq)
    kw.setdefault("key", f"action-{n}")
    kw.setdefault("title", f"Action {n}")
    code = kw.pop("mandate_type", "establish_body")  # a code of the vocabulary
    if code == "recurring_event":
        kw.setdefault("recurrence", "annual")
    a = Action.objects.create(resolution=res, mandate_type_id=code, **kw)
    for p in paragraphs:
        ActionParagraph.objects.create(action=a, paragraph=p)
    return a


def update(
    a,
    status,
    as_of,
    progress=None,
    note="Assessed.",
    evidence_source=None,
    state="published",
    verification="verified",
    author=None,
):
    """A status update through the trusted service: published (verified) unless `state` says
    otherwise, so that it counts on public pages like a data-file update."""
    return status_update_create(
        action=a,
        status=status,
        progress=progress,
        as_of=date.fromisoformat(as_of) if isinstance(as_of, str) else as_of,
        note=note,
        author=author,
        author_name="Test officer",
        evidence=[{"source": evidence_source or source()}],
        state=state,
        verification=verification,
    )


def occurrence(a, start, **kw):
    n = next(_seq)
    kw.setdefault("kind", "conference")
    kw.setdefault("title", f"Occurrence {n}")
    kw.setdefault("key", f"occ-{n}")
    return Occurrence.objects.create(
        action=a, start_date=date.fromisoformat(start) if isinstance(start, str) else start, **kw
    )


def corrected_update(*, verification="verified"):
    """An update wrongly saying "completed" (1 Jan 2020), corrected by an update dated 1 Dec 2019
    that an editor drafted and submitted and a reviewer published (four eyes). Returns
    (resolution, action, wrong, fix)."""
    from workflow import services

    from . import staff

    resolution_ = resolution(adopted_on=date(2018, 5, 5))
    action_ = action(resolution_, paragraph(resolution_, "1"))
    wrong = update(action_, "completed", "2020-01-01", note="Wrongly completed.")
    editor, reviewer = staff.user("editor"), staff.user("reviewer")
    fix = services.status_update_draft_create(
        user=editor,
        action=action_,
        status="in_progress",
        as_of=date(2019, 12, 1),
        note="Corrected: the body was not yet constituted.",
        evidence=[{"url": "https://example.org/correction"}],
        corrects=wrong,
    )
    services.status_update_submit(user=editor, update=fix)
    services.status_update_publish(user=reviewer, update=fix, verification=verification)
    return resolution_, action_, wrong, fix
