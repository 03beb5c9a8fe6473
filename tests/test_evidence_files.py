"""Issue #12: evidence files — type from content, size limit, SHA-256 stored and shown,
unpublished files never served publicly, published ones served as downloads."""

import hashlib
import io
import zipfile
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from resolutions.evidence_files import sniff
from tests import factories as f
from tests import staff
from workflow import services

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def office(part):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    return buffer.getvalue()


def test_the_type_comes_from_the_content():
    assert sniff(PDF) == "pdf"
    assert sniff(office("word/document.xml")) == "docx"
    assert sniff(office("xl/workbook.xml")) == "xlsx"
    assert sniff(b"\x89PNG\r\n\x1a\n" + b"\0" * 20) == "png"
    assert sniff(b"\xff\xd8\xff\xe0" + b"\0" * 20) == "jpeg"
    assert sniff(b"MZ\x90\x00 this is an executable") == ""
    assert sniff(office("other.xml")) == ""


def draft_with_file(action, user, name, content):
    return services.status_update_draft_create(
        user=user,
        action=action,
        status="in_progress",
        as_of=date(2020, 1, 1),
        note="With a file.",
        evidence=[{"file": SimpleUploadedFile(name, content, content_type="application/pdf")}],
    )


def test_a_file_that_is_not_what_it_claims_or_too_large_is_refused(settings):
    action = f.action(f.resolution())
    editor = staff.user("editor")
    with pytest.raises(ValidationError, match="not a PDF, DOCX"):
        draft_with_file(action, editor, "report.pdf", b"MZ\x90\x00 an executable")
    settings.EVIDENCE_MAX_BYTES = 10
    with pytest.raises(ValidationError, match="the limit is 10 bytes"):
        draft_with_file(action, editor, "report.pdf", PDF)
    assert not action.status_updates.exists()


def test_unpublished_files_are_never_served_publicly_and_published_ones_download(client):
    action = f.action(f.resolution())
    editor, reviewer = staff.user("editor"), staff.user("reviewer")
    update = draft_with_file(action, editor, "report.pdf", PDF)
    piece = update.evidence.get()
    assert (piece.file_type, piece.file_sha256) == ("pdf", hashlib.sha256(PDF).hexdigest())
    url = reverse("evidence_file", args=[piece.pk])
    assert client.get(url).status_code == 404
    services.status_update_submit(user=editor, update=update)
    assert client.get(url).status_code == 404
    staff.client_for(client, reviewer)  # staff may download it to review it
    assert client.get(url).status_code == 200
    client.logout()
    services.status_update_publish(user=reviewer, update=update, verification="verified")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF
    page = client.get(f"/actions/{action.pk}/").content.decode()
    assert url in page and piece.file_sha256 in page
