"""Evidence files: what may be attached (PDF, DOCX, XLSX, PNG, JPEG, GIF, WebP), recognised
from the file's content (never its name or the browser's word), at most
settings.EVIDENCE_MAX_BYTES, with a SHA-256 stored so a citation can be checked later.

Files are stored with Django's default storage (MEDIA_ROOT locally; django-storages for object
storage, README) and never served from a public media URL: resolutions.views_files serves a
file only when its status update is published (staff may download any)."""

import hashlib
import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
}


def _read(upload):
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def sniff(data: bytes) -> str:
    """The file type from its first bytes (and, for Office files, the parts inside the zip);
    "" when it is none of the accepted types."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return ""
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return "docx"
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            return "xlsx"
    return ""


def max_bytes():
    return getattr(settings, "EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)


def check(upload):
    """(file type, sha256 hex) of an upload, or ValidationError naming what is wrong."""
    limit = max_bytes()
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            {
                "file": f"The file is {upload.size:,} bytes; the limit is {limit:,} bytes "
                f"({limit // (1024 * 1024)} MB)."
            }
        )
    data = _read(upload)
    if len(data) > limit:
        raise ValidationError({"file": f"The file is larger than {limit:,} bytes."})
    kind = sniff(data)
    if not kind:
        raise ValidationError(
            {
                "file": "The file's content is not a PDF, DOCX, XLSX, PNG, JPEG, GIF or WebP "
                "file (its name does not decide this)."
            }
        )
    return kind, hashlib.sha256(data).hexdigest()
