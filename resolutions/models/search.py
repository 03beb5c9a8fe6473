"""Search folding: the one home of the rule that makes Arabic (and any) search forgiving.

Readers write Arabic with or without hamza seats, with any alef, with taa marbuta or haa, alef
maqsura or yaa, with or without diacritics and tatweel. `fold_search(text)` turns all of these
into one form, and the same rule runs inside the database:

- PostgreSQL: `FoldSearch(expression)` compiles to lower(translate(regexp_replace(...))) built
  from the constants below, so full-text search (`to_tsvector('simple', …)`) compares folded
  text with a folded query;
- SQLite: `FoldSearch` calls `fold_search`, the Python function itself, registered on every
  connection (`register_sqlite_function`, connected in apps.ready).

The two cannot drift: the SQL is generated from DIACRITICS and FOLDS, which `fold_search` uses.
"""

import re

from django.db import models

# Tashkeel (harakat, tanwin, shadda, sukun, superscript alef), Quranic marks and tatweel.
DIACRITICS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
# Letters written interchangeably: every alef with a hamza or madda is a bare alef; a hamza on a
# seat (ؤ ئ) is the bare hamza, so شؤون and شئون, مسؤول and مسئول are one word; alef maqsura is
# yaa; taa marbuta is haa.
FOLDS = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ؤ": "ء",
    "ئ": "ء",
    "ى": "ي",
    "ة": "ه",
}

_DIACRITICS_RE = re.compile(f"[{DIACRITICS}]")
_TABLE = str.maketrans(FOLDS)


def fold_search(text) -> str:
    """`text` as search compares it: diacritics and tatweel removed, letter variants folded
    (FOLDS), lower case."""
    return _DIACRITICS_RE.sub("", str(text or "")).translate(_TABLE).lower()


class FoldSearch(models.Func):
    """fold_search() inside the database (see the module docstring)."""

    function = "fold_search"
    output_field = models.TextField()
    arity = 1

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        # The pattern and the two alphabets are bound as parameters, never spliced into SQL.
        pattern = f"[{DIACRITICS}]"
        sql = f"lower(translate(regexp_replace({sql}, %s, '', 'g'), %s, %s))"
        return sql, (*params, pattern, "".join(FOLDS), "".join(FOLDS.values()))


def register_sqlite_function(sender, connection, **kwargs):
    """connection_created receiver: SQLite gets fold_search() as a deterministic SQL function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("fold_search", 1, fold_search, deterministic=True)


def folded_matches(translations, text):
    """PostgreSQL: the rows of `translations` (a TextTranslation queryset) matching `text`:
    full text with the Arabic stemmer on the folded translation (الوساطة, للوساطة), or every
    word of the query, folded, inside it (the stemmer strips prefixes such as "وال"
    incompletely). Both tests are written on the very expressions of the two GIN indexes of
    the app's migration (to_tsvector('arabic', folded) and folded with gin_trgm_ops), so matching
    rows are found through them, not by folding every row (tests/test_i18n_search.py)."""
    from django.contrib.postgres.search import SearchQuery, SearchVector
    from django.db.models import Q

    words = [fold_search(word) for word in str(text).replace('"', " ").split()]
    every_word = Q() if words else Q(pk__in=[])
    for word in words:
        every_word &= Q(folded__contains=word)
    query = SearchQuery(fold_search(text), search_type="websearch", config="arabic")
    return (
        translations.annotate(folded=FoldSearch("text"))
        .annotate(folded_document=SearchVector("folded", config="arabic"))
        .filter(Q(folded_document=query) | every_word)
    )
