"""The installation's branding (settings.BRANDING) in the language of the request."""

from types import SimpleNamespace

from django.conf import settings
from django.utils.translation import get_language


def brand():
    """Name, tagline, body and logo of this installation in the active language (English
    values where a language has none)."""
    language = (get_language() or "en").split("-")[0]
    values = {
        field: texts.get(language) or texts.get("en", "")
        for field, texts in settings.BRANDING.items()
        if isinstance(texts, dict)
    }
    return SimpleNamespace(logo_url=settings.BRANDING.get("logo_url", ""), **values)


def branding(request):
    return {"brand": brand()}
