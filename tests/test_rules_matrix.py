"""#11: the seven roll-up rules × every public surface, on the real 53/45-POL data.

README "Progress roll-up" states the rules; this module is their one matrix. Each state of the
data is rendered once (every page, the API, the JSON, CSV and XLSX files, the report and brief
PDFs) inside a transaction rolled back right after, with the page and file caches off, and
every rule that applies on that date is checked on every surface that shows it:

  state          as of       what it holds
  before         2017-12-01  before adoption (5 May 2018): rule 1
  adopted        2018-06-01  adopted, nothing assessed, the 2017 conference is context: 1, 2, 3
  seed           2018-11-29  the seed's headline, 28.6 %: rules 3, 5
  month          2019-03-01  the Contact Group's last meeting is "November 2018": rule 4
  later          2024-06-30  the conference series' window has run out, and a review record
                             (services-made) of 15 Jan 2024: rules 2, 6, 7

Surfaces: dashboard, resolution, paragraph and action pages, /actions/, the Member States list
and a Member State's page, the brief (HTML and PDF), the embeddable badge (today's headline:
rendered with today frozen on the state's date), /api/resolutions/, /api/paragraphs/,
/api/actions/, /api/status-updates/, the JSON data file, the report CSV, XLSX and PDF, the
action list's CSV and XLSX; and, rendered once in the "later" state as no ?as_of= moves them,
the four Atom feeds (site, resolution, action, Member State) and the Akoma Ntoso export.
Rule 2's positive case (the Second Conference, 29 Nov 2018, within a year of adoption: on
track, credited 100 %, until 29 Nov 2019) is read in the "seed" state.

French and Arabic: not the whole cross product (that would double the module's cost) but, per
state, the surfaces that carry that state's rules (IN_OTHER_LANGUAGES in rules_matrix.py):

  before   resolution, brief, badge            rule 1: "not yet adopted", no %, no count
  adopted  resolution, paragraph 4, action     rule 2: not yet due, due by; rule 3: not assessed
  seed     resolution, brief, badge, 2 actions rule 3: 28,6 %, n of N assessed, no sourced
                                               figure; rule 5: reported, never verified;
                                               rule 2's positive case
  month    the Contact Group's action page     rule 4: "novembre 2018", never a day
  later    resolution, action, badge, its feed rules 2, 6 (last reviewed, the feed's review
                                               entry), 7 (chart from adoption, dashed)

and "Delayed / stalled" on none of them in any state. The expected wording is the catalog's
(`said`: the translation must exist, so an English fallback fails), and dates are CLDR's
(`day`). Helpers and the rendering are in tests/rules_matrix.py."""

import re

import pytest

from tests.rules_matrix import (
    AKN,
    BADGE,
    DATA,
    FEEDS,
    HEADLINE_PERCENT,
    IN_OTHER_LANGUAGES,
    LANGUAGES,
    PDFS,
    RES,
    TEXTS,
    action_row,
    chart_rows,
    csv_row,
    day,
    flat,
    render_state,
    said,
    visible_text,
)

# Each test runs in its own transaction (so a state is rendered on the test database, in a
# savepoint rolled back at once); what it rendered is kept for the module's other tests.
pytestmark = pytest.mark.django_db
_STATES: dict = {}


@pytest.fixture(scope="module", autouse=True)
def _forget_states():
    yield
    _STATES.clear()


@pytest.fixture
def rendered(db):
    """rendered(state): that state's surfaces, rendered on first use, once per module (the
    module runs on one worker: ONE_WORKER_MODULES in tests/conftest.py)."""

    def get(state):
        if state not in _STATES:
            _STATES[state] = render_state(state)
        return _STATES[state]

    return get


# ---------------------------------------------------------------------------------------------
# Rule 1: before adoption there is nothing to score; earlier events are context, never credit.
# ---------------------------------------------------------------------------------------------
HEADLINE_SURFACES = (
    "dashboard",
    "resolution",
    "paragraph_4",
    "paragraph_7",
    "brief",
    *PDFS,
    *BADGE,
)


@pytest.mark.parametrize("surface", HEADLINE_SURFACES)
def test_rule1_before_adoption_says_not_yet_adopted_and_shows_no_percentage(rendered, surface):
    text = rendered("before").text(surface)
    assert "not yet adopted on that date" in text.lower(), surface
    assert not HEADLINE_PERCENT.findall(text), surface
    assert "actions assessed" not in text  # no "0 of 7 actions assessed" beside it
    assert not re.search(r"\d+ scored action", text)  # nothing is scored before adoption


