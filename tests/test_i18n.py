"""Arabic, French and English: language prefixes, the switcher, translated interface and content,
right-to-left pages, the admin in Arabic and localized reports (issue #6)."""

import io
import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from resolutions.models import Action, Paragraph, TextTranslation
from resolutions.translations import missing_languages, prefetch_translations, translated
from tests.test_public_pages import BUDGET as PAGE_BUDGET

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ("en", "fr", "ar")
ARABIC_TITLE = "تعزيز قدرات منظمة التعاون الإسلامي في مجال الوساطة"


@pytest.fixture(scope="module", autouse=True)
def _compiled_catalogs():
    """The .mo files are build products (gitignored; `make` compiles them). Compile them here
    when missing or older than their .po, so the suite also runs on its own."""
    for language in ("fr", "ar"):
        po = LOCALE / language / "LC_MESSAGES" / "django.po"
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            call_command(
                "compilemessages", locale=["fr", "ar"], ignore_patterns=[".venv"], verbosity=0
            )
            translation.trans_real._translations = {}
            translation.trans_real._active = translation.trans_real.Local()
            translation.activate(settings.LANGUAGE_CODE)
            break


@pytest.fixture
def network_untranslated(seeded):
    """The Network action as a record that still lacks its translations (53/45-POL's content is
    translated in the data file): how a missing translation is shown."""
    network = Action.objects.get(key="network")
    network.translations.all().delete()
    return network


def _pages(seeded):
    network = Action.objects.get(key="network")
    return {
        "dashboard": "/",
        "resolution": f"/resolutions/{seeded.slug}/",
        "paragraph": f"/resolutions/{seeded.slug}/paragraphs/7/",
        "preambular": f"/resolutions/{seeded.slug}/paragraphs/PP1/",
        "action": f"/actions/{network.pk}/",
        "actions": "/actions/",
        "member_states": "/member-states/",
        "member_state": "/member-states/TUR/",
        "statuses": "/statuses/",
    }


def _get(path, language, **extra):
    """A plain client (no language defaulting): the URL says the language."""
    response = Client().get(f"/{language}{path}", **extra)
    translation.activate(settings.LANGUAGE_CODE)
    return response


def _squash(html):
    return re.sub(r"\s+", " ", html)


# --- URLs ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_says_its_language_and_direction(seeded, language):
    direction = "rtl" if language == "ar" else "ltr"
    for name, path in _pages(seeded).items():
        response = _get(path, language)
        assert response.status_code == 200, (name, language)
        assert f'<html lang="{language}" dir="{direction}">' in response.content.decode(), name


