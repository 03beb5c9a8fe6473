"""The admin writes dates and moments the reader's way in French and Arabic (#13 item 3): day
first, month in words, a 24-hour time (tracker/formats/), never Django's Arabic fallback to the
English "ديسمبر 7, 2026, 8:29 م"; and records are named with the day as the reader writes it
("… as of 1 janv. 2020"), not ISO, in titles, History and "All recent changes"."""

import re
from datetime import UTC, date, datetime

import pytest
from django.test import Client
from django.utils import formats, translation

from tests import staff
from workflow import services

pytestmark = pytest.mark.django_db

MOMENT = datetime(2026, 12, 7, 20, 29, tzinfo=UTC)


@pytest.mark.parametrize(
    "language, moment, day, short",
    [
        ("ar", "7 ديسمبر 2026، الساعة 20:29", "7 ديسمبر 2026", "07/12/2026"),
        ("fr", "7 décembre 2026 à 20:29", "7 décembre 2026", "07/12/2026"),
    ],
)
def test_the_formats(language, moment, day, short):
    with translation.override(language):
        assert formats.date_format(MOMENT, "DATETIME_FORMAT") == moment
        assert formats.date_format(MOMENT.date()) == day
        assert formats.date_format(MOMENT.date(), "SHORT_DATE_FORMAT") == short
    assert "\u200f" not in short


@pytest.fixture
def published(empty_db):
    update, _editor, reviewer = staff.submitted_update()
    services.status_update_publish(user=reviewer, update=update, verification="verified")
    return update


def _get(url):
    client = Client()
    client.force_login(
        staff.user("administrator"), backend="django.contrib.auth.backends.ModelBackend"
    )
    response = client.get(url)
    translation.activate("en")
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize(
    "language, named",
    [
        ("en", "Mediation unit — Completed as of 1 Jan 2020"),
        ("fr", "Mediation unit — Achevé au 1 janv. 2020"),
        ("ar", "Mediation unit — مكتمل بتاريخ 1 يناير 2020"),
    ],
)
def test_a_record_is_named_with_the_readers_date(published, language, named):
    history = _get(f"/{language}/admin/resolutions/statusupdate/{published.pk}/history/")
    recent = _get(f"/{language}/admin/recent-changes/")
    for html in (history, recent):
        assert named in html
        assert "2020-01-01" not in html.split("<body", 1)[1].replace('datetime="', "")


@pytest.mark.parametrize(
    "language, day, moment",
    [
        ("ar", "1 يناير 2020", r"\d{1,2} \S+ 20\d\d، الساعة \d\d:\d\d"),
        ("fr", "1 janvier 2020", r"\d{1,2} \S+ 20\d\d à \d\d:\d\d"),
    ],
)
def test_the_change_lists_write_days_and_moments_the_readers_way(published, language, day, moment):
    from workflow.review_services import action_review_create

    updates = _get(f"/{language}/admin/resolutions/statusupdate/")
    assert re.findall(r'<td class="field-as_of[^"]*">(.*?)</td>', updates) == [day]
    action_review_create(
        action=published.action,
        reviewed_on=date(2020, 1, 1),
        note="Checked.",
        evidence=[{"url": "https://example.org/r"}],
        author_name="karim",
    )
    reviews = _get(f"/{language}/admin/resolutions/actionreview/")
    cells = re.findall(r'<td class="field-recorded_at[^"]*">(.*?)</td>', reviews)
    assert len(cells) == 1 and re.fullmatch(moment, cells[0]), cells
    assert re.findall(r'<td class="field-reviewed_on[^"]*">(.*?)</td>', reviews) == [day]
