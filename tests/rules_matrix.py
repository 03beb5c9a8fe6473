"""Rendering and reading the surfaces of tests/test_rules_matrix.py: each state of 53/45-POL is
rendered once (every page, API response and file, and a few pages in French and Arabic), then
only read."""

import csv
import html as html_lib
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from unittest import mock

from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from exports.actions import ACTION_COLUMNS
from exports.columns import column_keys
from exports.formats import OCCURRENCE_COLUMNS, REPORT_COLUMNS

SLUG = "53-45-pol"
STATES = {
    "before": "2017-12-01",
    "adopted": "2018-06-01",
    "seed": "2018-11-29",
    "month": "2019-03-01",
    "later": "2024-06-30",
}
REVIEWED_ON = date(2024, 1, 15)  # the "later" state's review record of the annual conference

RES = f"/en/resolutions/{SLUG}"
TEXTS = {  # HTML pages
    "dashboard": "/en/",
    "resolution": f"{RES}/",
    "paragraph_4": f"{RES}/paragraphs/4/",
    "paragraph_5": f"{RES}/paragraphs/5/",
    "paragraph_7": f"{RES}/paragraphs/7/",
    "action_conference": "/en/actions/{annual-conference}/",
    "action_contact_group": "/en/actions/{contact-group}/",
    "action_network": "/en/actions/{network}/",
    "action_list": "/en/actions/",
    "member_state": "/en/member-states/TUR/",
    "member_states": "/en/member-states/",
    "brief": f"{RES}/brief/",
}
# The embeddable badge gives today's headline (no ?as_of=): rendered with today frozen on the
# state's date, after every other surface of the state (the projection it re-derives for that
# "today" is rolled back with the state).
BADGE = {"badge": f"{RES}/badge.svg"}
# What no ?as_of= moves (the Atom feeds list what was published; the Akoma Ntoso export is the
# resolution's text): rendered in the "later" state only, which holds every published record.
FEEDS = {
    "feed_site": "/en/feeds/updates.atom",
    "feed_resolution": f"{RES}/feed.atom",
    "feed_action": "/en/actions/{annual-conference}/feed.atom",
    "feed_member_state": "/en/member-states/TUR/feed.atom",
}
AKN = {"akn": f"{RES}/akn.xml"}
MARKUP = {**TEXTS, **BADGE, **FEEDS, **AKN}  # read as text once the tags are stripped
LANGUAGES = ("fr", "ar")
# French and Arabic: per state, the surfaces that carry that state's rules (see the module
# docstring of tests/test_rules_matrix.py), not the whole cross product.
IN_OTHER_LANGUAGES = {
    "before": ("resolution", "brief", "badge"),
    "adopted": ("resolution", "paragraph_4", "action_conference"),
    "seed": ("resolution", "brief", "action_conference", "action_network", "badge"),
    "month": ("action_contact_group",),
    "later": ("resolution", "action_conference", "badge", "feed_action"),
}
PDFS = {"report_pdf": f"{RES}/report.pdf", "brief_pdf": f"{RES}/brief.pdf"}
DATA = {
    "api_resolutions": "/api/resolutions/",
    "api_paragraphs": "/api/paragraphs/",
    "api_actions": "/api/actions/",
    "api_status_updates": "/api/status-updates/",
    "json": f"{RES}/report.json",
    "report_csv": f"{RES}/report.csv",
    "actions_csv": "/en/actions/export.csv",
    "report_xlsx": f"{RES}/report.xlsx",
    "actions_xlsx": "/en/actions/export.xlsx",
}
# A headline or paragraph figure as the pages, the PDFs and the brief write it (28.6%, 0.0 %).
HEADLINE_PERCENT = re.compile(r"\d+[.,]\d\s?%")
XLSX_SHEETS = {  # (workbook, sheet): column keys (headings are translated, keys are not)
    ("report_xlsx", "Paragraphs"): column_keys(REPORT_COLUMNS),
    ("report_xlsx", "Occurrences"): column_keys(OCCURRENCE_COLUMNS),
    ("actions_xlsx", "Actions"): column_keys(ACTION_COLUMNS),
}


def flat(text: str) -> str:
    return " ".join(text.split())


def visible_text(markup: str) -> str:
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    return flat(html_lib.unescape(re.sub(r"<[^>]+>", " ", markup)))