def test_old_unprefixed_urls_redirect_to_the_visitors_language(seeded):
    network = Action.objects.get(key="network")
    client = Client()
    response = client.get(
        f"/actions/{network.pk}/?as_of=2018-12-01", HTTP_ACCEPT_LANGUAGE="ar,en;q=0.5"
    )
    assert response.status_code == 302
    assert response["Location"] == f"/ar/actions/{network.pk}/?as_of=2018-12-01"
    response = client.get(f"/resolutions/{seeded.slug}/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert response["Location"] == f"/fr/resolutions/{seeded.slug}/"
    # No usable Accept-Language: English, the original language.
    assert Client().get("/", HTTP_ACCEPT_LANGUAGE="de").get("Location") == "/en/"
    assert Client().get("/").get("Location") == "/en/"
    followed = Client().get(f"/actions/{network.pk}/", follow=True, HTTP_ACCEPT_LANGUAGE="ar")
    assert followed.status_code == 200 and 'dir="rtl"' in followed.content.decode()
    translation.activate(settings.LANGUAGE_CODE)


def test_the_api_stays_unprefixed(seeded):
    assert Client().get("/api/resolutions/").status_code == 200


def test_switcher_keeps_the_page_and_the_query_string(seeded):
    network = Action.objects.get(key="network")
    page = _get(f"/actions/{network.pk}/?as_of=2018-12-01", "fr").content.decode()
    nav = re.search(r'<nav class="langs".*?</nav>', page, re.S).group(0)
    assert f'href="/en/actions/{network.pk}/?as_of=2018-12-01"' in nav
    assert f'href="/ar/actions/{network.pk}/?as_of=2018-12-01"' in nav
    assert 'aria-current="true" lang="fr"' in nav and "العربية" in nav
    statuses = _get("/statuses/", "ar").content.decode()
    assert 'href="/fr/statuses/"' in statuses and 'href="/en/statuses/"' in statuses


# --- Interface translations ----------------------------------------------------------------------


def _po_entries(path):
    """(msgid, msgid_plural, [msgstr…], fuzzy) for each entry of a .po file (a tiny parser)."""
    entries, current, key = [], None, None

    def unquote(text):
        return text.strip()[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")

    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if current and "msgid" in current:
                entries.append(current)
            current, key = None, None
            continue
        current = current if current is not None else {"flags": "", "msgstr": {}}
        if line.startswith("#,"):
            current["flags"] += line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = unquote(line)
            if key[0] == "msgstr":
                current["msgstr"][key[1]] += value
            else:
                current[key[0]] += value
        else:
            name, _, rest = line.partition(" ")
            match = re.fullmatch(r"msgstr\[(\d+)\]", name)
            if match or name == "msgstr":
                key = ("msgstr", int(match.group(1)) if match else 0)
                current["msgstr"][key[1]] = unquote(rest)
            else:
                key = (name, None)
                current[name] = unquote(rest)
    return [
        (
            e["msgid"],
            e.get("msgid_plural"),
            [e["msgstr"][i] for i in sorted(e["msgstr"])],
            "fuzzy" in e["flags"],
        )
        for e in entries
        if e["msgid"]
    ]


@pytest.mark.parametrize("language,forms", [("fr", 2), ("ar", 6)])
def test_po_files_translate_every_message(language, forms):
    entries = _po_entries(LOCALE / language / "LC_MESSAGES" / "django.po")
    assert len(entries) > 300
    missing = [
        msgid
        for msgid, plural, strs, fuzzy in entries
        if fuzzy or not all(strs) or (plural and len(strs) != forms)
    ]
    assert not missing, f"{len(missing)} messages untranslated in {language}: {missing[:5]}"
    placeholder = re.compile(r"%\(\w+\)s")
    for msgid, plural, strs, _fuzzy in entries:
        allowed = set(placeholder.findall(msgid)) | set(placeholder.findall(plural or ""))
        for text in strs:
            assert set(placeholder.findall(text)) <= allowed, (language, msgid, text)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_po_files_compile_cleanly(language):
    """GNU msgfmt agrees: placeholders match, nothing fuzzy or untranslated."""
    result = subprocess.run(
        [
            "msgfmt",
            "--check-format",
            "--statistics",
            "-o",
            "/dev/null",
            str(LOCALE / language / "LC_MESSAGES" / "django.po"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_interface_statuses_and_mandate_types_are_translated(seeded):
    statuses = _squash(_get("/statuses/", "ar").content.decode())
    for label in (
        "لم يُقيَّم بعد",
        "لم يبدأ",
        "قيد التنفيذ",
        "مكتمل",
        "مستمر (في المسار الصحيح)",
        "متأخر/متعثر",
        "غير منطبق",
        "إنشاء هيئة",
    ):
        assert label in statuses
    assert "Not yet assessed" not in statuses
    french = _squash(_get("/statuses/", "fr").content.decode())
    assert "Pas encore évalué" in french and "Sans objet" in french
    resolution = _squash(_get(f"/resolutions/{seeded.slug}/", "fr").content.decode())
    assert "Paragraphe 4 du dispositif" in resolution
    assert "Paragraphe PP1 du préambule" in resolution


# --- Content translations ------------------------------------------------------------------------


def test_arabic_pages_show_the_arabic_title_with_its_provenance(seeded):
    page = _squash(_get(f"/resolutions/{seeded.slug}/", "ar").content.decode())
    assert f"<h1><bdi>53/45-POL</bdi> — {ARABIC_TITLE}</h1>" in page
    provenance = re.search(
        r'<p class="prov-line"><span class="prov prov--translation.*?</p>', page
    ).group(0)
    assert "نص حرفي" in provenance  # verbatim
    # The locator in the Arabic source, in Arabic (resolutions/translations.py LOCATORS).
    assert "عنوان القرار" in provenance and "resolution heading" not in provenance
    # The three preambular paragraphs in Arabic, verbatim, instead of the English paraphrase.
    assert "إذ يسترشد بمبادئ وأهداف ميثاقي منظمة التعاون الإسلامي" in page
    dashboard = _get("/", "ar").content.decode()
    assert ARABIC_TITLE in dashboard
    # English shows the original, unmarked.
    english = _get(f"/resolutions/{seeded.slug}/", "en").content.decode()
    assert ARABIC_TITLE not in english.split("<h1>")[1].split("</h1>")[0]
    assert "not available in" not in english


def test_missing_translation_falls_back_to_the_original_marked(seeded, network_untranslated):
    network = Action.objects.get(key="network")
    assert not network.translations.filter(language="ar").exists()
    page = _squash(_get(f"/actions/{network.pk}/", "ar").content.decode())
    h1 = re.search(r"<h1>(.*?)</h1>", page).group(1)
    assert f'<span lang="en" dir="ltr">{network.title}</span>' in h1
    assert '<span class="untranslated">(غير متوفر بالعربية)</span>' in h1
    french = _squash(_get(f"/actions/{network.pk}/", "fr").content.decode())
    assert "(non disponible en français)" in french
    # The French title of the resolution exists: shown, unmarked.
    dashboard = _get("/", "fr").content.decode()
    assert "Renforcement des capacités de médiation de l&#x27;OCI" in dashboard


def test_a_translation_added_later_replaces_the_marker(seeded, network_untranslated):
    network = Action.objects.get(key="network")
    TextTranslation.objects.create(
        record=network,
        field="title",
        language="ar",
        text="شبكة وسطاء منظمة التعاون الإسلامي",
        provenance="paraphrase",
        note="unofficial translation by the secretariat",
    )
    page = _get(f"/actions/{network.pk}/", "ar").content.decode()
    assert "<h1>شبكة وسطاء منظمة التعاون الإسلامي</h1>" in page
    assert "شبكة وسطاء منظمة التعاون الإسلامي" in _get("/actions/", "ar").content.decode()


PAGE_NAMES = [
    "dashboard",
    "resolution",
    "paragraph",
    "action",
    "actions",
    "member_states",
    "member_state",
]


@pytest.mark.parametrize("page_name", PAGE_NAMES)
def test_translations_cost_one_query_per_page(seeded, page_name, settings):
    """The same page in Arabic costs at most one query more than in English (the translations
    of every record shown, whatever their number and model), and stays within the budget."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    path = _pages(seeded)[page_name]
    counts = {}
    for language in ("en", "ar"):
        _get(path, language)  # warm per-process caches (content types, templates)
        with CaptureQueriesContext(connection) as queries:
            assert _get(path, language).status_code == 200
        counts[language] = len(queries)
    # The translations cost a few queries: one per kind of record shown (records, events,
    # filter menus) and one per occurrence cited as evidence (not prefetched yet).
    assert counts["ar"] <= counts["en"] + 5, counts
    assert counts["en"] <= PAGE_BUDGET and counts["ar"] <= PAGE_BUDGET + 5, counts


def test_translated_helpers(seeded):
    paragraph = Paragraph.objects.get(resolution=seeded, number="PP1")
    [paragraph] = prefetch_translations([paragraph], language="ar")
    shown = translated(paragraph, "text", language="ar")
    assert shown.text.startswith("إذ يسترشد") and shown.translation.provenance == "verbatim"
    # French: an unofficial translation made from the verbatim Arabic text, which it keeps.
    paragraph = Paragraph.objects.get(resolution=seeded, number="PP1")
    french = translated(paragraph, "text", language="fr").translation
    assert french.provenance == "translation" and french.original_language == "ar"
    assert translated(paragraph, "text", language="en").text == paragraph.text
    network = Action.objects.get(key="network")
    assert missing_languages(network) == []  # translated in the data file
    network.translations.filter(language="fr").delete()
    assert missing_languages(network) == ["fr"]
    assert "ar" not in missing_languages(seeded)  # the Arabic title is there


# --- Admin ---------------------------------------------------------------------------------------


def test_admin_in_arabic_is_right_to_left(seeded, admin_user):
    login = _get("/admin/login/", "ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in login
    client = Client()
    client.force_login(admin_user)
    changelist = client.get("/ar/admin/resolutions/action/")
    translation.activate(settings.LANGUAGE_CODE)
    assert changelist.status_code == 200
    body = changelist.content.decode()
    assert '<html lang="ar" dir="rtl">' in body
    assert "rtl.css" in body  # Django's own right-to-left admin stylesheet
    assert "نظام متابعة تنفيذ القرارات" in body  # the site header, translated
    assert "الترجمات الناقصة" in body  # the "missing translations" column (issue #6)


# --- Reports -------------------------------------------------------------------------------------


def _pdf_text(content):
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


def test_arabic_pdf_report_is_right_to_left_with_the_arabic_title(seeded):
    from exports.formats import render_report_html

    response = _get(f"/resolutions/{seeded.slug}/report.pdf?as_of=2018-12-01", "ar")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    # pypdf extracts Arabic in visual order for some fonts: compare without spaces, either way.
    flat = re.sub(r"\s+", "", text)
    wanted = ARABIC_TITLE.replace(" ", "")
    assert wanted in flat or wanted[::-1] in flat or _pdftotext_has(response.content, wanted)
    from exports.report import build_report

    with translation.override("ar"):
        html = render_report_html(build_report(seeded, seeded.adopted_on))
    assert '<html lang="ar" dir="rtl">' in html
    with translation.override("en"):
        assert '<html lang="en" dir="ltr">' in render_report_html(
            build_report(seeded, seeded.adopted_on)
        )


def _pdftotext_has(content, wanted):
    result = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True)
    return wanted in re.sub(r"\s+", "", result.stdout.decode("utf-8", "replace"))


def test_report_language_from_the_query_string(seeded):
    csv_ar = _get(f"/resolutions/{seeded.slug}/report.csv?as_of=2018-12-01&lang=ar", "en")
    assert csv_ar.status_code == 200
    body = csv_ar.content.decode("utf-8-sig")
    assert "قيد التنفيذ" in body or "لم يُقيَّم بعد" in body or "مكتمل" in body
    csv_en = _get(f"/resolutions/{seeded.slug}/report.csv?as_of=2018-12-01", "en")
    assert "قيد التنفيذ" not in csv_en.content.decode("utf-8-sig")


# --- Whole reports in French and Arabic (issue #6) --------------------------------------------

AS_OF = "2018-11-29"


def _report(seeded, fmt, language, query=""):
    response = _get(f"/resolutions/{seeded.slug}/report.{fmt}?as_of={AS_OF}{query}", language)
    assert response.status_code == 200, (fmt, language)
    return response


def _workbook(response):
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(response.content))


def test_arabic_workbook_is_arabic_and_right_to_left(seeded, network_untranslated):
    from exports.formats import REPORT_COLUMNS, column_keys

    workbook = _workbook(_report(seeded, "xlsx", "ar"))
    assert workbook.sheetnames == ["ملخص", "الفقرات", "مرات الانعقاد", "المصادر"]
    assert all(sheet.sheet_view.rightToLeft for sheet in workbook.worksheets)
    summary = {row[0]: row[1] for row in workbook["ملخص"].iter_rows(values_only=True) if row}
    assert summary["العنوان"] == ARABIC_TITLE  # the title, from its Arabic translation
    assert summary["التقدم المرجَّح (%)"] == 28.6
    assert summary["قيد التنفيذ"] == 2  # "In progress", and its count
    sheet = workbook["الفقرات"].iter_rows(values_only=True)
    header = next(sheet)
    assert header[:4] == ("القرار", "التاريخ المرجعي", "القسم", "الفقرة")
    rows = [dict(zip(column_keys(REPORT_COLUMNS), row, strict=True)) for row in sheet]
    network = next(r for r in rows if r["action_key"] == "network")
    assert network["status_label"] == "قيد التنفيذ" and network["status"] == "in_progress"
    assert network["latest_update_verification"] == "مُبلَّغ عنه"  # "Reported" (#11)
    # No Arabic title for the action: the English original, marked, never silently.
    assert network["action"] == (
        "Form a Network of OIC Mediators, Special Envoys and Experts (غير متوفر بالعربية)"
    )
    preambular = next(r for r in rows if r["paragraph"] == "PP1")
    assert preambular["provenance"] == "العربيّة: نص حرفي"  # the Arabic text is verbatim


def test_french_workbook_and_a_translation_added_later(seeded, network_untranslated):
    workbook = _workbook(_report(seeded, "xlsx", "fr"))
    assert workbook.sheetnames == ["Synthèse", "Paragraphes", "Occurrences", "Sources"]
    assert not workbook["Synthèse"].sheet_view.rightToLeft
    cells = [c for row in workbook["Paragraphes"].iter_rows(values_only=True) for c in row]
    assert (
        "Form a Network of OIC Mediators, Special Envoys and Experts "
        "(non disponible en français)" in cells
    )
    network = Action.objects.get(key="network")
    TextTranslation.objects.create(
        record=network,
        field="title",
        language="fr",
        text="Constituer un réseau de médiateurs de l’OCI",
        provenance="paraphrase",
    )
    cells = [
        c
        for row in _workbook(_report(seeded, "xlsx", "fr"))["Paragraphes"].iter_rows(
            values_only=True
        )
        for c in row
    ]
    assert "Constituer un réseau de médiateurs de l’OCI" in cells


def test_french_pdf_is_french_throughout(seeded, network_untranslated):
    text = re.sub(r"\s+", " ", _pdf_text(_report(seeded, "pdf", "fr").content))
    for phrase in (
        "Rapport sur l’état d’avancement de la mise en œuvre",
        "53/45-POL — Renforcement des capacités de médiation de l'OCI",
        # The report's sections (#14: introduction, prose paragraph by paragraph, annex).
        "1. Introduction",
        "2. Avancement global",
        "3. Avancement paragraphe par paragraphe",
        "4. Mandats sans paragraphe connu",
        "5. Conclusions tirées des données",
        "6. Sources",
        "7. Mode de calcul de l’avancement",
        "Annexe : les mêmes informations sous forme de tableaux",
        "Occurrences et chiffres sourcés",
        "Au 29 novembre 2018",
        "Page 2 sur",  # page 1 is the cover, which has no running header or footer
        "Produit le",
        "28,6%",
        "Achevé 1",
        "En cours 2",
        "(non disponible en français)",
        # The English title is not called the original (which language is original is unknown):
        # it is verbatim from a source, numbered in the source list (#14).
        # Its locator is the tracker's description, in French; the quoted sentence stays.
        "Titre (Anglais) : Texte exact [1], la phrase sur le Groupe de contact",
        "Strengthening the Mediation Capacity of the OIC",
    ):
        assert phrase in text, phrase
    for english in (
        "Headline progress",
        "Implementation progress report",
        "As of 29",
        "Latest assessment",
        "How progress is computed",
    ):
        assert english not in text, english


def test_arabic_pdf_headings_are_arabic(seeded, network_untranslated):
    response = _report(seeded, "pdf", "ar")
    result = subprocess.run(["pdftotext", "-", "-"], input=response.content, capture_output=True)
    # pdftotext adds embedding controls and may move vowel marks: compare the letters only.
    ignored = re.compile(r"[\s\u202a-\u202e\u2066-\u2069\u064b-\u0652]")
    flat = ignored.sub("", result.stdout.decode("utf-8", "replace"))
    for phrase in (
        "التقدم الإجمالي",
        "ولايات بلا فقرة معروفة",
        "كيفية احتساب التقدم",
        "تقرير عن التقدم المحرز في التنفيذ",
        "غير متوفر بالعربية",
    ):
        wanted = ignored.sub("", phrase)
        assert wanted in flat or wanted[::-1] in flat, phrase
    for english in ("Headline progress", "Implementation progress report", "Latest assessment"):
        assert english not in result.stdout.decode(), english
    from exports.formats import render_report_html
    from exports.report import build_report

    with translation.override("ar"):
        html = render_report_html(build_report(seeded, seeded.adopted_on))
    # The running header reads from the right: the title at the top right, in Arabic.
    assert "@top-right { content: " in html.split("@top-left")[0]
    assert "@top-right { content: element(runningtitle)" in html
    assert 'تقرير عن التقدم المحرز في تنفيذ القرار <bdi dir="ltr">53/45-POL</bdi>' in html


def test_csv_keeps_its_column_keys_in_every_language(seeded):
    import csv

    headers = set()
    for language in LANGUAGES:
        body = _report(seeded, "csv", language).content.decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(body)))
        headers.add(tuple(rows[0]))
        network = next(r for r in rows if r["action_key"] == "network")
        assert network["status"] == "in_progress"
        assert network["latest_update_verification"] == "reported"  # a code, not a label
        assert (
            network["status_label"]
            == {"en": "In progress", "fr": "En cours", "ar": "قيد التنفيذ"}[language]
        )
    assert len(headers) == 1 and "action_key" in headers.pop()


def test_json_export_is_the_same_data_in_every_language(seeded):
    bodies = {language: _report(seeded, "json", language).content for language in LANGUAGES}
    assert bodies["en"] == bodies["fr"] == bodies["ar"]
    assert b'"status_updates"' in bodies["ar"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ar", "قيد التنفيذ"),
        ("AR", "قيد التنفيذ"),
        ("ar-SA", "قيد التنفيذ"),
        ("fr", "En cours"),
        ("xx", "In progress"),
        ("", "In progress"),
        ("../../etc", "In progress"),
    ],
)
def test_report_language_parameter_falls_back_gracefully(seeded, lang, expected):
    """?lang= picks the report's language; one the tracker does not have is no error: the
    file comes in the language of the address."""
    body = _report(seeded, "csv", "en", f"&lang={lang}").content.decode("utf-8-sig")
    assert expected in body


def test_bad_dates_are_explained_in_the_reports_language(seeded):
    response = _get(f"/resolutions/{seeded.slug}/report.pdf?as_of=2018-13-45", "fr")
    assert response.status_code == 400
    assert "« as_of » doit être une date au format AAAA-MM-JJ" in response.content.decode()
    response = _get(f"/resolutions/{seeded.slug}/changes.csv?from=x&to=2018-11-29", "ar")
    assert response.status_code == 400 and "«from»" in response.content.decode()


def test_changes_page_and_csv_in_arabic(seeded, network_untranslated):
    import csv

    query = "?from=2018-06-01&to=2018-11-29"
    page = _squash(_get(f"/resolutions/{seeded.slug}/changes/{query}", "ar").content.decode())
    assert '<html lang="ar" dir="rtl">' in page
    for phrase in (
        "ما الذي تغيَّر",
        "تغيُّرات الحالة",
        "التقدم حسب الفقرة",
        "تحديثات الحالة والأدلة الجديدة",
        "مرات الانعقاد الجديدة",
        # No percentage on 1 June 2018 (nothing assessed, #11): not comparable.
        "غير قابل للمقارنة",
        "عدد الإجراءات التي احتفظت بالحالة والنسبة المحتسبة نفسيهما: 2.",
    ):
        assert phrase in page, phrase
    assert '<span class="untranslated">(غير متوفر بالعربية)</span>' in page
    assert "What changed" not in page and "Status transitions" not in page
    body = _get(f"/resolutions/{seeded.slug}/changes.csv{query}", "ar").content
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0]["change"] == "progress" and rows[0]["paragraph"] == "(القرار)"
    transitions = {(r["before"], r["after"]) for r in rows if r["change"] == "status"}
    assert ("لم يُقيَّم بعد", "مكتمل") in transitions


def test_action_list_exports_in_arabic(seeded):
    import csv

    response = _get("/actions/export.csv?as_of=2018-11-29&status=in_progress", "ar")
    body = b"".join(response.streaming_content)  # streamed, and still in Arabic
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert {r["status_label"] for r in rows} == {"قيد التنفيذ"}
    workbook = _workbook(_get("/actions/export.xlsx?as_of=2018-11-29", "ar"))
    assert workbook.sheetnames == ["الإجراءات"]
    assert workbook["الإجراءات"].sheet_view.rightToLeft


def test_export_command_takes_a_language(seeded, tmp_path):
    out = tmp_path / "report-fr.csv"
    call_command(
        "export_report",
        seeded.slug,
        "--format",
        "csv",
        "--as-of",
        AS_OF,
        "--language",
        "fr",
        "-o",
        str(out),
    )
    assert "En cours" in out.read_text(encoding="utf-8-sig")


def test_public_report_links_keep_the_page_language(seeded):
    page = _get(f"/resolutions/{seeded.slug}/?as_of={AS_OF}", "fr").content.decode()
    assert f'href="/fr/resolutions/{seeded.slug}/report.pdf?as_of={AS_OF}"' in page
    assert "Rapport PDF" in page and "Ce qui a changé entre deux dates" in page
    page = _get(f"/actions/?as_of={AS_OF}&status=in_progress", "ar").content.decode()
    assert f'href="/ar/actions/export.csv?as_of={AS_OF}&amp;status=in_progress"' in page
    assert "تصدير بصيغة CSV" in page


# --- Hijri dates -----------------------------------------------------------------------------


def test_the_hijri_date_is_shown_as_the_source_gives_it(seeded):
    hijri = "يومي 19 و20 شعبان 1439ه"
    assert seeded.adopted_hijri == hijri and seeded.hijri_source().key == "moqatel-53-45-ar"
    for language in ("en", "fr", "ar"):
        page = _squash(_get(f"/resolutions/{seeded.slug}/", language).content.decode())
        assert f'<bdi lang="ar" dir="rtl" class="hijri">{hijri}</bdi>' in page, language
    english = _get(f"/resolutions/{seeded.slug}/", "en").content.decode()
    assert "Hijri calendar, as given by" in english
    assert "بالتقويم الهجري" in _get(f"/resolutions/{seeded.slug}/", "ar").content.decode()
    result = subprocess.run(
        ["pdftotext", "-", "-"], input=_report(seeded, "pdf", "en").content, capture_output=True
    )
    letters = re.sub(r"[\s\u202a-\u202e\u2066-\u2069]", "", result.stdout.decode())
    assert "شعبان" in letters and "calendar" in letters