@pytest.mark.parametrize(
    "surface",
    ("resolution", "paragraph_4", "action_list", "member_state", "member_states", "action_network"),
)
def test_rule1_no_action_credit_before_adoption_on_pages(rendered, surface):
    html = rendered("before").html(surface)
    assert not re.search(r'data-label="Counts in progress as">\s*\d', html), surface
    assert not re.search(r"progress as\s*\d+\s*%", rendered("before").text(surface)), surface


def test_rule1_nothing_is_stale_before_adoption(rendered):
    """Before adoption nothing is due: no action counts as "no update for over 12 months"."""
    before = rendered("before")
    text = before.text("dashboard")
    i = text.index("No update for over 12 months")
    assert text[i : i + 60].split("months", 1)[1].split()[:3] == ["0", "of", "7"], text[i : i + 60]
    assert {a["is_stale"] for a in before.json("api_actions")["results"]} == {False}


def test_rule1_no_percentage_before_adoption_in_the_data(rendered):
    before = rendered("before")
    progress = before.json("api_resolutions")["results"][0]["progress"]
    assert progress["percent"] is None and progress["not_yet_adopted"] is True
    paragraphs = before.json("api_paragraphs")["results"]
    operative = [p for p in paragraphs if p["progress"]]
    assert operative and all(
        p["progress"]["percent"] is None and p["progress"]["not_yet_adopted"] for p in operative
    )
    assert {a["credit"] for a in before.json("api_actions")["results"]} == {None}
    computed = before.json("json")["computed"]
    assert computed["resolution"]["percent"] is None
    assert computed["resolution"]["assessed"] == 0
    assert all(p["percent"] is None and p["assessed"] == 0 for p in computed["paragraphs"])
    assert {a["credit"] for a in computed["actions"]} == {None}
    for surface in ("report_csv", "report_xlsx"):
        rows = before.rows(surface)
        assert {r["paragraph_progress_percent"] for r in rows} <= {"", None}, surface
        assert {r["credit_percent"] for r in rows} <= {"", None}, surface
    for surface in ("actions_csv", "actions_xlsx"):
        assert {r["credit_percent"] for r in before.rows(surface)} <= {"", None}, surface


@pytest.mark.parametrize("surface", ("dashboard", "action_conference", "report_pdf"))
def test_rule1_the_conference_before_adoption_is_context(rendered, surface):
    """The First Conference (21 Nov 2017) is shown, labelled "before adoption"."""
    text = rendered("adopted").text(surface)
    shown = [m.start() for m in re.finditer("21 November 2017", text)]
    assert shown, surface
    assert all("before adoption" in text[i : i + 60] for i in shown), surface


def test_rule1_the_conference_before_adoption_is_context_in_the_workbook(rendered):
    rows = rendered("adopted").rows("report_xlsx", sheet="Occurrences")
    first = next(r for r in rows if r["title"] == "First OIC Member States Conference on Mediation")
    assert first["date"] == "21 November 2017 (before adoption)"


def test_rule1_the_conference_before_adoption_is_never_credited(rendered):
    adopted = rendered("adopted")
    assert action_row(adopted.json("api_actions")["results"], "annual-conference")["status"] == (
        "not_yet_due"
    )
    assert action_row(adopted.json("api_actions")["results"], "annual-conference")["credit"] is None
    computed = action_row(adopted.json("json")["computed"]["actions"], "annual-conference")
    assert computed["status"] == "not_yet_due" and computed["credit"] is None
    row = csv_row(adopted.rows("actions_csv"), "annual-conference")
    assert row["status"] == "not_yet_due" and row["credit_percent"] == ""


def test_rules1_and_3_on_the_changes_page(client):
    """From before adoption to a date with nothing assessed: no percentage on either side,
    and each says why."""
    response = client.get(f"{RES}/changes/", {"from": "2017-12-01", "to": "2018-06-01"})
    text = visible_text(response.content.decode())
    assert "Not yet adopted on that date" in text and "Not assessed" in text
    assert not HEADLINE_PERCENT.findall(text)


# ---------------------------------------------------------------------------------------------
# Rule 2: a recurring mandate is judged from adoption; no "delayed" inferred from silence.
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "surface", ("action_conference", "resolution", "action_list", "report_pdf")
)
def test_rule2_first_occurrence_not_yet_due_within_one_interval_of_adoption(rendered, surface):
    text = rendered("adopted").text(surface)
    assert "Not yet due" in text, surface


