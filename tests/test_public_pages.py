"""Every public page shows the real 53/45-POL data, within a query budget that does not grow."""

import re
from datetime import date

import pytest
from django.urls import reverse

from resolutions.models import Action, MemberState, Paragraph, Resolution
from tests import factories as f


def url_of(name, seeded):
    network = Action.objects.get(resolution=seeded, key="network")
    return {
        "dashboard": reverse("dashboard"),
        "resolution": reverse("resolution_detail", args=[seeded.slug]),
        "paragraph": reverse("paragraph_detail", args=[seeded.slug, "7"]),
        "action": reverse("action_detail", args=[network.pk]),
        "conference": reverse(
            "action_detail", args=[Action.objects.get(key="annual-conference").pk]
        ),
        "member_states": reverse("member_state_list"),
        "member_state": reverse("member_state_detail", args=["TUR"]),
        "statuses": reverse("status_definitions"),
    }[name]


def test_dashboard_shows_headline_and_paragraph_table(client, seeded):
    page = client.get("/?as_of=2018-11-29").content.decode()
    assert "53/45-POL" in page and "Strengthening the Mediation Capacity of the OIC" in page
    assert "28.6%" in page  # 2 of 7 equally weighted actions credited
    for number in ("4", "5", "7", "8"):
        assert reverse("paragraph_detail", args=[seeded.slug, number]) in page
    assert "Form a Network of OIC Mediators, Special Envoys and Experts" in page
    assert "Past state" in page and "29 November 2018" in page


def test_dashboard_today_shows_the_lapsed_conference_and_latest_updates(client, seeded):
    page = client.get("/").content.decode()
    assert "14.3%" in page  # only the Contact Group still credited: no conference since 2022
    assert "Delayed / stalled: <strong>1</strong>" in page
    assert "Establish the Contact Group of Friends of Mediation" in page
    assert "remain to be implemented" in page  # an evidence quote from the seed


def test_resolution_page_shows_metadata_provenance_and_unplaced_mandates(client, seeded):
    page = client.get(f"/resolutions/{seeded.slug}/").content.decode()
    assert "Council of Foreign Ministers of the Organisation of Islamic Cooperation" in page
    assert "Dhaka, People&#x27;s Republic of Bangladesh" in page
    assert "5 May 2018 – 6 May 2018" in page
    assert "Paraphrase — Summary report of the Second OIC Member States Conference" in page
    assert "Preambular paragraph PP1" in page and "not scored" in page
    assert "Mandates with no known paragraph" in page
    assert "Prepare a Code of Conduct for Mediators" in page
    assert "https://boston-cg.mfa.gov.tr/Mission/ShowAnnouncement/349737" in page


def test_paragraph_page_shows_text_actions_and_timeline(client, seeded):
    page = client.get(f"/resolutions/{seeded.slug}/paragraphs/7/").content.decode()
    assert "requests" in page and "Secretary-General" in page
    assert "which requests the Secretary General to form a “Network of OIC Mediators" in page
    assert "Paraphrase" in page
    assert "In progress" in page and "29 Nov 2018" in page
    assert "OIC Secretary-General" in page  # responsible actor


def test_action_page_shows_history_with_evidence_and_definition(client, seeded):
    network = Action.objects.get(key="network")
    page = client.get(f"/actions/{network.pk}/").content.decode()
    assert "In progress" in page
    assert "implementation steps have been reported" in page  # the status definition
    assert "As of 29 November 2018" in page
    assert "Participants also welcomed the initial steps towards realizing Para. 7" in page
    assert "Tracker data file (from the seed document)" in page
    assert "56/46-POL" in page  # the attribution caution is visible


def test_conference_page_lists_occurrences_with_participation(client, seeded):
    conference = Action.objects.get(key="annual-conference")
    page = client.get(f"/actions/{conference.pk}/").content.decode()
    assert "Delayed / stalled" in page and "Latest occurrence: <time" in page
    assert "The Implementation of Resolution No. 53/45-POL: Challenges and Opportunities" in page
    assert "more than 150 participants, 41 Member States" in page
    assert "5–6 June 2022" in page and "Jeddah" in page
    past = client.get(f"/actions/{conference.pk}/?as_of=2018-11-29").content.decode()
    assert "Ongoing (on track)" in past and "Jeddah" not in past


