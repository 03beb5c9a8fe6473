"""Workflow emails in the recipient's language (issue #13, items 1 and 3): the update they are
about is named by its action's translated title, its status label and a date written the
reader's way ("29 nov. 2018", "29 نوفمبر 2018"), not the English title and an ISO date."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType

from resolutions.models import Action, TextTranslation
from tests import factories as f
from tests.test_notifications import draft, person
from workflow import services

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "language, title, day",
    [
        ("fr", "Former un réseau", "1 janvier 2020"),
        ("ar", "تشكيل شبكة", "1 يناير 2020"),
        ("en", "Form a network", "1 January 2020"),
    ],
)
def test_the_review_email_names_the_update_in_the_readers_language(
    mailoutbox, django_capture_on_commit_callbacks, language, title, day
):
    action = f.action(f.resolution(adopted_on=date(2018, 5, 5)), title="Form a network")
    for code, text in (("fr", "Former un réseau"), ("ar", "تشكيل شبكة")):
        TextTranslation.objects.create(
            content_type=ContentType.objects.get_for_model(Action),
            object_id=action.pk,
            field="title",
            language=code,
            text=text,
            provenance="translation",
            original_language="en",
            original_text="Form a network",
        )
    editor = person("editor", "editor@example.org")
    person("reviewer", "reviewer@example.org", language=language)
    update = draft(action, editor)  # in progress as of 1 January 2020
    with django_capture_on_commit_callbacks(execute=True):
        services.status_update_submit(user=editor, update=update)
    (mail,) = mailoutbox
    for text in (mail.subject, mail.body):
        assert title in text and day in text, text
        assert "2020-01-01" not in text
        if language != "en":
            assert "Form a network" not in text


@pytest.mark.parametrize(
    "language, expected",
    [
        ("fr", ["Turquie", "29 novembre 2018", "plus de 24", "1 décembre 2018"]),
        ("ar", ["تركيا", "29 نوفمبر 2018", "أكثر من 24", "1 ديسمبر 2018"]),
    ],
)
def test_fact_emails_name_states_and_dates_in_the_readers_language(language, expected):
    """Participations, figures and their corrections are named in the reader's language too:
    the country's CLDR name, dates written the reader's way, "more than" translated."""
    from django.utils import translation

    from resolutions.models import FactCorrection, MemberState, Participation, SourcedFigure
    from workflow.notifications import describe

    action = f.action(f.resolution(adopted_on=date(2018, 5, 5)), title="Form a network")
    source = f.source()
    meeting = f.occurrence(action, "2018-11-29", title="Second Conference")
    state, _ = MemberState.objects.get_or_create(iso3="TUR", defaults={"name": "Türkiye"})
    participation = Participation.all_objects.create(
        occurrence=meeting, member_state=state, source=source
    )
    figure = SourcedFigure.all_objects.create(
        action=action,
        label="Members",
        value=24,
        is_minimum=True,
        as_of=date(2018, 12, 1),
        source=source,
    )
    correction = FactCorrection(
        content_type=ContentType.objects.get_for_model(Participation), object_id=participation.pk
    )
    with translation.override(language):
        texts = " | ".join(describe(r) for r in (participation, figure, correction))
    for text in expected:
        assert text in texts, texts
    for english in ("2018-11-29", "2018-12-01", "Turkey", "more than", " at "):
        assert english not in texts, texts