def test_rule2_not_yet_due_names_its_due_date(rendered):
    assert "due by 5 May 2019" in rendered("adopted").text("action_conference")


@pytest.mark.parametrize(
    "surface", ("action_conference", "resolution", "action_list", "dashboard", "brief", *PDFS)
)
def test_rule2_a_lapsed_window_is_no_occurrence_recorded_not_delayed(rendered, surface):
    text = rendered("later").text(surface)
    assert "No occurrence recorded" in text, surface


@pytest.mark.parametrize("surface", ("action_conference", "resolution", "action_list"))
def test_rule2_no_occurrence_recorded_names_the_date_it_fell_due(rendered, surface):
    assert re.search(r"5 Jun(e)? 2023", rendered("later").text(surface)), surface


def test_rule2_no_occurrence_recorded_in_the_data(rendered):
    later = rendered("later")
    assert action_row(later.json("api_actions")["results"], "annual-conference")["status"] == (
        "no_occurrence"
    )
    assert action_row(later.json("json")["computed"]["actions"], "annual-conference")["status"] == (
        "no_occurrence"
    )
    for surface in ("actions_csv", "report_csv"):
        assert csv_row(later.rows(surface), "annual-conference")["status"] == "no_occurrence"


@pytest.mark.parametrize("state", ("before", "adopted", "seed", "month", "later"))
def test_rule2_delayed_is_never_inferred_from_silence(rendered, state):
    """No source of 53/45-POL reports a delay: "Delayed / stalled" is nowhere a status."""
    r = rendered(state)
    for surface in TEXTS:
        assert 'class="status status--delayed' not in r.html(surface), (state, surface)
    for surface in PDFS:
        assert not re.search(r"Delayed / stalled(?! 0)", r.text(surface)), (state, surface)
    assert "delayed" not in {a["status"] for a in r.json("api_actions")["results"]}
    assert "delayed" not in {a["status"] for a in r.json("json")["computed"]["actions"]}
    assert r.json("json")["computed"]["resolution"]["by_status"]["delayed"] == 0
    for surface in ("actions_csv", "report_csv", "actions_xlsx"):
        assert "delayed" not in {row["status"] for row in r.rows(surface)}, (state, surface)


# ---------------------------------------------------------------------------------------------
# Rule 3: no percentage without an assessment; "no sourced figure" beside a bare 0 %.
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("surface", HEADLINE_SURFACES)
def test_rule3_nothing_assessed_shows_not_assessed_and_no_percentage(rendered, surface):
    """1 June 2018: adopted, nothing assessed. The seed's second headline fact."""
    text = rendered("adopted").text(surface)
    assert "not assessed" in text.lower(), surface
    assert not HEADLINE_PERCENT.findall(text), surface


def test_rule3_nothing_assessed_in_the_data(rendered):
    adopted = rendered("adopted")
    progress = adopted.json("api_resolutions")["results"][0]["progress"]
    assert progress["percent"] is None and progress["assessed"] == 0
    assert progress["not_yet_adopted"] is False
    assert all(
        p["progress"]["percent"] is None
        for p in adopted.json("api_paragraphs")["results"]
        if p["progress"]
    )
    computed = adopted.json("json")["computed"]
    assert computed["resolution"]["percent"] is None
    assert computed["resolution"]["assessed"] == 0  # "not yet due" is not an assessment
    assert all(p["percent"] is None for p in computed["paragraphs"])
    for surface in ("report_csv", "report_xlsx"):
        rows = adopted.rows(surface)
        assert {r["paragraph_progress_percent"] for r in rows} <= {"", None}, surface


@pytest.mark.parametrize("surface", ("dashboard", "resolution", "brief", *PDFS, *BADGE))
def test_rule3_the_seed_headline_is_28_6_with_5_of_7_assessed(rendered, surface):
    text = rendered("seed").text(surface)
    assert "28.6%" in text, surface
    assert "5 of 7 actions assessed" in text, surface
    assert "2 in progress — no sourced figure" in text, surface


