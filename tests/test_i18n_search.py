"""Search in Arabic (issue #13, item 6): the action list finds content whatever the hamza forms,
alef variants, taa marbuta/haa, alef maqsura/yaa, diacritics and tatweel a reader types. One
folding rule (resolutions/models/search.py) runs in Python, in SQLite (the same function,
registered) and in PostgreSQL (SQL generated from the same constants); these tests run on both
databases."""

import re

import pytest
from django.db import connection

from resolutions.models import Action, Actor, StatusUpdate, TextTranslation
from resolutions.models.search import FoldSearch, fold_search
from tests.test_i18n import _get


def _keys(query, language="ar"):
    response = _get(f"/actions/?q={query}", language)
    assert response.status_code == 200
    ids = re.findall(rf'<a href="/{language}/actions/(\d+)/', response.content.decode())
    by_id = dict(Action.objects.values_list("pk", "key"))
    return sorted({by_id[int(i)] for i in ids})


def test_the_rule():
    assert fold_search("الإسلامي") == fold_search("الاسلامى") == "الاسلامي"
    assert fold_search("آفاق") == fold_search("افاق")
    assert fold_search("شؤون") == fold_search("شئون")
    assert fold_search("مسؤول") == fold_search("مسئول")
    assert fold_search("الوساطة") == fold_search("الوساطه") == fold_search("الوَسَاطَةُ")
    assert fold_search("تعـــزيز") == fold_search("تعزيز")
    assert fold_search("Médiation") == "médiation"


@pytest.mark.django_db
def test_the_database_folds_exactly_as_python():
    samples = [
        "الإِسْلَامِيّ",
        "مستشفى",
        "شؤون وشئون",
        "آفاق أُمّة إِنْسان",
        "تعـــزيز قُدُرات",
        "Médiation OCI",
        "دكا، جمهورية بنغلاديش الشعبية",
    ]
    actor = Actor.objects.create(name="probe", kind="oic_organ")
    for text in samples:
        Actor.objects.filter(pk=actor.pk).update(name=text)
        in_db = Actor.objects.annotate(f=FoldSearch("name")).get(pk=actor.pk).f
        assert in_db == fold_search(text), (connection.vendor, text, in_db)


@pytest.mark.parametrize(
    "query",
    [
        "الإسلامي",  # as written in the translation
        "الاسلامي",  # bare alef
        "الاسلامى",  # alef maqsura for the final yaa
        "الإِسْلَامِيّ",  # with tashkeel
        "الإســلامي",  # with tatweel
    ],
)
def test_arabic_title_is_found_however_it_is_written(seeded, query):
    assert "pscru" in _keys(query)


@pytest.mark.parametrize("query", ["الوساطة", "الوساطه", "الوَسَاطَة"])
def test_taa_marbuta_and_diacritics(seeded, query):
    assert "training" in _keys(query)  # إتاحة فرص التدريب على حل النزاعات والوساطة


def test_hamza_on_a_seat_and_madda(seeded):
    # "آفاق" (the 4th conference's theme) is not an action text; the action titles give
    # "الأمن" (pscru) and "إنشاء" (contact group).
    assert "pscru" in _keys("الامن")
    assert "contact-group" in _keys("انشاء")
    assert "contact-group" in _keys("إنشاء")


def test_a_seated_hamza_matches_the_other_seat(seeded):
    action = Action.objects.get(key="network")
    update = StatusUpdate.objects.public().filter(action=action).first()
    TextTranslation.objects.update_or_create(
        content_type_id=_content_type_id(update),
        object_id=update.pk,
        field="note",
        language="ar",
        defaults={
            "text": "شؤون الوساطة",
            "provenance": "translation",
            "original_language": "en",
            "original_text": update.note,
        },
    )
    assert "network" in _keys("شئون")


def _content_type_id(obj):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk


def test_no_false_match_and_english_still_works(seeded):
    assert _keys("زززز") == []
    assert "network" in _keys("network", "en")
    assert "network" in _keys("Network", "ar")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the Arabic stemmer is PostgreSQL's")
def test_postgresql_full_text_stems_the_folded_arabic(seeded):
    # "للوساطة" (for mediation) is in no action text as written; its stem is (الوساطة).
    assert "training" in _keys("للوساطه")


def _plan(sql, params):
    """The index names in PostgreSQL's plan for `sql`, with plain and index scans priced out:
    the test data is small enough that reading the table is cheapest, and the question is
    whether the folded-text indexes can answer the search's conditions at all (they cannot
    once the expressions drift apart: then only a scan could)."""
    import json

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
        cursor.execute("RESET enable_seqscan")
        cursor.execute("RESET enable_indexscan")
    plan = json.loads(plan) if isinstance(plan, str) else plan
    found = []

    def walk(node):
        found.append(node.get("Index Name"))
        for child in node.get("Plans", []):
            walk(child)

    walk(plan[0]["Plan"])
    return found


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the indexes are PostgreSQL's")
def test_postgresql_finds_the_translations_through_the_folded_indexes(seeded):
    from resolutions.models.search import folded_matches

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'resolutions_texttranslation'"
        )
        names = {row[0] for row in cursor.fetchall()}
    assert {"translation_folded_fts", "translation_folded_trgm"} <= names
    # The translations the action list's search matches (Action.objects.search maps them to
    # their actions): both tests, full text and folded substrings, are answered by their
    # index, none by folding every row.
    matching = folded_matches(TextTranslation.objects.all(), "الإسلامي")
    used = _plan(*matching.values("pk").query.sql_with_params())
    assert "translation_folded_fts" in used, used
    assert "translation_folded_trgm" in used, used
    assert matching.exists()  # "منظمة التعاون الإسلامي" is in many translations