@dataclass
class Rendered:
    """One state's surfaces: response bodies, read on demand and kept."""

    as_of: str
    bodies: dict = field(default_factory=dict)
    _cache: dict = field(default_factory=dict)

    def _memo(self, key, make):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def html(self, surface: str) -> str:
        return self.bodies[surface].decode()

    def text(self, surface: str) -> str:
        """What a reader sees: a page's visible text, a PDF's text, a file's cells."""

        def make():
            body = self.bodies[surface]
            if surface.rsplit(":", 1)[-1] in MARKUP:
                return visible_text(body.decode())
            if surface in PDFS:
                pages = PdfReader(io.BytesIO(body)).pages
                return flat(" ".join(page.extract_text() or "" for page in pages))
            if surface.endswith("_xlsx"):
                book = load_workbook(io.BytesIO(body))
                return flat(
                    " ".join(
                        str(cell)
                        for sheet in book.worksheets
                        for row in sheet.iter_rows(values_only=True)
                        for cell in row
                        if cell is not None
                    )
                )
            return body.decode("utf-8-sig")

        return self._memo(("text", surface), make)

    def json(self, surface: str):
        return self._memo(("json", surface), lambda: json.loads(self.bodies[surface]))

    def rows(self, surface: str, sheet: str | None = None) -> list[dict]:
        """A CSV's rows, or a workbook sheet's, as {column key: value}."""

        def make():
            body = self.bodies[surface]
            if surface.endswith("_csv"):
                return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
            name = sheet or ("Paragraphs" if surface == "report_xlsx" else "Actions")
            keys = XLSX_SHEETS[(surface, name)]
            found = load_workbook(io.BytesIO(body))[name]
            return [
                dict(zip(keys, row, strict=True))
                for row in found.iter_rows(min_row=2, values_only=True)
            ]

        return self._memo(("rows", surface, sheet), make)


def render_state(state: str) -> Rendered:
    """Every surface of 53/45-POL as of the state's date, the caches off, in a transaction
    rolled back at the end (the "later" state adds a published review record first)."""
    from resolutions.models import Action
    from tests import factories as f
    from tests.conftest import ensure_seed_data
    from workflow.review_services import action_review_create

    as_of = STATES[state]
    rendered = Rendered(as_of)
    settings = override_settings(PAGE_CACHE_SECONDS=0, REPORT_CACHE_SECONDS=0)
    with settings, transaction.atomic():
        seeded = ensure_seed_data()
        ids = {a.key: a.pk for a in Action.objects.filter(resolution=seeded)}
        if state == "later":
            action_review_create(
                action=Action.objects.get(pk=ids["annual-conference"]),
                reviewed_on=REVIEWED_ON,
                note="Sources checked: no conference recorded since June 2022.",
                evidence=[{"source": f.source()}],
                author_name="Test officer",
            )
        client = Client()

        def get(name, url, lang="en"):
            url = re.sub(r"\{([a-z-]+)\}", lambda m: str(ids[m.group(1)]), url)
            if lang != "en":
                url, name = f"/{lang}/{url.removeprefix('/en/')}", f"{lang}:{name}"
            response = client.get(url, {"as_of": as_of, "page_size": 500})
            assert response.status_code == 200, (state, name, response.status_code)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            rendered.bodies[name] = body

        once = {**FEEDS, **AKN} if state == "later" else {}
        for name, url in {**TEXTS, **PDFS, **DATA, **once}.items():
            get(name, url)
        others = [n for n in IN_OTHER_LANGUAGES[state] if n not in BADGE]
        for lang in LANGUAGES:
            for name in others:
                get(name, {**TEXTS, **once}[name], lang)
        with mock.patch("django.utils.timezone.localdate", return_value=date.fromisoformat(as_of)):
            for lang in ("en", *LANGUAGES):
                if lang == "en" or "badge" in IN_OTHER_LANGUAGES[state]:
                    get("badge", BADGE["badge"], lang)
        transaction.set_rollback(True)
    cache.clear()
    return rendered


def action_row(items: list, key: str) -> dict:
    return next(item for item in items if item["key"] == key)


def csv_row(rows: list, key: str) -> dict:
    return next(row for row in rows if row["action_key"] == key)


def chart_rows(markup: str, lang: str = "en") -> list[tuple[str, str, str]]:
    """The progress chart's data table: (date, weighted progress, what happened) per row."""
    with translation.override(lang):
        caption = translation.gettext("Data table: weighted progress on each date it could change")
    table = markup[markup.index(html_lib.escape(caption, quote=False)) :]
    table = table[: table.index("</table>")]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        if len(cells) == 3 and "<time" in cells[0]:
            rows.append(tuple(visible_text(c) for c in cells))
    return rows


def said(lang: str, msgid: str, plural: str | None = None, count: int = 1, **values) -> re.Pattern:
    """The wording `msgid` as the catalog of `lang` renders it, as a pattern over a surface's
    text: the placeholders given in `values` filled in, any other one matching anything. The
    translation must exist (an English fallback would pass unnoticed on a French page). Markup
    in the wording is read as the pages' text is (tags dropped, spaces optional)."""
    with translation.override(lang):
        text = translation.ngettext(msgid, plural, count) if plural else translation.gettext(msgid)
    if lang != "en":
        assert text != msgid, (lang, msgid)
    text = flat(re.sub(r"<[^>]+>", " ", text).replace("%%", "%"))  # as visible_text reads it
    pattern = ""
    for part in re.split(r"(%\(\w+\)s)", text):
        name = re.fullmatch(r"%\((\w+)\)s", part)
        if name:
            value = values.get(name.group(1))
            pattern += r"\s*" + (re.escape(str(value)) if value is not None else ".+?") + r"\s*"
        else:
            pattern += re.escape(part).replace(r"\ ", r"\s*")
    return re.compile(pattern)


def day(lang: str, iso: str, style: str = "long") -> str:
    """A date as the pages of `lang` write it (29 novembre 2018, 29 نوفمبر 2018)."""
    from resolutions.dates import format_day

    return format_day(date.fromisoformat(iso), style, language=lang)