def test_rule3_the_seed_headline_in_the_data(rendered):
    seed = rendered("seed")
    progress = seed.json("api_resolutions")["results"][0]["progress"]
    assert (progress["percent"], progress["assessed"], progress["scored"]) == (28.6, 5, 7)
    assert progress["unfigured"] == 2
    computed = seed.json("json")["computed"]["resolution"]
    assert (computed["percent"], computed["assessed"]) == (28.6, 5)
    # The CSV's and workbook's paragraph column: 4 and 5 unassessed (empty, never 0), 7 and 8
    # in progress with no sourced figure (0.0).
    for surface in ("report_csv", "report_xlsx"):
        by_paragraph = {
            r["paragraph"]: r["paragraph_progress_percent"]
            for r in seed.rows(surface)
            if r["action_key"]
        }
        assert {k: by_paragraph[k] for k in ("4", "5")} == {"4": None, "5": None} or {
            k: by_paragraph[k] for k in ("4", "5")
        } == {"4": "", "5": ""}, surface
        assert float(by_paragraph["7"]) == 0.0 and float(by_paragraph["8"]) == 0.0, surface


@pytest.mark.parametrize("surface", ("paragraph_4", "paragraph_5"))
def test_rule3_an_unassessed_paragraph_is_not_assessed_never_0(rendered, surface):
    text = rendered("seed").text(surface)
    assert "Not assessed" in text and not HEADLINE_PERCENT.findall(text), surface


def test_rule3_unassessed_paragraphs_in_the_report_and_the_api(rendered):
    seed = rendered("seed")
    pdf = seed.text("report_pdf")
    assert pdf.count("Progress of this paragraph: not assessed.") == 2  # paragraphs 4 and 5
    assert pdf.count("Progress of this paragraph: 0.0%. (1 in progress — no sourced figure)") == 2
    percents = {
        p["number"]: p["progress"]["percent"]
        for p in seed.json("api_paragraphs")["results"]
        if p["progress"]
    }
    assert percents["4"] is None and percents["5"] is None
    assert percents["7"] == 0.0 and percents["8"] == 0.0


@pytest.mark.parametrize("surface", ("paragraph_4", "resolution"))
def test_rule3_an_unassessed_actions_zero_says_until_assessed(rendered, surface):
    """An action never assessed counts 0 % beside assessed ones; its row says why, so that the
    0 % is not read as "assessed, nothing done" (Türkiye's page read "Never assessed 0%")."""
    text = rendered("seed").text(surface)
    assert "0% (until assessed)" in text, surface
    if surface == "paragraph_4":  # its only action is unassessed: no other, bare 0 %
        assert not re.search(r"(?<![\d.])0%(?! \(until assessed\))", text), surface


@pytest.mark.parametrize("surface", ("paragraph_7", "resolution", "dashboard"))
def test_rule3_a_zero_for_work_under_way_says_no_sourced_figure(rendered, surface):
    """Every 0.0 % is followed by its note (a headline's comes after "n of N assessed")."""
    text = rendered("seed").text(surface)
    zeros = list(re.finditer(r"\b0\.0%", text))
    assert zeros, surface
    for match in zeros:
        assert "no sourced figure" in text[match.end() : match.end() + 80], surface


# ---------------------------------------------------------------------------------------------
# Rule 4: dates keep their precision ("November 2018", 2018-11), never an invented day.
# ---------------------------------------------------------------------------------------------
INVENTED_DAY = re.compile(r"\b1 Nov(ember)?\b|2018-11-01")


@pytest.mark.parametrize("surface", (*TEXTS, *PDFS, *BADGE, "report_csv", "actions_csv"))
def test_rule4_the_month_meeting_is_never_given_a_day(rendered, surface):
    month = rendered("month")
    assert not INVENTED_DAY.search(month.text(surface)), surface


@pytest.mark.parametrize("surface", ("action_contact_group", "resolution", "report_pdf"))
def test_rule4_the_month_meeting_is_shown_as_a_month(rendered, surface):
    assert re.search(r"Nov(ember)? 2018", rendered("month").text(surface)), surface


def test_rule4_the_month_meeting_in_the_data(rendered):
    month = rendered("month")
    api = action_row(month.json("api_actions")["results"], "contact-group")
    assert (api["last_occurrence_on"], api["last_occurrence_precision"]) == ("2018-11", "month")
    for surface in ("actions_csv", "actions_xlsx"):
        assert csv_row(month.rows(surface), "contact-group")["last_occurrence_on"] == "2018-11"
    data = month.json("json")
    meeting = next(
        o
        for a in data["resolution"]["actions"]
        for o in a["occurrences"]
        if o["key"] == "meeting-2018-11"
    )
    assert meeting["date_precision"] == "month"
    computed = action_row(data["computed"]["actions"], "contact-group")
    assert computed["last_occurrence_precision"] == "month"
    workbook = month.rows("report_xlsx", sheet="Occurrences")
    row = next(r for r in workbook if r["title"].startswith("Second meeting of the OIC Contact"))
    assert (row["date"], row["start_date"]) == ("November 2018", "2018-11")


