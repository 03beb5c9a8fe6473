"""Synthetic resolutions for demos and benchmarks (`manage.py generate_demo_data`).

Everything generated is marked: resolutions have `is_synthetic=True`, symbols `SYN-0001/99-POL`,
titles, notes and source titles start with "[Synthetic]", source keys with "syn-", URLs point at
the reserved `example.invalid` domain and actors are named "[Synthetic] …". Real rows (53/45-POL,
the Member States) are never changed; Member States are only *referred to*, and only when asked
(`link_member_states`), never created.

Determinism: one `random.Random(seed)` drives every choice, in a fixed order, and every date
derives from the fixed BASE_DATE (not today's date), so the same parameters and seed always
produce the same rows (see `fingerprint()`); primary keys may differ between databases.

Shapes (what the benchmark is meant to stress):
- paragraphs: 2–8 preambular (PP1…), operative ones sized to the action count, ~15 % of them
  split into lettered sub-paragraphs ("5(a)", "5(b)"); a third of resolutions end with an
  exhortation excluded from the roll-up (with a reason), ~3 % of other paragraphs too; texts
  are paraphrase, verbatim or unknown;
- actions: every mandate type, ~16 % recurring (annual or biennial) with one occurrence per
  interval, a quarter of those lapsing before BASE_DATE; ~55 % have a due date (many overdue);
  weights mostly 1; most serve one paragraph, some two, ~7 % none;
- actions per resolution vary around the requested mean; status updates per action are skewed
  (exponential weights: ~10 % of actions never assessed, a long tail with dozens of updates) but
  add up exactly to resolutions × actions × updates; as-of dates span the ten years before
  BASE_DATE; ~3 % of updates are same-day corrections; progress figures only where the model
  allows them (completed → none or 100);
- every update has 1–3 pieces of evidence (a source with a locator, an occurrence, or a URL).

Rows are written in batches inside one transaction, without save() or signals: bulk_create
for most tables, executemany for status updates and evidence (see _Builder.flush).

The package, by what each module holds: `vocabulary` (the reference date, marks, scales and
vocabularies), `params` (parameters, statistics, errors, splitting totals), `builder` (building a
batch in memory), `writing` (writing it), `run` (generate), `deletion` (delete_synthetic),
`digest` (fingerprint).
"""

from .deletion import delete_synthetic, synthetic_resolution_ids
from .digest import fingerprint
from .params import GeneratorError, Params, Stats, split_total
from .run import generate
from .vocabulary import (
    ACTORS,
    AUTHORS,
    BASE_DATE,
    MANDATE_MIX,
    PLACES,
    PREFIX,
    SCALES,
    SOURCE_KEY_PREFIX,
    SOURCE_KINDS,
    SPAN_DAYS,
    TITLE_VERBS,
    TOPICS,
    URL_BASE,
)

__all__ = [
    "delete_synthetic",
    "synthetic_resolution_ids",
    "fingerprint",
    "GeneratorError",
    "Params",
    "Stats",
    "split_total",
    "generate",
    "BASE_DATE",
    "SPAN_DAYS",
    "PREFIX",
    "SOURCE_KEY_PREFIX",
    "URL_BASE",
    "SCALES",
    "MANDATE_MIX",
    "TOPICS",
    "PLACES",
    "TITLE_VERBS",
    "ACTORS",
    "AUTHORS",
    "SOURCE_KINDS",
]
