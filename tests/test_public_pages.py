"""Every public page shows the real 53/45-POL data, within a query budget that does not grow."""

import re
from datetime import date

import pytest
from django.urls import reverse

from resolutions.models import Action, Paragraph
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
        "actions": reverse("action_list"),
        "actions_filtered": reverse("action_list")
        + "?status=in_progress&q=network&resolution=53-45-pol&overdue=no&stale=yes"
        + "&mandate_type=build_roster&sort=-due&due_before=2030-01-01",
        "actions_bad": reverse("action_list") + "?status=done&actor=abc&due_after=2020-13-01",
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
    # #11: no source says the series stalled; nothing is recorded after June 2022.
    assert "No occurrence recorded: <strong>1</strong>" in page
    assert "Delayed / stalled: <strong>" not in page
    # The conference with no recorded occurrence is not an assessment: 4 of 7 (#11).
    assert "4 of 7 actions assessed" in page
    assert "Establish the Contact Group of Friends of Mediation" in page
    assert "remain to be implemented" in page  # an evidence quote from the seed


def test_resolution_page_shows_metadata_provenance_and_unplaced_mandates(client, seeded):
    page = client.get(f"/resolutions/{seeded.slug}/").content.decode()
    assert "Council of Foreign Ministers of the Organisation of Islamic Cooperation" in page
    assert "Dhaka, People&#x27;s Republic of Bangladesh" in page
    assert "5 May 2018 – 6 May 2018" in page
    assert (
        'Paraphrase — <bdi lang="en" dir="ltr">Summary report of the Second OIC Member States'
        in page
    )
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
    assert "No occurrence recorded" in page and "Latest occurrence: <time" in page
    assert "(due 5 Jun 2023)" not in page  # the due date is on the list, the page says it too
    assert "Delayed / stalled</span>" not in page
    assert "The Implementation of Resolution No. 53/45-POL: Challenges and Opportunities" in page
    assert "more than 150 participants, 41 Member States" in page
    assert "5–6 June 2022" in page and "Jeddah" in page
    past = client.get(f"/actions/{conference.pk}/?as_of=2018-11-29").content.decode()
    assert "Ongoing (on track)" in past and "Jeddah" not in past


def test_member_state_pages(client, seeded):
    listing = client.get("/member-states/").content.decode()
    assert len(set(re.findall(r'href="/en/member-states/([A-Z]{3})/"', listing))) == 57
    assert "Côte d&#x27;Ivoire" in listing
    turkey = client.get("/member-states/TUR/").content.decode()
    assert "Co-chair</strong> of" in turkey and "Establish the Contact Group" in turkey
    assert "Host or organiser" in turkey and "Second OIC Member States Conference" in turkey
    gambia = client.get("/member-states/gmb/").content.decode()
    assert "Co-chair" in gambia
    # The seed says Para. 8 "requests the OIC": Türkiye is not made responsible for training.
    assert "Provide conflict resolution and mediation training" not in turkey
    assert client.get("/member-states/XXX/").status_code == 404


def test_status_definitions_page(client, db):
    page = client.get("/statuses/").content.decode()
    for label in (
        "Not yet assessed",
        "Not started",
        "In progress",
        "Completed",
        "Ongoing (on track)",
        "Delayed / stalled",
        "Not applicable",
        "Not yet due",
        "No occurrence recorded",
    ):
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
            a = f.action(
                res, paras[i % 4], mandate_type="recurring_event" if i == 0 else "establish_body"
            )
            f.update(a, "in_progress", "2018-06-01", 20, evidence_source=src)
            f.update(a, "completed", "2019-06-01", evidence_source=src)
            f.occurrence(a, "2019-01-01")
        # More rows hanging off the seeded resolution itself.
        extra = f.action(seeded, Paragraph.objects.get(resolution=seeded, number="7"))
        f.update(extra, "not_started", "2018-10-01", evidence_source=src)
        f.occurrence(Action.objects.get(key="annual-conference"), "2016-01-01")
        actor = extra.responsible_actors.model.objects.get(name="Türkiye")
        extra.responsible_actors.add(actor)