def test_rule4_the_chart_lists_the_month_meeting_when_it_counts_with_its_month(rendered):
    rows = chart_rows(rendered("month").html("resolution"))
    held = [r for r in rows if "Second meeting of the OIC Contact Group" in r[2]]
    assert held == [("2 Dec 2018", held[0][1], held[0][2])]
    assert "(November 2018)" in held[0][2]


# ---------------------------------------------------------------------------------------------
# Rule 5: imported updates are "reported", never "verified" without a named reviewer.
# ---------------------------------------------------------------------------------------------
VERIFIED = re.compile(r"\bverified\b", re.I)


@pytest.mark.parametrize(
    "surface", ("action_network", "action_contact_group", "paragraph_7", "dashboard", "report_pdf")
)
def test_rule5_imported_updates_read_reported(rendered, surface):
    text = rendered("seed").text(surface)
    assert "reported" in text.lower(), surface


@pytest.mark.parametrize("surface", (*TEXTS, *PDFS))
def test_rule5_nothing_reads_verified(rendered, surface):
    """No reviewer verified any of 53/45-POL's updates: the word is nowhere a claim."""
    assert not VERIFIED.search(rendered("seed").text(surface)), surface


def test_rule5_imported_updates_are_reported_in_the_data(rendered):
    seed = rendered("seed")
    updates = seed.json("api_status_updates")["results"]
    assert updates and {(u["verification"], u["verified_at"]) for u in updates} == {
        ("reported", None)
    }
    data = seed.json("json")["resolution"]["actions"]
    in_file = [u for a in data for u in a["status_updates"]]
    assert {(u["verification"], u["verified_by"], u["verified_on"]) for u in in_file} == {
        ("reported", None, None)
    }
    for surface in ("report_csv", "actions_csv"):
        found = {r["latest_update_verification"] for r in seed.rows(surface)}
        assert found <= {"reported", ""} and "reported" in found, surface


# ---------------------------------------------------------------------------------------------
# Rule 6: "last reviewed" beside "last status change"; staleness measured from the review.
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "surface",
    ("dashboard", "resolution", "action_conference", "action_list", "brief", *PDFS),
)
def test_rule6_last_reviewed_is_shown(rendered, surface):
    assert re.search(r"15 Jan(uary)? 2024", rendered("later").text(surface)), surface


def test_rule6_last_reviewed_beside_last_status_change_on_the_action_page(rendered):
    text = rendered("later").text("action_conference")
    assert "Last status change: 29 November 2018. Last reviewed: 15 January 2024." in text


def test_rule6_last_reviewed_and_staleness_in_the_data(rendered):
    later = rendered("later")
    api = action_row(later.json("api_actions")["results"], "annual-conference")
    assert (api["last_reviewed_on"], api["is_stale"]) == ("2024-01-15", False)
    network = action_row(later.json("api_actions")["results"], "network")
    assert (network["last_reviewed_on"], network["is_stale"]) == (None, True)
    computed = action_row(later.json("json")["computed"]["actions"], "annual-conference")
    assert (computed["last_reviewed"], computed["stale"]) == ("2024-01-15", False)
    for surface in ("report_csv", "actions_csv"):
        row = csv_row(later.rows(surface), "annual-conference")
        assert (row["last_reviewed_on"], row["stale"]) == ("2024-01-15", "false"), surface
    for surface in ("report_xlsx", "actions_xlsx"):
        row = csv_row(later.rows(surface), "annual-conference")
        assert str(row["last_reviewed_on"])[:10] == "2024-01-15", surface


# ---------------------------------------------------------------------------------------------
# Rule 7: the chart starts at adoption, steps are explained, unrecorded periods are dashed.
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("state", ("adopted", "seed", "month", "later"))
@pytest.mark.parametrize("surface", ("dashboard", "resolution"))
def test_rule7_the_chart_starts_at_adoption_and_explains_each_step(rendered, state, surface):
    rows = chart_rows(rendered(state).html(surface))
    assert rows[0] == ("5 May 2018", "no percentage", "Adopted"), (state, surface)
    previous = None
    for when, percent, what in rows:
        if percent != previous and previous is not None:
            assert what, (state, surface, when)  # every step names what caused it
        previous = percent


@pytest.mark.parametrize("surface", ("dashboard", "resolution"))
def test_rule7_before_adoption_there_is_no_line(rendered, surface):
    assert "No scored action on any date shown." in rendered("before").text(surface)


