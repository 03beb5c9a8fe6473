"""The secretariat admin in French and Arabic (issue #12 item 9): every message of the code is in
both catalogues, translated; the names of the models and fields the admin shows are translated;
and the workflow pages, the spreadsheet upload, its preview and template, and the work queue
show no English interface text under /fr/ and /ar/."""

import io
import re
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.commands import makemessages
from django.test import Client
from django.utils import translation
from openpyxl import Workbook, load_workbook

from resolutions.models import StatusUpdate
from resolutions.models.labels import FIELDS, MODELS
from tests import factories as f
from tests import staff
from workflow import services, upload

LOCALE = Path(settings.BASE_DIR) / "locale"
# As the README says to run makemessages.
IGNORED = [".venv", "tests", "staticfiles", "benchmarks", "test-output"]


# --- The catalogues against the code -------------------------------------------------------------


class _Extract(makemessages.Command):
    """makemessages, except that it keeps what it extracted instead of merging it into the .po
    files: the catalogues stay as they are."""

    def write_po_file(self, potfile, locale):
        # A .pot's header says "nplurals=INTEGER", which Babel refuses to parse.
        text = Path(potfile).read_text(encoding="utf-8")
        text = re.sub(r'"Plural-Forms: .*\\n"\n', "", text)
        self.extracted = read_po(io.BytesIO(text.encode()))


def test_every_message_of_the_code_is_translated():
    """What tests/test_i18n.py checks on the .po files, checked against the code: a string
    marked for translation and never added to a catalogue fails here, not on a user's screen.
    One test for both languages: makemessages writes temporary files beside the templates, so
    two workers must not run it at once."""
    command = _Extract()
    command.run_from_argv(
        ["manage.py", "makemessages", "-l", "fr", "--verbosity", "0"]
        + [f"--ignore={pattern}" for pattern in IGNORED]
    )
    extracted = command.extracted
    assert len(extracted) > 900
    missing = []
    for language in ("fr", "ar"):
        with open(LOCALE / language / "LC_MESSAGES" / "django.po", "rb") as handle:
            missing += _untranslated(extracted, read_po(handle), language)
    assert not missing, f"{len(missing)} messages not translated: {missing[:8]}"


def _untranslated(extracted, catalogue, language):
    missing = []
    for message in extracted:
        if not message.id:
            continue
        entry = catalogue.get(message.id, context=message.context)
        strings = entry.string if entry is not None else None
        if isinstance(strings, str):
            strings = (strings,)
        if entry is None or entry.fuzzy or not strings or not all(strings):
            missing.append((language, message.id))
    return missing


def test_the_arabic_catalogue_has_six_plural_forms():
    with open(LOCALE / "ar" / "LC_MESSAGES" / "django.po", "rb") as handle:
        catalogue = read_po(handle)
    assert catalogue.num_plurals == 6
    plurals = [m for m in catalogue if isinstance(m.id, tuple)]
    assert plurals and all(len(m.string) == 6 and all(m.string) for m in plurals)


def test_every_model_and_field_the_admin_shows_has_a_translated_name():
    """resolutions/models/labels.py names them; an attribute added without a name would show
    its English attribute name in every language."""
    unnamed = []
    for model in admin.site._registry:
        if model._meta.app_label not in ("resolutions", "workflow"):
            continue
        if model._meta.model_name not in MODELS:
            unnamed.append(model._meta.label)
        for field in model._meta.get_fields():
            derived = getattr(field, "_verbose_name", "") is None
            if derived and field.name not in FIELDS and field.name != "id":
                unnamed.append(f"{model._meta.label}.{field.name}")
    assert not unnamed
    with translation.override("ar"):
        assert str(StatusUpdate._meta.verbose_name_plural) == "تحديثات الحالة"
        assert str(StatusUpdate._meta.get_field("as_of").verbose_name) == "التاريخ المرجعي"
    with translation.override("fr"):
        assert str(apps.get_app_config("resolutions").verbose_name) == (
            "Résolutions et leur mise en œuvre"
        )