def test_member_state_pages(client, seeded):
    listing = client.get("/member-states/").content.decode()
    assert len(set(re.findall(r'href="/member-states/([A-Z]{3})/"', listing))) == 57
    assert "Côte d&#x27;Ivoire" in listing
    turkey = client.get("/member-states/TUR/").content.decode()
    assert "Co-chair of" in turkey and "Establish the Contact Group" in turkey
    assert "Host or organiser" in turkey and "Second OIC Member States Conference" in turkey
    gambia = client.get("/member-states/gmb/").content.decode()
    assert "Co-chair" in gambia
    assert "Provide conflict resolution and mediation training" in turkey  # responsible
    assert client.get("/member-states/XXX/").status_code == 404


def test_status_definitions_page(client, db):
    page = client.get("/statuses/").content.decode()
    for label in ("Not yet assessed", "Not started", "In progress", "Completed",
                  "Ongoing (on track)", "Delayed / stalled", "Not applicable"):
        assert label in page
    assert "sum of weight × credit" in page


def test_unknown_pages_are_404_and_bad_as_of_is_explained(client, seeded):
    assert client.get("/resolutions/nope/").status_code == 404
    assert client.get(f"/resolutions/{seeded.slug}/paragraphs/99/").status_code == 404
    assert client.get("/actions/999999/").status_code == 404
    page = client.get("/?as_of=2018-13-45")
    assert page.status_code == 200
    assert "“as_of” must be a date written YYYY-MM-DD" in page.content.decode()
    future = client.get("/?as_of=2999-01-01").content.decode()
    assert "cannot be in the future" in future


def grow(seeded, times):
    """Add (times - 1) copies of the resolution's shape: paragraphs, actions, updates,
    occurrences, so that budgets can be checked against a larger database."""
    src = f.source()
    for _ in range(times - 1):
        res = f.resolution()
        paras = [f.paragraph(res, n) for n in range(1, 5)]
        for i in range(7):
            a = f.action(res, paras[i % 4], mandate_type="recurring_event" if i == 0 else
                         "establish_body")
            f.update(a, "in_progress", "2018-06-01", 20, evidence_source=src)
            f.update(a, "completed", "2019-06-01", evidence_source=src)
            f.occurrence(a, "2019-01-01")
        # More rows hanging off the seeded resolution itself.
        extra = f.action(seeded, Paragraph.objects.get(resolution=seeded, number="7"))
        f.update(extra, "not_started", "2018-10-01", evidence_source=src)
        f.occurrence(Action.objects.get(key="annual-conference"), "2016-01-01")
        actor = extra.responsible_actors.model.objects.get(name="Türkiye")
        extra.responsible_actors.add(actor)


PAGES = ["dashboard", "resolution", "paragraph", "action", "conference", "member_states",
         "member_state", "statuses"]
BUDGET = 12


@pytest.mark.parametrize("page", PAGES)
def test_query_budget_holds_at_1x_and_10x(client, seeded, django_assert_max_num_queries, page):
    url = url_of(page, seeded)
    with django_assert_max_num_queries(BUDGET):
        small = client.get(url)
    assert small.status_code == 200
    grow(seeded, 10)
    assert Resolution.objects.count() == 10 and MemberState.objects.count() == 57
    with django_assert_max_num_queries(BUDGET):
        large = client.get(url)
    assert large.status_code == 200
    assert len(large.content) >= len(small.content) or page == "dashboard"


def test_as_of_changes_what_pages_show(client, seeded):
    contact_group = Action.objects.get(key="contact-group")
    before = client.get(f"/actions/{contact_group.pk}/?as_of=2018-06-01").content.decode()
    after = client.get(f"/actions/{contact_group.pk}/?as_of=2018-11-29").content.decode()
    assert "Not yet assessed" in before and "First meeting" not in before
    assert "Completed" in after and "First meeting" in after
    assert date(2018, 6, 1) < date(2018, 11, 29)