@pytest.mark.parametrize("surface", ("dashboard", "resolution"))
def test_rule7_after_the_last_record_the_line_is_dashed(rendered, surface):
    later = rendered("later")
    html = later.html(surface)
    assert re.search(r'<path d="M[^"]+"[^>]*stroke-dasharray="6 5"', html), surface
    text = later.text(surface)
    assert "the dashed part shows only what the rules derive from older records" in text
    # The review of 15 Jan 2024 is the last record: nothing before it is drawn dashed.
    assert "Nothing has been recorded since 15 January 2024" in text, surface


def test_rule7_the_seed_chart_ends_at_28_6(rendered):
    rows = chart_rows(rendered("seed").html("resolution"))
    assert rows[-1][:2] == ("29 Nov 2018", "28.6%")


# ---------------------------------------------------------------------------------------------
# Every surface rendered, and every page answers.
# ---------------------------------------------------------------------------------------------
def test_every_surface_was_rendered_in_every_state(rendered):
    for state in ("before", "adopted", "seed", "month", "later"):
        r = rendered(state)
        once = {*FEEDS, *AKN} if state == "later" else set()
        others = {f"{lang}:{s}" for lang in LANGUAGES for s in IN_OTHER_LANGUAGES[state]}
        assert set(r.bodies) == {*TEXTS, *PDFS, *DATA, *BADGE, *once, *others}, state
        assert all(flat(r.text(s)) for s in (*TEXTS, *BADGE, *once, *others)), state


# ---------------------------------------------------------------------------------------------
# Rule 2's positive case: an occurrence recorded within its window is credited, with its date
# and the date the next one falls due.
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ("en", *LANGUAGES))
def test_rule2_an_occurrence_within_its_window_is_credited_with_its_dates(rendered, lang):
    """29 Nov 2018: the Second Conference, within a year of adoption (its first was due by
    5 May 2019), holds the mandate on track until 29 Nov 2019 and counts 100 %."""
    surface = "action_conference" if lang == "en" else f"{lang}:action_conference"
    text = rendered("seed").text(surface)
    ongoing = said(lang, "Ongoing (on track)")
    assert ongoing.search(text) and not said(lang, "No occurrence recorded").search(text)
    assert said(lang, "Not yet due").search(text) is None
    held = said(
        lang,
        'Latest occurrence: <time datetime="%(iso)s">%(day)s</time>.',
        day=day(lang, "2018-11-29"),
    )
    assert held.search(text), lang
    until = said(lang, "this one is on track until %(day)s.", day=day(lang, "2019-11-29"))
    assert until.search(text), lang
    assert re.search(r"\b100\s?%", text), lang  # credited in full


def test_rule2_an_occurrence_within_its_window_is_credited_in_the_data(rendered):
    seed = rendered("seed")
    api = action_row(seed.json("api_actions")["results"], "annual-conference")
    assert (api["status"], api["credit"], api["last_occurrence_on"]) == (
        "ongoing",
        100,
        "2018-11-29",
    )
    computed = action_row(seed.json("json")["computed"]["actions"], "annual-conference")
    assert (computed["status"], computed["credit"]) == ("ongoing", 100)
    for surface in ("actions_csv", "report_csv"):
        row = csv_row(seed.rows(surface), "annual-conference")
        assert (row["status"], float(row["credit_percent"])) == ("ongoing", 100.0), surface
    assert csv_row(seed.rows("actions_xlsx"), "annual-conference")["status"] == "ongoing"
    # Held, and counted in the headline: 2 of 7 credited in full (the Contact Group, completed,
    # and the conference) is the seed's 28.6 %.
    assert seed.json("api_resolutions")["results"][0]["progress"]["percent"] == 28.6


# ---------------------------------------------------------------------------------------------
# The badge, the member states list, the Atom feeds and the Akoma Ntoso export.
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("state", ("adopted", "seed", "later"))
def test_the_badge_says_the_headline_as_the_pages_do(rendered, state):
    """Today's badge, with today frozen on the state's date: "not assessed" for nothing
    assessed, the count beside a percentage, and the in-progress-without-figure note."""
    text = rendered(state).text("badge")
    progress = rendered(state).json("api_resolutions")["results"][0]["progress"]
    if progress["percent"] is None:
        assert "Not assessed" in text and not re.search(r"\d\s?%", text), state
    else:
        assert f"{progress['percent']}%" in text, state
        assert f"{progress['assessed']} of {progress['scored']} actions assessed" in text
        assert f"{progress['unfigured']} in progress — no sourced figure" in text, state


