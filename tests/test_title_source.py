"""#14: the resolution's stored (English) title cites its source like every other fact.

The English title of 53/45-POL is verbatim from the Turkish MFA press release No. 252 (source key
mfa-tr-pr-252); which language's text is the original is not known, so nothing says "Original".
The source and locator travel through the data format (schema, loader, JSON export round trip)
and are shown on the resolution page, the report's cover and the brief, in en, fr and ar."""

import copy
import io
import json
import re
from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from pypdf import PdfReader

from exports.brief import build_brief, render_brief_html
from exports.formats import render_report_html
from exports.report import build_dataset, build_report
from resolutions.loader import LoadError, load_data
from resolutions.models import Resolution, SourceDocument
from resolutions.translations import locator_label
from tests.conftest import empty_tracker_data
from tests.test_roundtrip import export, validate

pytestmark = pytest.mark.django_db
AS_OF = date(2018, 11, 29)
SOURCE_URL = "https://boston-cg.mfa.gov.tr/Mission/ShowAnnouncement/349737"
LOCATOR_WORDS = "established within the framework of the Resolution entitled"


def words(text: str) -> str:
    return " ".join(text.split())


def test_the_seed_title_cites_the_turkish_press_release(seeded):
    assert seeded.title == "Strengthening the Mediation Capacity of the OIC"
    assert seeded.title_source.key == "mfa-tr-pr-252"
    assert seeded.title_source.url == SOURCE_URL
    # The locator quotes the sentence of the press release that prints the title.
    assert LOCATOR_WORDS in seeded.title_locator
    assert seeded.title in seeded.title_locator


def test_a_locator_without_a_source_is_refused_by_the_database(seeded):
    with pytest.raises(IntegrityError), transaction.atomic():
        Resolution.objects.filter(pk=seeded.pk).update(title_source=None)


def test_the_json_export_carries_the_title_source_and_loads_back(client, seeded):
    data = export(client, seeded, AS_OF.isoformat())
    assert validate(data, complete=True) == []
    resolution = data["resolution"]
    assert resolution["title_source"] == "mfa-tr-pr-252"
    assert LOCATOR_WORDS in resolution["title_locator"]
    assert "mfa-tr-pr-252" in {s["key"] for s in data["sources"]}

    empty_tracker_data()
    load_data(data, "export.json")
    loaded = Resolution.objects.get(symbol="53/45-POL")
    assert loaded.title_source.key == "mfa-tr-pr-252"
    assert loaded.title_locator == resolution["title_locator"]
    again = json.loads(json.dumps(build_dataset(loaded, AS_OF)))["resolution"]
    assert (again["title_source"], again["title_locator"]) == (
        resolution["title_source"],
        resolution["title_locator"],
    )


def test_the_loader_names_the_field_of_a_bad_title_source(seeded):
    data = json.loads(json.dumps(build_dataset(seeded, AS_OF)))
    unknown = copy.deepcopy(data)
    unknown["resolution"]["title_source"] = "no-such-source"
    with pytest.raises(LoadError) as error:
        load_data(unknown, "export.json")
    assert "title_source" in str(error.value) and "no-such-source" in str(error.value)

    orphan = copy.deepcopy(data)
    orphan["resolution"]["title_source"] = None
    with pytest.raises(LoadError) as error:
        load_data(orphan, "export.json")
    assert "title_source" in str(error.value)
    # A failed load changes nothing.
    assert Resolution.objects.get(pk=seeded.pk).title_source.key == "mfa-tr-pr-252"