PAGES = [
    "dashboard",
    "resolution",
    "paragraph",
    "action",
    "conference",
    "member_states",
    "member_state",
    "statuses",
    "actions",
    "actions_filtered",
    "actions_bad",
]
BUDGET = 12


# The budget is checked at 1x and 10x in tests/test_query_budget_at_scale.py.


def test_as_of_changes_what_pages_show(client, seeded):
    contact_group = Action.objects.get(key="contact-group")
    before = client.get(f"/actions/{contact_group.pk}/?as_of=2018-06-01").content.decode()
    after = client.get(f"/actions/{contact_group.pk}/?as_of=2018-11-29").content.decode()
    assert "Not yet assessed" in before and "First meeting" not in before
    assert "Completed" in after and "First meeting" in after
    assert date(2018, 6, 1) < date(2018, 11, 29)


# --- What a diplomat reads on each page ----------------------------------------------------


def plain(html):
    """Without the direction markup (<bdi dir="…">, resolutions/bidi.py) that keeps "53/45-POL"
    and English names intact in Arabic text."""
    return re.sub(r'<bdi dir="(?:ltr|rtl)">|</bdi>', "", html)


def squash(html):
    """The page's text with tags and runs of whitespace collapsed, for phrase assertions."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", plain(html)))


def test_dashboard_headline_says_what_the_percentage_excludes(client, seeded):
    page = client.get("/?as_of=2018-11-29").content.decode()
    text = squash(page)
    assert "Over 7 scored actions, all weighted equally" in text
    assert "Nothing is excluded." in text
    assert "Work in progress counts only where a source gives a figure." in text
    assert 'href="/en/statuses/?as_of=2018-11-29#rollup"' in page
    # Freshness on 29 Nov 2018: the two never-assessed actions; nothing is overdue (no due dates).
    assert re.search(r"No update for over 12 months</h3>\s*<p class=\"kpi__value\">2 ", page)
    assert re.search(r"Overdue</h3>\s*<p class=\"kpi__value\">0 ", page)
    assert "7 actions have no due date in the sources, so they cannot be overdue." in text
    assert "29 Nov 2018" in text  # last status update


def test_dashboard_lists_mandates_with_no_known_paragraph(client, seeded):
    page = client.get("/?as_of=2018-11-29").content.decode()
    row = page[page.index('class="para-table__unplaced"') :]
    row = row[: row.index("</tr>")]
    for title in (
        "Establish the Contact Group of Friends of Mediation",
        "Hold the OIC Member States Conference on Mediation annually",
        "Prepare a Code of Conduct for Mediators",
    ):
        assert title in row
    # Completed + on track + not started: two of three credited.
    assert "66.7%" in row
    assert "Completed: <strong>1</strong>" in row and "Not started: <strong>1</strong>" in row
    assert "Ongoing (on track): <strong>1</strong>" in row
    assert f'href="/en/resolutions/{seeded.slug}/?as_of=2018-11-29#unplaced"' in row


def test_dashboard_paragraph_rows_in_order_with_status_distribution(client, seeded):
    page = client.get("/?as_of=2018-11-29").content.decode()
    table = page[
        page.index('class="para-table"') : page.index("</table>", page.index("para-table"))
    ]
    positions = [table.index(f"/paragraphs/{n}/") for n in ("4", "5", "7", "8")]
    assert positions == sorted(positions)
    assert "Reinforce the OIC Peace, Security and Conflict Resolution Unit" in table
    assert table.count("Not yet assessed: <strong>1</strong>") == 2  # paras 4 and 5
    assert table.count("In progress: <strong>1</strong>") == 2  # paras 7 and 8
    # An in-progress paragraph without a figure is 0 %, and the page says why (#11 rule 3);
    # paragraphs 4 and 5, whose only action nobody has assessed, show no percentage at all.
    assert table.count("1 in progress — no sourced figure") == 2
    assert table.count("Not assessed") >= 2


def test_dashboard_recent_updates_carry_their_evidence(client, seeded):
    page = client.get("/").content.decode()
    recent = page[page.index('id="recent"') :]
    assert "As of 29 Nov 2018" in recent
    assert "https://boston-cg.mfa.gov.tr/Mission/ShowAnnouncement/349737" in recent
    assert "Evidence:" in recent and "remain to be implemented" in recent
    assert "Recorded by Tracker data file (from the seed document)" in recent
    # Latest recorded events, newest first, with the month-only date kept as a month.
    events = recent[recent.index("Latest recorded events") :]
    assert events.index("OIC Conference on Mediation (fourth in the series)") < events.index(
        "Third OIC Member States Conference on Mediation"
    )
    assert "5–6 June 2022" in events and "Jeddah" in events


def test_dashboard_charts_render_on_the_server_with_a_data_table(client, seeded):
    page = plain(client.get("/?as_of=2023-06-05").content.decode())
    assert "<script" not in page
    assert page.count('role="img"') >= 2
    assert "Weighted progress of 53/45-POL over time" in page
    table = page[page.index("Data table: weighted progress") :]
    table = table[: table.index("</table>")]
    assert "5 May 2018" in table and "Adopted" in table
    assert "24 Sep 2018" in table and "28.6%" in table
    assert "Held: OIC Conference on Mediation (fourth in the series)" in table
    assert "Recurrence window after “OIC Conference on Mediation (fourth in the series)” ends" in (
        table.replace("&ldquo;", "“").replace("&rdquo;", "”")
    )
    assert "5 Jun 2023" in table


def test_resolution_page_lists_every_paragraph_in_order_with_verb_and_addressee(client, seeded):
    page = plain(client.get(f"/resolutions/{seeded.slug}/?as_of=2018-11-29").content.decode())
    order = [page.index(f'id="para-{n}"') for n in ("PP1", "PP2", "PP3", "4", "5", "7", "8")]
    assert order == sorted(order)
    seven = page[page.index('id="para-7"') : page.index('id="para-8"')]
    assert "Verb:" in seven and "<strong>requests</strong>" in seven
    assert "<strong>Secretary-General</strong>" in seven
    assert "Form a Network of OIC Mediators, Special Envoys and Experts" in seven
    assert "In progress" in seven and "29 Nov 2018" in seven
    four = page[page.index('id="para-4"') : page.index('id="para-5"')]
    assert four.count("<strong>not known</strong>") == 2  # verb and addressee unknown
    assert "Not yet assessed" in four and "Never assessed" in four
    unplaced = page[page.index('id="unplaced"') :]
    assert "66.7%" in unplaced and "Hold the OIC Member States Conference" in unplaced
    assert "Weighted progress of 53/45-POL over time" in page
    assert "28.6%" in page  # headline on that date


def test_provenance_badges_for_verbatim_and_unavailable_text(client, seeded):
    res = f.resolution()
    src = f.source(title="Official journal")
    f.paragraph(res, 1, text="Decides to act;", text_provenance="verbatim", text_source=src)
    f.paragraph(res, 2)  # provenance unknown, no text
    page = client.get(f"/resolutions/{res.slug}/").content.decode()
    assert '<span class="prov prov--verbatim">Verbatim' in page and "Official journal" in page
    assert '<span class="prov prov--unknown">Text not available</span>' in page
    two = client.get(f"/resolutions/{res.slug}/paragraphs/2/").content.decode()
    assert "The text of this paragraph is not available from any cited source" in two


def test_paragraph_page_has_neighbours_due_dates_and_a_combined_timeline(client, seeded):
    training = Action.objects.get(key="training")
    training.due_date = date(2020, 12, 31)
    training.save()
    page = client.get(f"/resolutions/{seeded.slug}/paragraphs/8/?as_of=2021-01-05").content.decode()
    assert 'rel="prev" href="/en/resolutions/53-45-pol/paragraphs/7/?as_of=2021-01-05"' in page
    assert 'rel="next"' not in page  # para. 8 is the last one
    assert "31 Dec 2020" in page and "Overdue" in page
    assert 'data-label="Responsible">OIC</td>' in page  # "requests the OIC"
    timeline = page[page.index('class="timeline"') :]
    assert "Status update" in timeline and "Training session" in timeline
    # "Following the Conference": no place, and no day of its own.
    assert "Mediation simulation session for young diplomats</" in timeline
    assert "on or after 29 November 2018" in timeline
    assert "young diplomats from 17 OIC Member States" in timeline  # evidence quote


def test_action_page_explains_a_lapsed_recurring_mandate(client, seeded):
    conference = Action.objects.get(key="annual-conference")
    page = client.get(f"/actions/{conference.pk}/?as_of=2024-01-01").content.decode()
    text = squash(page)
    assert "A recurring mandate is on track for 365 days after its latest occurrence" in text
    assert "that interval ran out on 5 June 2023, and no later occurrence is recorded." in text
    assert "Recorded by Tracker data file (from the seed document)" in text
    on_track = client.get(f"/actions/{conference.pk}/?as_of=2022-07-01").content.decode()
    assert "this one is on track until 5 June 2023." in squash(on_track)
    assert "Ongoing (on track)" in on_track


def test_action_page_for_an_unassessed_action_says_so_without_implying_inaction(client, seeded):
    pscru = Action.objects.get(key="pscru")
    page = squash(client.get(f"/actions/{pscru.pk}/").content.decode())
    assert "Not yet assessed" in page and "Never assessed" in page
    assert "That says nothing about whether anything was done." in page
    assert "No status update has been recorded: this action is not yet assessed." in page
    assert "OIC General Secretariat" in page  # responsible
    assert "para. 4" in page


def test_member_state_page_shows_roles_participation_and_shared_mandates(client, seeded):
    turkey = squash(client.get("/member-states/TUR/").content.decode())
    assert "1 named role" in turkey and "4 events with named participation" in turkey
    assert "1 action it is responsible for by name" in turkey
    # No source says whom the annual conferences are asked of: not "all Member States".
    assert "0 mandates shared by all Member States" in turkey
    assert "Türkiye is named above." in turkey
    benin = squash(client.get("/member-states/BEN/").content.decode())
    assert "No cited source names Benin in a role" in benin
    assert "17 Member States took part. Whether Benin was one of them is not recorded." in benin
    assert "41 Member States took part. Whether Benin was one of them is not recorded." in benin
    assert (
        "The sources name 3 Member States in a role there; whether Benin is among the "
        "others is not stated, so it is not guessed."
    ) in benin
    # Past state: the co-chair role is sourced as of 29 Nov 2018, so not shown before it.
    before = squash(client.get("/member-states/TUR/?as_of=2018-10-01").content.decode())
    assert "0 named roles" in before


def test_member_state_list_summarises_counts_without_names_and_finds_a_state(client, seeded):
    page = squash(client.get("/member-states/").content.decode())
    assert "Members of the Contact Group" in page and "24" in page
    assert "3 Member States are named in a role by a source." in page
    assert "Co-chair: Establish the Contact Group of Friends of Mediation" in page
    go = client.get("/member-states/?state=GMB&as_of=2018-12-01")
    assert go.status_code == 302 and go["Location"] == "/en/member-states/GMB/?as_of=2018-12-01"
    bad = client.get("/member-states/?state=XYZ")
    assert bad.status_code == 200
    assert "“XYZ” is not an OIC Member State." in bad.content.decode()


def test_status_definitions_explain_overdue_freshness_and_the_chart(client, db):
    page = squash(client.get("/statuses/").content.decode())
    assert "its first occurrence is due 365 days after adoption" in page
    assert "its first occurrence is due 730 days after adoption" in page
    assert "“Delayed / stalled” appears only where a published status update" in page
    assert "An action with no due date in the sources cannot be overdue." in page
    assert "in the 365 days before the date shown" in page
    assert "Before adoption there is nothing to score" in page
    assert "No percentage without an assessment" in page
    assert "Dates keep their precision" in page
    assert "unless the file names who verified them and when" in page
    assert "drawn dashed" in page
    assert "Between two such dates the value holds" in page


def test_every_status_badge_links_to_its_definition(client, seeded):
    page = client.get("/actions/").content.decode()
    badges = re.findall(r'<a class="status status--(\w+)" href="([^"]+)"', page)
    assert badges and all(href == f"/en/statuses/#{value}" for value, href in badges)


def test_pages_are_marked_for_translation_and_right_to_left(client, seeded):
    from django.utils import translation

    with translation.override("ar"):
        url = reverse("dashboard")  # /ar/ when pages carry a language prefix
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in page


def test_action_page_cites_who_names_the_responsible_and_the_description(client, seeded):
    training = Action.objects.get(key="training")
    page = squash(client.get(f"/actions/{training.pk}/").content.decode())
    assert "Named by" in page and "requests the OIC to provide conflict resolution" in page
    assert "Sources of this description:" in page and "Concept note, 3rd OIC" in page
    partnerships = Action.objects.get(key="partnerships")
    page = squash(client.get(f"/actions/{partnerships.pk}/").content.decode())
    assert "Not stated by the sources" in page and "Named by" not in page
    api = client.get(f"/api/actions/{partnerships.pk}/").json()
    assert api["responsible"] == [] and api["responsible_label"] == "Not stated by the sources"


def test_no_body_is_hard_coded_in_templates():
    """Branding comes from settings (SITE_* variables): no template names the OIC."""
    from pathlib import Path

    offenders = [
        str(path)
        for folder in ("templates", "exports/templates", "workflow/templates")
        for path in Path(folder).rglob("*.html")
        if re.search(r"\bOIC\b|Islamic Cooperation", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.parametrize(
    "language, texts",
    [
        (
            "en",
            [
                "Resolution implementation tracker",
                "Organisation of Islamic Cooperation mandates, paragraph by paragraph",
                "OIC Member States",
                "Member States of the Organisation of Islamic Cooperation",
            ],
        ),
        (
            "fr",
            [
                "Suivi de la mise en œuvre des résolutions",
                "Mandats de l’Organisation de la coopération islamique, paragraphe par paragraphe",
                "États membres de l’OCI",
                "États membres de l’Organisation de la coopération islamique",
            ],
        ),
        (
            "ar",
            [
                "نظام متابعة تنفيذ القرارات",
                "ولايات منظمة التعاون الإسلامي، فقرةً فقرة",
                "الدول الأعضاء في منظمة التعاون الإسلامي",
            ],
        ),
    ],
)
def test_default_branding_is_todays_wording(client, seeded, uncached, language, texts):
    page = squash(client.get(f"/{language}/member-states/").content.decode())
    for text in texts:
        assert text in page, text


def test_branding_comes_from_settings_in_each_language(client, seeded, uncached, settings):
    settings.BRANDING = {
        "name": {"en": "Mandate tracker", "fr": "Suivi des mandats", "ar": "متابعة الولايات"},
        "tagline": {"en": "UN General Assembly resolutions", "fr": "", "ar": ""},
        "body": {"en": "United Nations", "fr": "l’Organisation des Nations Unies", "ar": ""},
        "body_short": {"en": "UN", "fr": "l’ONU", "ar": "الأمم المتحدة"},
        "logo_url": "/static/img/logo.svg",
    }
    raw = client.get("/en/member-states/").content.decode()
    assert '<img class="brand__logo" src="/static/img/logo.svg"' in raw
    en = squash(raw)
    assert "Mandate tracker" in en and "UN General Assembly resolutions" in en
    assert "UN Member States" in en and "Member States of the United Nations" in en
    header = raw.split("<main")[0]
    assert "Islamic Cooperation" not in header and "OIC" not in header
    lead = raw[raw.index("<h1>") : raw.index('<form class="picker"')]
    assert "Islamic Cooperation" not in lead and "OIC" not in lead
    fr = squash(client.get("/fr/member-states/").content.decode())
    assert "Suivi des mandats" in fr and "États membres de l’ONU" in fr
    assert "UN General Assembly resolutions" in fr  # no French tagline: the English one
    ar = squash(client.get("/ar/member-states/").content.decode())
    assert "متابعة الولايات" in ar and "الدول الأعضاء في الأمم المتحدة" in ar