@pytest.mark.parametrize("state", ("before", "adopted", "seed", "month", "later"))
def test_the_member_states_list_shows_no_percentage_and_no_status_claim(rendered, state):
    r = rendered(state)
    text = r.text("member_states")
    assert not re.search(r"\d\s?%", text), state
    assert "Delayed / stalled" not in text and not re.search(r"\bverified\b", text, re.I)


def test_the_member_states_list_counts_no_event_before_adoption_as_counted_work(rendered):
    """Before adoption the list names no counted event (the 2017 conference is context on the
    pages that show it, labelled, never part of the counts a source gives for a mandate)."""
    before = rendered("before").text("member_states")
    assert "29 November 2018" not in before
    assert "Members of the Contact Group" not in before


@pytest.mark.parametrize("surface", FEEDS)
def test_rules_2_and_5_the_feeds_claim_no_delay_no_verification_no_percentage(rendered, surface):
    text = rendered("later").text(surface)
    assert "Delayed / stalled" not in text, surface
    assert not re.search(r"\bverified\b", text, re.I), surface
    assert not re.search(r"\d\s?%", text), surface
    assert not re.search(r"\b1 Nov(ember)? 2018|2018-11-01", text), surface  # rule 4


@pytest.mark.parametrize("surface", ("feed_site", "feed_resolution", "feed_action"))
def test_rule6_the_feeds_list_the_review_record(rendered, surface):
    text = rendered("later").text(surface)
    assert (
        "Hold the OIC Member States Conference on Mediation annually: "
        "sources reviewed on 15 January 2024, no change"
    ) in text, surface


def test_the_feeds_list_status_updates_by_the_date_they_are_as_of(rendered):
    """Each entry names its status and the as-of date at day precision (a status update is
    always dated to the day), the labels the roll-up gives."""
    text = rendered("later").text("feed_action")
    assert "Ongoing (on track) (as of 29 November 2018)" in text


def test_the_akn_export_holds_text_and_the_adoption_date_never_a_score(rendered):
    later = rendered("later")
    xml = later.html("akn")
    assert '<FRBRdate date="2018-05-05" name="adoption"/>' in xml
    text = later.text("akn")
    assert not re.search(r"\d\s?%", text)  # no percentage, no credit
    labels = ("Not yet assessed", "In progress", "Completed", "Ongoing (on track)", "Delayed")
    assert not any(label in text for label in labels)
    assert not re.search(r"\bverified\b", text, re.I)
    assert not re.search(r"2018-11-01|\b1 Nov(ember)? 2018", xml)  # rule 4


# ---------------------------------------------------------------------------------------------
# The rules in French and Arabic, on the surfaces of IN_OTHER_LANGUAGES (rules_matrix.py).
# ---------------------------------------------------------------------------------------------
def lang_surfaces(state):
    return [(lang, name) for lang in LANGUAGES for name in IN_OTHER_LANGUAGES[state]]


@pytest.mark.parametrize("lang, surface", lang_surfaces("before"))
def test_rule1_in_other_languages(rendered, lang, surface):
    text = rendered("before").text(f"{lang}:{surface}")
    assert said(lang, "Not yet adopted on that date").search(text), (lang, surface)
    assert not HEADLINE_PERCENT.findall(text), (lang, surface)
    assessed = said(lang, "%(n)s of %(total)s actions assessed", "plural", 7, total=7)
    badge_count = said(lang, "%(assessed)s of %(n)s action assessed", "plural", 7, n=7)
    assert not assessed.search(text) and not badge_count.search(text), (lang, surface)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_rule2_not_yet_due_in_other_languages(rendered, lang):
    text = rendered("adopted").text(f"{lang}:action_conference")
    assert said(lang, "Not yet due").search(text), lang
    due = said(lang, "The first one is due by %(day)s.", day=day(lang, "2019-05-05"))
    assert due.search(text), lang


@pytest.mark.parametrize(
    "lang, surface", [(lang, s) for lang in LANGUAGES for s in ("resolution", "action_conference")]
)
def test_rule2_no_occurrence_recorded_in_other_languages(rendered, lang, surface):
    text = rendered("later").text(f"{lang}:{surface}")
    assert said(lang, "No occurrence recorded").search(text), (lang, surface)
    assert day(lang, "2023-06-05", "medium") in text or day(lang, "2023-06-05") in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_rule2_the_lapsed_window_names_the_date_it_ran_out_in_other_languages(rendered, lang):
    text = rendered("later").text(f"{lang}:action_conference")
    ran_out = said(
        lang,
        "that interval ran out on %(day)s, and no later occurrence is recorded.",
        day=day(lang, "2023-06-05"),
    )
    assert ran_out.search(text), lang