@pytest.mark.parametrize(
    ("lang", "label"),
    [
        ("en", "Title: Verbatim"),
        ("fr", "Titre (Anglais) : Texte exact"),
        ("ar", "العنوان (الإنجليزيّة): نص حرفي"),
    ],
)
def test_the_resolution_page_shows_the_title_source(client, seeded, lang, label):
    html = client.get(f"/{lang}/resolutions/53-45-pol/").content.decode()
    [line] = re.findall(r'<p class="prov-line title-source">.*?</p>', html, re.S)
    text = words(re.sub(r"<[^>]+>", "", line)).replace("&quot;", '"')
    assert label in text
    assert f'href="{SOURCE_URL}"' in line
    assert "Turkish Ministry of Foreign Affairs, press release No. 252" in text
    assert LOCATOR_WORDS in text
    if lang != "en":  # the English text beside the translated title, marked as English
        assert f'<bdi lang="en" dir="ltr">{seeded.title}</bdi>' in line
    assert "Original" not in text and "Original" not in html.split("<h1", 1)[1].split("</h1>")[0]


def numbered(sources: list[dict], key: str) -> int:
    return next(n for n, s in enumerate(sources, start=1) if s["key"] == key)


@pytest.mark.parametrize(
    ("lang", "label"),
    [
        ("en", "Title: Verbatim"),
        ("fr", "Titre (Anglais) : Texte exact"),
        ("ar", "العنوان (الإنجليزيّة): نص حرفي"),
    ],
)
def test_the_report_cover_cites_the_title_source(seeded, lang, label):
    from django.utils import translation

    with translation.override(lang):
        report = build_report(seeded, AS_OF)
        html = render_report_html(report)
    n = numbered(report["sources"], "mfa-tr-pr-252")
    cover = words(re.sub(r"<[^>]+>", "", html.split('<section class="cover">', 1)[1]))
    cover = cover.split("</section>", 1)[0]
    # The locator's description in the report's language, the quoted sentence in its words.
    where = locator_label("the sentence on the Contact Group of Friends of Mediation", lang)
    # The comma before the locator is the report's: the Arabic comma in Arabic (#13).
    comma = "،" if lang == "ar" else ","
    assert f"{label} [{n}]{comma} {where}" in cover
    assert LOCATOR_WORDS in cover
    # The English title is not called the original (the originals printed under the adopting
    # body, session and place are those of the project's translations, #13 item 1).
    with translation.override(lang):
        titles = cover.split(str(_("Adopted by")), 1)[0]
    assert "Original" not in titles and "النص الأصلي" not in titles


@pytest.mark.parametrize(
    ("lang", "label"),
    [
        ("en", "Title: Verbatim"),
        ("fr", "Titre (Anglais) : Texte exact"),
        ("ar", "العنوان (الإنجليزيّة): نص حرفي"),
    ],
)
def test_the_brief_cites_the_title_source(seeded, lang, label):
    from django.utils import translation

    with translation.override(lang):
        brief = build_brief(seeded, AS_OF)
        html = render_brief_html(brief, pdf=False)
    n = numbered(brief["sources"], "mfa-tr-pr-252")
    assert f"{label} [{n}]" in words(re.sub(r"<[^>]+>", "", html))
    assert SOURCE_URL in html  # the numbered list links the press release


def test_the_english_brief_pdf_says_where_the_title_comes_from(client, seeded):
    response = client.get("/en/resolutions/53-45-pol/brief.pdf", {"as_of": AS_OF.isoformat()})
    text = words(PdfReader(io.BytesIO(response.content)).pages[0].extract_text())
    n = numbered(build_brief(seeded, AS_OF)["sources"], "mfa-tr-pr-252")
    assert f"Title: Verbatim [{n}]" in text
    assert "Turkish Ministry of Foreign Affairs, press release No. 252" in text


def test_a_resolution_without_a_title_source_shows_no_title_line(client, seeded):
    Resolution.objects.filter(pk=seeded.pk).update(title_source=None, title_locator="")
    html = client.get("/en/resolutions/53-45-pol/").content.decode()
    assert "title-source" not in html
    report = build_report(Resolution.objects.get(pk=seeded.pk), AS_OF)
    assert report["resolution"]["title_source"] is None
    assert SourceDocument.objects.filter(key="mfa-tr-pr-252").exists()
