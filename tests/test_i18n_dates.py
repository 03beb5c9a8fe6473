"""Dates in the reader's language through CLDR (Babel), with their precision (issue #13, item 3)."""

import re
from datetime import date
from html import unescape as html_unescape

import pytest
from django.template import Context, Template
from django.utils import translation

from resolutions.models import Action, SourceDocument
from resolutions.translations import format_day
from tests.test_i18n import _get
from tests.test_i18n_bidi import _pdf_text

DAY = date(2018, 11, 29)
CONTENT = "|".join(
    (
        r"<blockquote[^>]*>.*?</blockquote>",
        r'<p dir="auto">.*?</p>',
        r'<span lang="en" dir="ltr">.*?</span>',
        r'<bdi lang="en" dir="ltr">.*?</bdi>',
        # The original beside an unofficial translation (#13 item 1), in its own language.
        r'<details class="tr-original">.*?</details>',
    )
)


def test_format_day_follows_cldr():
    assert format_day(DAY, "long", "en") == "29 November 2018"
    assert format_day(DAY, "medium", "en") == "29 Nov 2018"
    assert format_day(DAY, "long", "fr") == "29 novembre 2018"
    assert format_day(DAY, "medium", "fr") == "29 nov. 2018"
    assert format_day(DAY, "month", "fr") == "novembre 2018"
    assert format_day(DAY, "long", "ar") == "29 نوفمبر 2018"
    # CLDR's Arabic medium date is numeric with right-to-left marks: never written.
    assert format_day(DAY, "medium", "ar") == "29 نوفمبر 2018"
    assert format_day(None) == ""


def test_one_filter_in_templates():
    template = Template('{% load content_i18n %}{{ d|ldate }}|{{ d|ldate:"medium" }}')
    with translation.override("fr"):
        assert template.render(Context({"d": date(2026, 12, 7)})) == "7 décembre 2026|7 déc. 2026"


@pytest.mark.parametrize("language", ("fr", "ar"))
def test_pages_write_dates_the_readers_way(seeded, language):
    english_months = re.compile(
        r"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w* \d{4}"
    )
    capital_fr = re.compile(r"\b\d{1,2} (Janv|Févr|Mars|Avr|Mai|Juin|Juil|Août|Sept|Oct|Nov|Déc)")
    english_titles = [
        " ".join(t.split()) for t in SourceDocument.objects.values_list("title", flat=True)
    ]
    paths = ["/", "/actions/", f"/resolutions/{seeded.slug}/", "/member-states/TUR/"]
    paths += [f"/actions/{a.pk}/" for a in Action.objects.all()]
    for path in paths:
        html = _get(f"{path}?as_of=2019-01-01", language).content.decode()
        main = html.split("<main", 1)[1]
        # Quotes from sources and status notes are content, in the language they were written
        # in (tests/test_i18n_content.py checks content); the dates the pages write are ours.
        main = re.sub(CONTENT, "", main, flags=re.S)
        text = re.sub(r"\s+", " ", html_unescape(re.sub(r"<[^>]+>", "", main)))
        for quoted in english_titles:  # source titles are quoted in their own language
            text = text.replace(quoted, "")
        assert not english_months.search(text), (path, english_months.search(text).group(0))
        assert not capital_fr.search(text), (path, capital_fr.search(text).group(0))
    actions = _get("/actions/?as_of=2019-01-01", language).content.decode()
    wanted = {"fr": "29 nov. 2018", "ar": "29 نوفمبر 2018"}[language]
    assert wanted in actions


def test_a_month_precise_date_stays_a_month(seeded):
    group = Action.objects.get(key="contact-group")
    page = _get(f"/actions/{group.pk}/?as_of=2019-01-01", "fr").content.decode()
    assert "novembre 2018" in page and "1 novembre 2018" not in page
    page = _get(f"/actions/{group.pk}/?as_of=2019-01-01", "ar").content.decode()
    assert "نوفمبر 2018" in page and "1 نوفمبر 2018" not in page


def test_french_pdf_dates(seeded):
    text = _pdf_text(_get(f"/resolutions/{seeded.slug}/report.pdf?as_of=2018-11-29", "fr").content)
    assert "29 novembre 2018" in text
    # No English-style abbreviated month ("Nov 2018", "Déc 2026"); "Déclaration" is a word.
    assert "Nov 2018" not in text and not re.search(r"\bDéc\b", text)
