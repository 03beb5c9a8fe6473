"""`manage.py translation_status` (issue #13, item 1): the missing French and Arabic
translations counted per resolution, model and field."""

from io import StringIO

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from resolutions.models import Action, TextTranslation
from resolutions.translations import translation_status


def _run(*args):
    out = StringIO()
    call_command("translation_status", *args, stdout=out)
    return out.getvalue()


def _row(rows, model, field):
    return next(r for r in rows if r.model == model and r.field == field)


def test_counts_follow_the_translations(seeded):
    network = Action.objects.get(resolution=seeded, key="network")
    before = _row(translation_status("53/45-POL"), "action", "title")
    assert before.total == 7 and before.missing == {"fr": 0, "ar": 0}
    TextTranslation.objects.filter(
        content_type=ContentType.objects.get_for_model(Action),
        object_id=network.pk,
        field="title",
        language="ar",
    ).delete()
    after = _row(translation_status("53/45-POL"), "action", "title")
    assert after.total == 7 and after.missing == {"fr": 0, "ar": 1}
    out = _run("--resolution", "53/45-POL")
    line = next(x for x in out.splitlines() if " action.title " in x)
    assert line.split() == ["53/45-POL", "action.title", "7", "0", "1"]
    assert "missing fr  missing ar" in out.splitlines()[0]
    assert out.splitlines()[-1].startswith("Missing translations in total — fr: ")


def test_every_translatable_model_is_reported_and_member_states_are_cldrs(seeded):
    rows = translation_status()
    models = {r.model for r in rows}
    assert {"resolution", "paragraph", "action", "occurrence", "statusupdate", "evidence"} <= models
    actors = _row(rows, "actor", "name")
    assert actors.resolution == ""  # shared by every resolution
    assert actors.total == 4  # Türkiye is named from CLDR, not translated


def test_missing_only_and_an_unknown_resolution(seeded):
    out = _run("--missing-only")
    for line in out.splitlines()[1:-1]:
        *_, fr, ar = line.split()
        assert int(fr) or int(ar), line
    assert _run("--resolution", "no/such").splitlines()[1].startswith("(shared)")
