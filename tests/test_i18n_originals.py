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
# An original printed in a PDF (report_text.original_of): a <p>, or a <span> in a table cell
# or a line (whose label is a <span> too).
ELEMENT = (
    r'<(p|span) class="tr-original">'
    r'(<span class="tr-original__label">.*?</span> <bdi [^>]*>.*?</bdi>)</\1>'
)


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
    element = re.compile(ELEMENT, re.S)
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


def _printed_originals(markup):
    """The originals printed in `markup` (report_text.original_of): {text}, each checked to be
    labelled and isolated in its language."""
    element = re.compile(ELEMENT, re.S)
    found = set()
    for _tag, body in element.findall(markup):
        m = re.fullmatch(
            r'<span class="tr-original__label">(.+?)</span> '
            r'<bdi lang="(\w+)" dir="(\w+)">(.*)</bdi>',
            body,
            re.S,
        )
        assert m, body[:120]
        assert m[1] in ("Original (anglais) :", "النص الأصلي (الإنجليزيّة):"), m[1]
        assert (m[2], m[3]) == ("en", "ltr")
        found.add(html.unescape(m[4]))
    return found


def _not_printed(wanted, printed):
    """The wanted originals not in `printed`, alone or as one of the parts of a line printed
    under one label ("Council of Foreign Ministers…, 45th session, Dhaka, …")."""
    return {
        w
        for w in wanted
        if not any(w == t or t.startswith(f"{w}, ") or f", {w}" in t for t in printed)
    }


def _made_from(shown):
    """The original of a report field shown as the project's unofficial translation, else None."""
    from resolutions.models.translations import TranslationProvenance

    t = getattr(shown, "translation", None)
    if t is None or t.provenance != TranslationProvenance.TRANSLATION:
        return None
    return t.original_text


@pytest.mark.parametrize("language", ("fr", "ar"))
def test_the_brief_prints_the_original_of_each_unofficial_translation(seeded, language):
    """#13: the one-page brief (its PDF is printed from this markup) prints, beside each action
    title, paragraph subject and the adopting body, session and place shown in an unofficial
    translation, the English original, labelled as in the report; a subject that is word for
    word one of its actions' titles has it once, under the action, on the same line."""
    from datetime import date

    from django.utils import translation

    from exports.brief import build_brief, render_brief_html

    with translation.override(language):
        brief = build_brief(seeded, date(2018, 11, 29))
        page = render_brief_html(brief, pdf=True)
    printed = _printed_originals(page)
    r = brief["r"]
    wanted = [_made_from(r[k]) for k in ("adopting_body", "session", "place")]
    for line in brief["lines"]:
        wanted += [_made_from(a["title"]) for a in line["actions"]]
        wanted.append(_made_from(line["summary"]))
    wanted = [w for w in wanted if w]
    assert len(wanted) >= 10
    assert not _not_printed(wanted, printed), _not_printed(wanted, printed)


@pytest.mark.parametrize("language", ("fr", "ar"))
def test_the_report_annex_prints_the_original_of_each_unofficial_translation(seeded, language):
    """#13: the report's annex tables (not only its section 3) print the original beside each
    action title, paragraph subject, event name, theme and place and figure label shown in an
    unofficial translation."""
    from datetime import date

    from django.utils import translation

    from exports.formats import render_report_html
    from exports.report.progress import build_report

    with translation.override(language):
        report = build_report(seeded, date(2026, 12, 7))
        page = render_report_html(report)
    annex = page.split('<section class="annex">', 1)[1]
    printed = _printed_originals(annex)
    wanted = [_made_from(a["title"]) for a in report["actions"]]
    wanted += [_made_from(p["summary"]) for p in report["paragraphs"]]
    for o in report["occurrences"]:
        wanted += [_made_from(o["title"]), _made_from(o["place"]), _made_from(o["theme"])]
    wanted += [_made_from(f["label"]) for f in report["figures"]]
    wanted = [w for w in wanted if w]
    assert len(wanted) >= 15
    assert not _not_printed(wanted, printed), _not_printed(wanted, printed)


@pytest.mark.parametrize("language", ("fr", "ar"))
def test_the_report_prints_the_original_of_each_translated_organisation(seeded, language):
    """#13: a responsible organisation's name is the project's translation ("Secrétariat général
    de l'OCI"): the report prints its original beside it, in the annex and in section 3."""
    from datetime import date

    from django.utils import translation

    from exports.formats import render_report_html
    from exports.report.progress import build_report

    with translation.override(language):
        report = build_report(seeded, date(2026, 12, 7))
        page = render_report_html(report)
    body, annex = page.split('<section class="annex">', 1)
    wanted = {_made_from(s) for a in report["actions"] for s in a["responsible_shown"]} - {None}
    assert {"OIC General Secretariat", "OIC Secretary-General"} <= wanted
    label = re.escape({"fr": "Original (anglais) :", "ar": "النص الأصلي (الإنجليزيّة):"}[language])
    for part in (body, annex):  # labelled and isolated as every printed original
        printed = {
            html.unescape(text)
            for text in re.findall(
                rf'<span class="tr-original"><span class="tr-original__label">{label}</span> '
                r'<bdi lang="en" dir="ltr">(.*?)</bdi></span>',
                part,
            )
        }
        assert not _not_printed(wanted, printed), _not_printed(wanted, printed)


@pytest.mark.parametrize("language", ("fr", "ar"))
def test_a_translated_title_has_its_original_without_hovering(seeded, language):
    """#13: a title shown in an unofficial translation, in a heading or a link, had its
    original only in a title attribute (a pointer's hover: not for a keyboard, a touch screen
    or a screen reader). The action's page, where every link to it leads, has the original
    under its heading, one tap away (<details>); its events' names have theirs in the table."""
    from resolutions.models import Occurrence
    from resolutions.models.translations import TranslationProvenance

    checked = 0
    for action in Action.objects.filter(resolution=seeded):
        t = translated(action, "title", language).translation
        if t is None or t.provenance != TranslationProvenance.TRANSLATION:
            continue
        page = _get(f"/actions/{action.pk}/", language).content.decode()
        heading = re.search(r"<h1>.*?</h1>\s*(<details .*?</details>)", page, re.S)
        assert heading, action.key
        assert _originals(heading.group(1)) == [(LABEL[language], action.title)]
        events = [
            o.title
            for o in Occurrence.objects.filter(action=action)
            if translated(o, "title", language).translation is not None
        ]
        for title in events:
            assert (LABEL[language], title) in _originals(page), title
        checked += 1
    assert checked >= 5
    # The links to those pages, on the resolution page, lead there.
    page = _get(f"/resolutions/{seeded.slug}/", language).content.decode()
    assert f'href="/{language}/actions/' in page