@pytest.mark.parametrize("state", ("before", "adopted", "seed", "month", "later"))
def test_rule2_delayed_is_never_inferred_in_other_languages(rendered, state):
    r = rendered(state)
    for lang, surface in lang_surfaces(state):
        text = r.text(f"{lang}:{surface}")
        assert not said(lang, "Delayed / stalled").search(text), (state, lang, surface)
        if surface in TEXTS:
            assert 'class="status status--delayed' not in r.html(f"{lang}:{surface}"), (
                state,
                lang,
                surface,
            )


@pytest.mark.parametrize(
    "lang, surface", [(lang, s) for lang in LANGUAGES for s in ("resolution", "paragraph_4")]
)
def test_rule3_nothing_assessed_in_other_languages(rendered, lang, surface):
    text = rendered("adopted").text(f"{lang}:{surface}")
    assert said(lang, "Not assessed").search(text), (lang, surface)
    assert not HEADLINE_PERCENT.findall(text), (lang, surface)


@pytest.mark.parametrize(
    "lang, surface", [(lang, s) for lang in LANGUAGES for s in ("resolution", "brief", "badge")]
)
def test_rule3_the_seed_headline_in_other_languages(rendered, lang, surface):
    text = rendered("seed").text(f"{lang}:{surface}")
    assert "28,6%" in text or "28,6 %" in text, (lang, surface)
    page = said(lang, "%(n)s of %(total)s actions assessed", "plural", 5, n=5, total=7)
    badge = said(lang, "%(assessed)s of %(n)s action assessed", "plural", 7, assessed=5, n=7)
    assert page.search(text) or badge.search(text), (lang, surface)
    assert said(lang, "no sourced figure").search(text), (lang, surface)
    if surface != "brief":  # the brief says it per paragraph line
        note = said(lang, "%(n)s in progress — no sourced figure", "plural", 2, n=2)
        assert note.search(text), (lang, surface)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_rule4_the_month_meeting_keeps_its_month_in_other_languages(rendered, lang):
    text = rendered("month").text(f"{lang}:action_contact_group")
    assert day(lang, "2018-11-01", "month") in text, lang
    for style in ("long", "medium"):
        invented = re.escape(day(lang, "2018-11-01", style))
        assert not re.search(rf"(?<!\d){invented}", text), (lang, style)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_rule5_reported_not_verified_in_other_languages(rendered, lang):
    seed = rendered("seed")
    for surface in ("action_network", "action_conference"):
        text = seed.text(f"{lang}:{surface}")
        assert said(lang, "Reported").search(text), (lang, surface)
        assert not said(lang, "Verified").search(text), (lang, surface)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_rule6_last_reviewed_in_other_languages(rendered, lang):
    later = rendered("later")
    action = later.text(f"{lang}:action_conference")
    reviewed = said(lang, "Last reviewed: %(day)s.", day=day(lang, "2024-01-15"))
    assert reviewed.search(action), lang
    changed = said(lang, "Last status change: %(day)s.", day=day(lang, "2018-11-29"))
    assert changed.search(action), lang
    page = later.text(f"{lang}:resolution")
    assert day(lang, "2024-01-15") in page or day(lang, "2024-01-15", "medium") in page, lang
    feed = later.text(f"{lang}:feed_action")
    review = said(
        lang,
        "%(symbol)s · %(action)s: sources reviewed on %(day)s, no change",
        symbol="53/45-POL",
        day=day(lang, "2024-01-15"),
    )
    assert review.search(feed), lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_rule7_the_chart_in_other_languages(rendered, lang):
    later = rendered("later")
    html = later.html(f"{lang}:resolution")
    rows = chart_rows(html, lang)
    assert rows[0][0] == day(lang, "2018-05-05", "medium"), lang
    assert said(lang, "no percentage").fullmatch(rows[0][1]), lang
    assert rows[0][2] and all(what for _day, _percent, what in rows), lang
    assert re.search(r'<path d="M[^"]+"[^>]*stroke-dasharray="6 5"', html), lang
    dashed = said(
        lang,
        "Nothing has been recorded since %(day)s: the dashed part shows only what the rules "
        "derive from older records (for example a recurring mandate’s interval running out), "
        "not a new measurement.",
        day=day(lang, "2024-01-15"),
    )
    assert dashed.search(later.text(f"{lang}:resolution")), lang
