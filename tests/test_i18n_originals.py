"""A reader can always see the original beside a translation (#13 item 1): on the pages, every
status note, description and summary shown in the project's unofficial translation has the
text it was made from one tap away (<details class="tr-original">, no hovering), tagged with its
language; the PDF report prints it under the translation, labelled
(tests/test_i18n_content_exports.py checks the PDFs)."""

import html
import re

import pytest

from resolutions.models import Action, StatusUpdate
from resolutions.translations import translated
from tests.test_i18n import _get

pytestmark = pytest.mark.django_db

LABEL = {"fr": "Original (Anglais)", "ar": "النص الأصلي (الإنجليزيّة)"}


def _originals(page):
    return [
        (summary, html.unescape(text))
        for summary, text in re.findall(
            r'<details class="tr-original"><summary>(.*?)</summary>'
            r'<p lang="en" dir="ltr">(.*?)</p></details>',
            page,
            re.S,
        )
    ]


@pytest.mark.parametrize("language", ("fr", "ar"))
def test_the_action_page_shows_the_original_of_each_translated_note(seeded, language):
    action = Action.objects.get(key="network")
    page = _get(f"/actions/{action.pk}/?as_of=2026-12-07", language).content.decode()
    shown = _originals(page)
    notes = [
        u.note
        for u in StatusUpdate.objects.public().filter(action=action)
        if translated(u, "note", language).translation is not None
    ]
    assert notes
    for note in notes:
        assert (LABEL[language], note) in shown
        assert translated(StatusUpdate.objects.get(note=note), "note", language).text in (
            html.unescape(page)
        )


@pytest.mark.parametrize("language", ("fr", "ar"))
def test_the_resolution_page_shows_the_original_summary(seeded, language):
    page = _get(f"/resolutions/{seeded.slug}/", language).content.decode()
    assert (LABEL[language], seeded.summary) in _originals(page)


def test_nothing_is_added_in_english(seeded):
    page = _get(f"/resolutions/{seeded.slug}/", "en").content.decode()
    assert 'class="tr-original"' not in page.split('class="summary"')[1][:2000]


@pytest.mark.parametrize("language", ("fr", "ar"))
def test_the_report_prints_the_original_under_each_unofficial_translation(seeded, language):
    """In the report's HTML (what WeasyPrint prints): every translated status note has its
    English original under it, labelled and isolated (lang="en", dir="ltr" on a <bdi>), and an
    original appears nowhere else."""
    from datetime import date

    from django.utils import translation
    from django.utils.html import escape

    from exports.formats import render_report_html
    from exports.report.progress import build_report

    with translation.override(language):
        page = render_report_html(build_report(seeded, date(2026, 12, 7)))
    element = re.compile(r'<(p|span) class="tr-original">(.*?)</\1>', re.S)
    printed = [
        re.fullmatch(
            r'<span class="tr-original__label">(.+?)</span> '
            r'<bdi lang="(\w+)" dir="(\w+)">(.*)</bdi>',
            body,
            re.S,
        )
        for _tag, body in element.findall(page)
    ]
    assert printed and all(printed)
    originals = {html.unescape(m[4]) for m in printed}
    assert all(m[2] == "en" and m[3] == "ltr" for m in printed if m[4].isascii())
    # (The label "(unofficial translation)" keeps the original in its title attribute too, for
    # a pointer: not printed.)
    elsewhere = re.sub(r' title="[^"]*"', "", element.sub("", page))
    # The notes the report prints (each action's latest), in the report's language.
    notes = [
        u.note
        for u in StatusUpdate.objects.public().filter(action__resolution=seeded)
        if translated(u, "note", language).translation is not None
        and escape(translated(u, "note", language).text) in page
    ]
    assert len(notes) >= 4
    for note in notes:
        assert note in originals, note[:60]
        assert escape(note) not in elsewhere, note[:60]
