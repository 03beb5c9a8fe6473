"""The page's language, as every other module asks for it.

English is the language the data is recorded in (`ORIGINAL_LANGUAGE`); French and Arabic pages
read translations of it. Domain-level (imports nothing of the project), so both the dates and
the translations can use it without importing each other.
"""

from django.conf import settings
from django.utils.translation import get_language

ORIGINAL_LANGUAGE = "en"

# Babel locale per page language: British English ("29 November 2018"), French, Arabic.
BABEL_LOCALES = {"en": "en_GB", "fr": "fr", "ar": "ar"}


def active_language():
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]
