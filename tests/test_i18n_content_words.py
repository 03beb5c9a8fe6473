"""Words that must not clash (issue #13, item 5): "overdue" (a due date has passed, whatever the
status) and the status "delayed / stalled" (a published update says the work stalled) are
different words in English, French and Arabic, each written in the status definitions page; the
action list's sort menu is translated, each option once."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from tests.test_i18n import _get

# Every message that says "overdue" to a reader, and the status label it must not be confused with.
OVERDUE = ("Overdue", "overdue", "Overdue:", "My actions overdue")
DELAYED = "Delayed / stalled"
# The word a reader would take for the other notion: it must not be in any "overdue" message.
DELAYED_WORD = {"en": "Delayed", "fr": "retard", "ar": "متأخر"}
OVERDUE_WORD = {"en": "Overdue", "fr": "dépassée", "ar": "تجاوز"}


@pytest.mark.parametrize("language", ("en", "fr", "ar"))
def test_overdue_and_delayed_are_different_words(language):
    with translation.override(language):
        delayed = _(DELAYED)
        overdue = [_(m) for m in OVERDUE]
    assert DELAYED_WORD[language].lower() in delayed.lower()
    for text in overdue:
        assert DELAYED_WORD[language].lower() not in text.lower(), text
        assert OVERDUE_WORD[language].lower() in text.lower(), text
    assert OVERDUE_WORD[language].lower() not in delayed.lower()


@pytest.mark.parametrize("language", ("en", "fr", "ar"))
def test_the_status_definitions_page_defines_both(db, language):
    html = _get("/statuses/", language).content.decode()
    with translation.override(language):
        delayed, overdue = _(DELAYED), _("Overdue")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    # The section that tells them apart names both, with their own words.
    item = re.search(r'<li id="overdue-not-delayed">(.*?)</li>', html, re.S)
    assert item, language
    assert delayed in item.group(1) and overdue in item.group(1)
    assert re.search(r'<li id="overdue">', html)
    assert delayed in text and overdue in text


@pytest.mark.parametrize("language", ("en", "fr", "ar"))
def test_every_sort_option_is_translated_and_listed_once(seeded, language):
    html = _get("/actions/", language).content.decode()
    select = re.search(r'<select name="sort".*?</select>', html, re.S).group(0)
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)<', select)
    values = [v for v, _label in options]
    labels = [label for _v, label in options]
    assert len(values) == len(set(values)) == 12
    assert len(labels) == len(set(labels))
    english = dict(
        re.findall(
            r'<option value="([^"]*)"[^>]*>([^<]*)<',
            re.search(
                r'<select name="sort".*?</select>', _get("/actions/", "en").content.decode(), re.S
            ).group(0),
        )
    )
    if language != "en":
        for value, label in options:
            assert label != english[value], (value, label)
            assert "reversed" not in label
