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