# --- The admin pages ------------------------------------------------------------------------------

# English interface text of the admin pages below. None of it is data (titles, notes and names
# in the test data are chosen not to contain it).
ENGLISH = [
    "Submit for review",
    "Save and submit for review",
    "Publish as",
    "Reason for rejecting",
    "Reject and return to draft",
    "Not public",
    "Published update",
    "Correct this update",
    "Verify against the evidence",
    "Note for the reviewer",
    "My work",
    "Waiting for my review",
    "My drafts",
    "Returned to me",
    "My actions",
    "waiting for review",
    "My email notifications",
    "Status updates",
    "status update",
    "Resolutions and their implementation",
    "Roles and editor assignments",
    "Review records",
    "Sourced figures",
    "As of",
    "Recorded at",
    "Workflow",
    "The date the assessment describes",
    "only where a sourced figure exists",
    "characters; the evidence carries the detail",
    "Submit selected",
    "Publish selected",
    "Reject selected",
    "reviewed, no change",
    "Update from a spreadsheet",
    "Download the template",
    "Every row is checked first",
    "The step applies to every update below",
    "Email me",
    "Language of my emails",
    "Current status",
    "Not yet public",
    "Record a status update",
    "Paragraphs served",
    "Status history",
    "History",
    "Evidence to check",
    "cannot be deleted",
    "is published: the public already sees it",
    "Back to the update",
]
# ... and of the upload preview.
PREVIEW_ENGLISH = [
    "row is valid",
    "Confirm and save",
    "fix them in the file",
    "Nothing was saved",
]

DRAFTED = "Nota."


def _english_in(html, phrases=ENGLISH):
    """The English phrases in the page's text (tags and attribute values are looked at too:
    button labels are attributes)."""
    text = re.sub(r"\s+", " ", html)
    return [phrase for phrase in phrases if phrase in text]


def _page(client, url, language, status=200, **post):
    url = f"/{language}{url}"
    response = client.post(url, post) if post else client.get(url)
    translation.activate(settings.LANGUAGE_CODE)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


@pytest.fixture
def world(db, empty_db):
    resolution = f.resolution(adopted_on=date(2018, 5, 5), title="Résolution d’essai")
    action = f.action(resolution, title="Réseau")
    editor = staff.user("editor", username="redacteur")
    reviewer = staff.user("reviewer", username="reviseur")
    published = f.update(action, "in_progress", "2019-01-01", note=DRAFTED, verification="reported")
    draft = services.status_update_draft_create(
        user=editor,
        action=action,
        status="completed",
        as_of=date(2020, 1, 1),
        note=DRAFTED,
        evidence=[{"url": "https://example.org/e"}],
    )
    submitted = services.status_update_draft_create(
        user=editor,
        action=action,
        status="completed",
        as_of=date(2020, 2, 1),
        note=DRAFTED,
        evidence=[{"url": "https://example.org/e"}],
    )
    services.status_update_submit(user=editor, update=submitted)
    services.status_update_reject(
        user=reviewer, update=StatusUpdate.objects.get(pk=submitted.pk), reason="Source ?"
    )
    services.status_update_submit(user=editor, update=StatusUpdate.objects.get(pk=submitted.pk))
    return {
        "action": action,
        "editor": editor,
        "reviewer": reviewer,
        "published": published,
        "draft": draft,
        "submitted": submitted,
    }


