"""Overdue and "no update for over 12 months" on the pages, with today frozen.

`today` is patched where every public page reads it (django.utils.timezone.localdate, through
resolutions.asof.read_as_of), so these tests exercise the default path a visitor takes, with no
?as_of= in the address.
"""

import re
from datetime import date
from unittest import mock

import pytest

from resolutions.models import Action
from tests import factories as f


def frozen(day):
    return mock.patch("django.utils.timezone.localdate", return_value=day)


def kpi(page, label):
    match = re.search(rf"{re.escape(label)}</h3>\s*<p class=\"kpi__value\">(\d+) ", page)
    assert match, label
    return int(match.group(1))


def test_freshness_boundary_is_365_days_after_the_latest_update(client, seeded):
    # The seed's assessments are as of 29 Nov 2018; two actions were never assessed.
    with frozen(date(2019, 11, 29)):
        page = client.get("/").content.decode()
    assert 'State as of today, <time datetime="2019-11-29">29 November 2019</time>' in page
    assert kpi(page, "No update for over 12 months") == 2
    assert "No status has been recorded since" not in page
    with frozen(date(2019, 11, 30)):
        page = client.get("/").content.decode()
    assert kpi(page, "No update for over 12 months") == 7
    assert "No status has been recorded since 29 November 2018." in page


def test_today_is_the_default_and_the_future_is_refused(client, seeded):
    with frozen(date(2020, 1, 1)):
        page = client.get("/?as_of=2020-01-02").content.decode()
    assert "“as_of” cannot be in the future (2020-01-02)." in page
    assert 'State as of today, <time datetime="2020-01-01">' in page
    with frozen(date(2020, 1, 1)):
        past = client.get("/?as_of=2019-01-01").content.decode()
    assert 'Past state: as it stood on <time datetime="2019-01-01">1 January 2019</time>' in past
    assert 'href="/en/actions/?as_of=2019-01-01"' in past  # navigation keeps the date


def test_recurring_mandate_lapses_on_the_day_its_window_ends(client, seeded):
    conference = Action.objects.get(key="annual-conference")
    with frozen(date(2023, 6, 4)):
        before = client.get(f"/actions/{conference.pk}/").content.decode()
    with frozen(date(2023, 6, 5)):
        after = client.get(f"/actions/{conference.pk}/").content.decode()
    assert "status--ongoing" in before and "on track until 5 June 2023" in before
    # #11: the interval running out is "no occurrence recorded", not "delayed".
    assert "status--no_occurrence" in after and "ran out on 5 June 2023" in after
    assert "status--delayed" not in after
    with frozen(date(2023, 6, 5)):
        dashboard = client.get("/").content.decode()
    assert "No occurrence recorded: <strong>1</strong>" in dashboard


@pytest.fixture
def dated(seeded):
    """Two actions of another resolution with due dates: one left in progress, one completed."""
    res = f.resolution(adopted_on=date(2019, 1, 1))
    p = f.paragraph(res, 1, summary="A dated paragraph")
    late = f.action(res, p, title="Late action", due_date=date(2020, 6, 30))
    done = f.action(res, p, title="Done action", due_date=date(2020, 6, 30))
    f.update(late, "in_progress", "2020-01-15")
    f.update(done, "completed", "2020-05-01")
    return res


def test_overdue_counts_and_flags_follow_today(client, dated):
    with frozen(date(2020, 6, 30)):
        on_the_day = client.get("/").content.decode()
    card = on_the_day[on_the_day.index(f'id="res-{dated.pk}"') :]
    assert kpi(card, "Overdue") == 0
    with frozen(date(2020, 7, 1)):
        day_after = client.get("/").content.decode()
        listing = client.get(f"/actions/?resolution={dated.slug}&overdue=yes").content.decode()
        detail = client.get(f"/actions/{Action.objects.get(title='Late action').pk}/")
    card = day_after[day_after.index(f'id="res-{dated.pk}"') :]
    assert kpi(card, "Overdue") == 1
    assert f'href="/en/actions/?resolution={dated.slug}&amp;overdue=yes"' in card
    assert "Late action" in listing and "Done action" not in listing
    assert '<span class="flag flag--overdue">Overdue</span>' in listing
    assert "Due 30 June 2020 and not completed." in detail.content.decode()


def test_stale_filter_and_flags_follow_today(client, dated):
    with frozen(date(2021, 1, 16)):
        stale = client.get(f"/actions/?resolution={dated.slug}&stale=yes").content.decode()
        fresh = client.get(f"/actions/?resolution={dated.slug}&stale=no").content.decode()
    # 2020-01-15 is more than 365 days before 2021-01-16; 2020-05-01 is not.
    assert "Late action" in stale and "Done action" not in stale
    assert "No update for 12+ months" in stale
    assert "Done action" in fresh and "Late action" not in fresh
