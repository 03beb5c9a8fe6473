"""The synthetic-data generator: deterministic, clearly marked, and invisible on public pages
unless SHOW_SYNTHETIC_RESOLUTIONS allows it. Small scales only. (The shape of what it generates:
tests/test_generator_shapes.py.)"""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from resolutions.models import (
    Action,
    Evidence,
    MemberStateRole,
    Occurrence,
    Paragraph,
    Participation,
    Resolution,
    SourceDocument,
    StatusUpdate,
)
from synthetic.generator import Params, delete_synthetic, fingerprint, generate

# The pages compared before and after generating print today's date: steady_clock keeps it.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("steady_clock")]


def test_same_seed_gives_the_same_data_and_another_seed_does_not():
    generate(Params(3, 6, 3, seed=5))
    first = fingerprint()
    delete_synthetic()
    assert fingerprint() != first  # nothing left
    generate(Params(3, 6, 3, seed=5))
    assert fingerprint() == first
    delete_synthetic()
    generate(Params(3, 6, 3, seed=6))
    assert fingerprint() != first


def _card(page, symbol):
    """The dashboard section of one resolution."""
    chunks = re.split(r'(?=<section class="card)', page)[1:]
    sections = [c.split('<section class="recent"')[0] for c in chunks]
    return [s for s in sections if f"<bdi>{symbol}</bdi> — " in s]


def test_real_pages_are_unaffected_and_synthetic_data_is_hidden(client, seeded, settings):
    real_actions = Action.objects.filter(resolution=seeded).count()
    real_updates = StatusUpdate.objects.filter(action__resolution=seeded).count()
    before = client.get("/en/").content.decode()
    past_before = client.get("/en/?as_of=2018-11-29").content.decode()
    page_before = client.get(f"/en/resolutions/{seeded.slug}/").content.decode()

    generate(Params(4, 10, 3, seed=2))
    after = client.get("/en/").content.decode()
    assert _card(after, "53/45-POL") == _card(before, "53/45-POL")
    assert "14.3%" in _card(after, "53/45-POL")[0]
    past_after = client.get("/en/?as_of=2018-11-29").content.decode()
    assert _card(past_after, "53/45-POL") == _card(past_before, "53/45-POL")
    assert "28.6%" in _card(past_after, "53/45-POL")[0]
    assert client.get(f"/en/resolutions/{seeded.slug}/").content.decode() == page_before
    assert not _card(after, "SYN-0001/99-POL")
    assert client.get("/en/resolutions/syn-0001-99-pol/").status_code == 404
    assert Action.objects.filter(resolution=seeded).count() == real_actions
    assert StatusUpdate.objects.filter(action__resolution=seeded).count() == real_updates

    settings.SHOW_SYNTHETIC_RESOLUTIONS = True
    shown = client.get("/en/").content.decode()
    assert _card(shown, "SYN-0001/99-POL") and _card(shown, "53/45-POL")
    assert client.get("/en/resolutions/syn-0001-99-pol/").status_code == 200


def test_no_public_page_shows_synthetic_rows_unless_allowed(client, seeded, settings):
    generate(Params(2, 4, 3, seed=2))
    action = Action.objects.filter(resolution__symbol="SYN-0001/99-POL").first()
    paragraph = Paragraph.objects.filter(resolution__symbol="SYN-0001/99-POL").first()
    urls = [
        f"/en/actions/{action.pk}/",
        f"/en/resolutions/syn-0001-99-pol/paragraphs/{paragraph.number}/",
    ]
    assert "[Synthetic]" not in client.get("/en/").content.decode()  # incl. latest updates
    for url in urls:
        assert client.get(url).status_code == 404
    settings.SHOW_SYNTHETIC_RESOLUTIONS = True
    for url in urls:
        assert client.get(url).status_code == 200


def test_replace_deletes_only_synthetic_rows_and_reruns_are_refused(seeded):
    out = StringIO()
    call_command(
        "generate_demo_data", "--scale", "small", "--seed", "3", "--fingerprint", stdout=out
    )
    assert "Generated 3 synthetic resolutions (seed 3)" in out.getvalue()
    printed = re.search(r"Fingerprint: (\w+)", out.getvalue()).group(1)
    assert printed == fingerprint()
    with pytest.raises(CommandError, match="--replace"):
        call_command("generate_demo_data", "--scale", "small", stdout=StringIO())
    real = {
        model: model.objects.count() - model.objects.filter(**{lookup: True}).count()
        for model, lookup in [
            (Action, "resolution__is_synthetic"),
            (StatusUpdate, "action__resolution__is_synthetic"),
            (Evidence, "status_update__action__resolution__is_synthetic"),
            (Occurrence, "action__resolution__is_synthetic"),
            (Paragraph, "resolution__is_synthetic"),
        ]
    }
    call_command(
        "generate_demo_data",
        "--scale",
        "small",
        "--seed",
        "3",
        "--replace",
        "--fingerprint",
        stdout=(out := StringIO()),
    )
    assert re.search(r"Fingerprint: (\w+)", out.getvalue()).group(1) == printed
    call_command("generate_demo_data", "--delete", stdout=StringIO())
    assert not Resolution.objects.filter(is_synthetic=True).exists()
    assert not SourceDocument.objects.filter(key__startswith="syn-").exists()
    for model, count in real.items():
        assert model.objects.count() == count, model
    assert Resolution.objects.get(symbol="53/45-POL") == seeded


def test_member_states_are_reused_never_created(seeded):
    from resolutions.models import MemberState

    states = MemberState.objects.count()
    generate(Params(4, 20, 2, seed=4, link_member_states=True))
    assert MemberState.objects.count() == states == 57
    assert MemberStateRole.objects.filter(action__resolution__is_synthetic=True).exists()
    assert Participation.objects.filter(occurrence__action__resolution__is_synthetic=True).exists()
    delete_synthetic()
    assert MemberState.objects.count() == 57
    assert MemberStateRole.objects.filter(action__resolution=seeded).exists()