def _client(account):
    client = Client()
    client.force_login(account, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _workbook(*rows):
    book = Workbook()
    sheet = book.active
    sheet.title = upload.SHEET_NAME
    sheet.append(["Action ID", "New status", "As of (YYYY-MM-DD)", "Note", "Evidence URL"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("statuts.xlsx", buffer.getvalue())


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_the_workflow_pages_have_no_english(world, language):
    editor, reviewer = _client(world["editor"]), _client(world["reviewer"])
    updates = "/admin/resolutions/statusupdate/"
    pages = {
        "home (editor)": _page(editor, "/admin/", language),
        "home (reviewer)": _page(reviewer, "/admin/", language),
        "list": _page(reviewer, updates, language),
        "review queue": _page(reviewer, f"{updates}?queue=review", language),
        "add": _page(editor, f"{updates}add/", language),
        "draft": _page(editor, f"{updates}{world['draft'].pk}/change/", language),
        "submitted": _page(reviewer, f"{updates}{world['submitted'].pk}/change/", language),
        "published": _page(reviewer, f"{updates}{world['published'].pk}/change/", language),
        "history": _page(reviewer, f"{updates}{world['published'].pk}/history/", language),
        "action": _page(
            reviewer, f"/admin/resolutions/action/{world['action'].pk}/change/", language
        ),
        "reviews": _page(reviewer, "/admin/resolutions/actionreview/", language),
        "actions": _page(editor, "/admin/resolutions/action/", language),
        "bulk publish": _page(
            reviewer,
            updates,
            language,
            action="publish_selected",
            _selected_action=[world["submitted"].pk],
        ),
        "refused delete": _page(
            editor, f"{updates}{world['published'].pk}/delete/", language, status=403
        ),
        "emails": _page(editor, "/admin/my-notifications/", language),
        "upload": _page(editor, "/admin/status-updates/upload/", language),
    }
    found = {name: _english_in(html) for name, html in pages.items()}
    if language == "en":
        # The control: in English the pages do show these phrases, so the list is live.
        shown = {phrase for phrases in found.values() for phrase in phrases}
        assert not set(ENGLISH) - shown, sorted(set(ENGLISH) - shown)
        return
    assert not {name: phrases for name, phrases in found.items() if phrases}
    # The steps themselves speak the page's language too.
    if language == "ar":
        assert "تقديم للمراجعة" in pages["draft"] and "سبب الرفض" in pages["submitted"]
    else:
        assert "Soumettre pour examen" in pages["draft"] and "Motif du renvoi" in pages["submitted"]


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_the_upload_preview_counts_in_the_page_language(world, language):
    editor = _client(world["editor"])
    url = "/admin/status-updates/upload/preview/"
    action = world["action"].pk
    valid = _page(
        editor,
        url,
        language,
        file=_workbook(
            [action, "completed", "2021-01-01", DRAFTED, "https://example.org/a"],
        ),
    )
    invalid = _page(
        editor,
        url,
        language,
        file=_workbook(
            [action, "completed", "2099-01-01", DRAFTED, "https://example.org/a"],
            [action, "completed", "2021-01-01", DRAFTED, "https://example.org/a"],
        ),
    )
    english = _english_in(valid, PREVIEW_ENGLISH + ENGLISH) + _english_in(
        invalid, PREVIEW_ENGLISH + ENGLISH
    )
    if language == "en":
        assert not set(PREVIEW_ENGLISH) - set(english)
        return
    assert not english
    if language == "fr":
        assert "1 ligne est valide" in valid
        assert "erreurs : corrigez-les dans le fichier" in invalid
    else:
        assert "الصف الوحيد (1) صالح" in valid
        assert "خطآن (2)" in invalid


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_xlsx_template_explains_itself_in_the_page_language(world, language):
    editor = _client(world["editor"])
    response = editor.get(f"/{language}/admin/status-updates/upload/template.xlsx")
    translation.activate(settings.LANGUAGE_CODE)
    book = load_workbook(io.BytesIO(response.content))
    texts = [
        str(cell.value)
        for sheet in book.worksheets
        if sheet.title != upload.SHEET_NAME
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    english = [
        "One row per action",
        "left unchanged",
        "choose from the list",
        "only where a sourced figure exists",
        "the date the assessment describes",
        "what the evidence shows",
        "an address (URL)",
        "Formulas are not accepted",
        "a second person reviews",
        "How to fill it in",
    ]
    joined = " ".join(texts) + " " + " ".join(s.title for s in book.worksheets)
    assert [phrase for phrase in english if phrase in joined] == []
    heading = {"fr": "Comment le remplir", "ar": "طريقة ملء النموذج"}[language]
    assert heading in [s.title for s in book.worksheets]
