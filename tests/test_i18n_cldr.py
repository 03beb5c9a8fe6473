"""Names from CLDR (Babel), in the reader's language and alphabetical order (issue #13, item 2)."""

import re

import pytest
from babel import Locale
from django.utils import translation

from resolutions.models import MemberState
from resolutions.translations import (
    COUNTRY_NAME_OVERRIDES,
    collation_key,
    country_name,
    fold_arabic,
)
from tests.test_i18n import _get


def _listed_names(html):
    return re.findall(r'<a href="/[a-z]{2}/member-states/[A-Z]{3}/[^"]*">([^<]+)</a></th>', html)


@pytest.mark.parametrize("language", ("fr", "ar"))
def test_every_member_state_is_named_from_cldr(seeded, language):
    locale = Locale.parse(language)
    states = list(MemberState.objects.all())
    assert len(states) == 57
    for state in states:
        name = country_name(state.iso3, state.name, language)
        if state.iso3 in COUNTRY_NAME_OVERRIDES:
            assert name == COUNTRY_NAME_OVERRIDES[state.iso3][language]
            continue
        alpha2 = {"TUR": "TR", "EGY": "EG", "SAU": "SA"}.get(state.iso3)
        if alpha2:
            assert name == locale.territories[alpha2]
        assert name in locale.territories.values(), (state.iso3, name)


@pytest.mark.parametrize("language", ("fr", "ar"))
def test_member_state_list_is_in_the_readers_language_and_order(seeded, language):
    html = _get("/member-states/", language).content.decode()
    names = _listed_names(html)
    assert len(names) == 57
    assert names == sorted(names, key=lambda n: collation_key(n, language))
    if language == "ar":
        english = {s.name for s in MemberState.objects.all()}
        assert not english.intersection(names), english.intersection(names)
    # The "go to a Member State" menu too.
    menu = re.search(r'<select name="state".*?</select>', html, re.S).group(0)
    options = re.findall(r'<option value="[A-Z]{3}">([^<]+)</option>', menu)
    assert options == names


def test_arabic_order_is_the_alphabets_not_englishs(seeded):
    names = _listed_names(_get("/member-states/", "ar").content.decode())
    # Hamza forms of alef are alef: أذربيجان, أفغانستان, الأردن… before باكستان; تركيا among ت.
    assert names[0] == "أذربيجان"
    assert names.index("باكستان") < names.index("تركيا") < names.index("تونس")
    assert names.index("إيران") < names.index("باكستان")
    assert names[-1] == "نيجيريا"


def test_french_order_ignores_accents(seeded):
    names = _listed_names(_get("/member-states/", "fr").content.decode())
    assert names.index("Djibouti") < names.index("Égypte") < names.index("Émirats arabes unis")
    assert names.index("Émirats arabes unis") < names.index("Gabon")
    assert names.index("Sénégal") < names.index("Sierra Leone")


def test_member_state_heading_and_actor_names(seeded):
    page = _get("/member-states/TUR/", "ar").content.decode()
    assert "<h1>تركيا</h1>" in page and "Türkiye" not in page.split("<main")[1]
    assert "<h1>Turquie</h1>" in _get("/member-states/TUR/", "fr").content.decode()
    assert "<h1>Türkiye</h1>" in _get("/member-states/TUR/", "en").content.decode()
    actions = _get("/actions/", "fr").content.decode()
    menu = re.search(r'<select name="actor".*?</select>', actions, re.S).group(0)
    assert ">Turquie</option>" in menu and "Türkiye" not in menu


def test_folding_and_keys():
    assert fold_arabic("إِيرَان") == "ايران" and fold_arabic("مدرسة") == "مدرسه"
    assert fold_arabic("مستشفى") == "مستشفي"
    with translation.override("fr"):
        assert collation_key("Égypte") < collation_key("Erythrée") < collation_key("Éthiopie")
