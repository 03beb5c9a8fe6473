"""PostgreSQL indexes for the search in translations (#13 item 6).

The action list's search compares folded translations (resolutions/models/search.py: diacritics
and tatweel removed, hamza seats, alef variants, alef maqsura and taa marbuta folded, lower
case) with a folded query, in two ways: full text with the Arabic stemmer, and every word as a
substring of the folded text (the stemmer strips prefixes such as "وال" incompletely). Two GIN
indexes on the very expressions the search writes let PostgreSQL find the matching
translations without folding every row:

- translation_folded_fts: to_tsvector('arabic', <folded text>), for `@@`;
- translation_folded_trgm: <folded text> with pg_trgm's gin_trgm_ops, for LIKE '%word%'.

The folding is written out here as FoldSearch compiles it (a migration does not import live
code); tests/test_i18n_search.py checks on PostgreSQL that the search's plan uses both, so a
change to the folding that is not carried here fails there. SQLite has neither index nor the
functions they need (its search is the same folding through a Python function, unindexed):
nothing is done on other databases. pg_trgm is a trusted extension (PostgreSQL 13+), which the
database's owner may create.
"""

from django.db import migrations

DIACRITICS = "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]"
FOLD_FROM = "أإآٱؤئىة"
FOLD_TO = "ااااءءيه"
FOLDED = (
    f"lower(translate(regexp_replace(\"text\", '{DIACRITICS}', '', 'g'), "
    f"'{FOLD_FROM}', '{FOLD_TO}'))"
)
TABLE = "resolutions_texttranslation"

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE INDEX translation_folded_fts ON {TABLE} "
    f"USING gin (to_tsvector('arabic'::regconfig, COALESCE({FOLDED}, '')))",
    f"CREATE INDEX translation_folded_trgm ON {TABLE} USING gin (({FOLDED}) gin_trgm_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS translation_folded_trgm",
    "DROP INDEX IF EXISTS translation_folded_fts",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("resolutions", "0026_vocabularies_as_data")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP), elidable=False)]
