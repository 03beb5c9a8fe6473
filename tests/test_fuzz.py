"""Fuzzed input (Hypothesis): the status-update admin form and the data-file loader never fail
with a server error and never write part of what they were given.

- The admin form gets generated values for every field and for the evidence formset's
  management form: the answer is a redirect (saved: exactly one update and its evidence more)
  or the form again (refused: no row changed anywhere).
- The loader gets a small valid file with generated mutations (values replaced by values of any
  type, fields removed, unknown fields added): it loads, or raises LoadError and no table
  changed.

Examples are kept modest (max_examples=50) so CI stays fast.
"""

import copy
from datetime import date

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resolutions.loader import LoadError, load_data
from resolutions.models import Evidence, StatusUpdate
from tests import factories as f
from tests import staff

# These tests build their own small world with the factories, in a database without the
# session's real data (tests/conftest.py: empty_db).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_db")]

FUZZ = settings(
    max_examples=50,
    deadline=None,
    database=None,  # no example database written into the working tree
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def row_counts():
    """Rows in every table the tracker writes, audit trail included: every table's COUNT(*) in
    one query (they are read twice per example; a query per table was ~120 per example)."""
    labels = ("resolutions", "workflow")
    models = [model for label in labels for model in apps.get_app_config(label).get_models()]
    qn = connection.ops.quote_name
    counts = ", ".join(f"(SELECT COUNT(*) FROM {qn(m._meta.db_table)})" for m in models)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        row = cursor.fetchone()
    return {model._meta.label: n for model, n in zip(models, row, strict=True)}


# Text as people paste it: control characters, NUL, right-to-left scripts, very long values.
TEXT = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.sampled_from(["", " ", "\x00", "<script>alert(1)</script>", "ـــ", "9" * 400]),
)
NUMBERISH = st.one_of(
    st.integers(-(10**12), 10**12).map(str), st.sampled_from(["", "40", "100", "1e3", "-1"])
)
DATEISH = st.one_of(
    st.dates(min_value=date(1, 1, 1)).map(str),
    st.sampled_from(["", "2019-02-30", "10000-01-01", "01/06/2019", "2019-06-01"]),
)


# --- The status-update admin form ----------------------------------------------------------------


@pytest.fixture
def form_world(client):
    action = f.action(f.resolution())
    occurrence = f.occurrence(action, "2019-01-01")
    source = f.source()
    editor = staff.user("editor")
    staff.client_for(client, editor)
    return client, {"action": action.pk, "source": source.pk, "occurrence": occurrence.pk}


def _pk_or_junk(pk):
    return st.one_of(st.just(str(pk)), st.just(""), NUMBERISH, TEXT)


@st.composite
def evidence_rows(draw, world):
    rows = []
    for _ in range(draw(st.integers(0, 3))):
        rows.append(
            {
                "source": draw(st.one_of(st.just(""), _pk_or_junk(world["source"]))),
                "occurrence": draw(st.one_of(st.just(""), _pk_or_junk(world["occurrence"]))),
                "url": draw(st.one_of(st.just(""), st.just("https://example.org/e"), TEXT)),
                "title": draw(TEXT),
                "locator": draw(TEXT),
                "quote": draw(TEXT),
            }
        )
    return rows


def test_the_status_update_form_never_fails_or_half_saves(form_world):
    client, world = form_world
    url = reverse("admin:resolutions_statusupdate_add")

    @FUZZ
    @given(data=st.data())
    def post(data):
        rows = data.draw(evidence_rows(world))
        total = data.draw(
            st.one_of(st.just(str(len(rows))), NUMBERISH, st.sampled_from(["", "x", "99999"]))
        )
        form = {
            "action": data.draw(_pk_or_junk(world["action"])),
            "status": data.draw(
                st.one_of(st.sampled_from(["in_progress", "completed", "delayed"]), TEXT)
            ),
            "progress": data.draw(NUMBERISH),
            "as_of": data.draw(DATEISH),
            "note": data.draw(TEXT),
            "evidence-TOTAL_FORMS": total,
            "evidence-INITIAL_FORMS": data.draw(st.sampled_from(["0", "", "3", "-1"])),
            "evidence-MIN_NUM_FORMS": "1",
            "evidence-MAX_NUM_FORMS": "1000",
            "_save": "Save",
        }
        for i, row in enumerate(rows):
            form.update({f"evidence-{i}-{name}": value for name, value in row.items()})
        before = row_counts()

        response = client.post(url, form)

        assert response.status_code in (200, 302), response.status_code
        after = row_counts()
        if response.status_code == 302:
            update = StatusUpdate.objects.latest("recorded_at", "id")
            assert update.state == "draft"
            assert after["resolutions.StatusUpdate"] == before["resolutions.StatusUpdate"] + 1
            assert after["resolutions.Evidence"] == before["resolutions.Evidence"] + (
                update.evidence.count()
            )
            assert update.evidence.count() >= 1
        else:
            assert after == before

    post()
    assert Evidence.objects.filter(status_update__state="published").count() == 0


# --- The data-file loader ------------------------------------------------------------------------


def small_file():
    """A valid file exercising every section of the format, small enough to load quickly."""
    return {
        "format": "resolution-tracker/1",
        "sources": [
            {
                "key": "fz-src",
                "title": "Fuzz source",
                "kind": "un_document",
                "symbol": "A/1",
                "date": "2019-01-01",
                "url": "https://example.org/src",
            },
        ],
        "member_states": [{"iso3": "FZA", "name": "Fuzzland", "source": "fz-src"}],
        "actors": [
            {"name": "Fuzz Secretariat", "kind": "oic_organ"},
            {"name": "Fuzzland", "kind": "member_state", "member_state": "FZA"},
        ],
        "resolution": {
            "symbol": "1/99-FZ",
            "slug": "1-99-fz",
            "title": "Fuzzing the loader",
            "adopting_body": "Council",
            "session": "99th session",
            "adopted_on": "2018-05-05",
            "sources": ["fz-src"],
            "paragraphs": [
                {
                    "number": "PP1",
                    "kind": "preambular",
                    "text": "Recalling.",
                    "provenance": "paraphrase",
                    "source": "fz-src",
                },
                {
                    "number": "1",
                    "kind": "operative",
                    "verb": "requests",
                    "addressee": "secretary_general",
                    "summary": "Do it",
                    "provenance": "unknown",
                },
            ],
            "actions": [
                {
                    "key": "do-it",
                    "title": "Do it",
                    "mandate_type": "recurring_event",
                    "recurrence": "annual",
                    "paragraphs": ["1"],
                    "responsible": ["Fuzz Secretariat"],
                    "due_date": "2020-12-31",
                    "weight": 2,
                    "occurrences": [
                        {
                            "key": "c1",
                            "kind": "conference",
                            "title": "First",
                            "start_date": "2018-11-29",
                            "member_states_count": 10,
                            "sources": ["fz-src"],
                            "participations": [
                                {"member_state": "FZA", "role": "host", "source": "fz-src"}
                            ],
                        },
                    ],
                    "figures": [
                        {"label": "Members", "value": 24, "as_of": "2018-11-29", "source": "fz-src"}
                    ],
                    "member_state_roles": [
                        {"member_state": "FZA", "role": "co_chair", "source": "fz-src"}
                    ],
                    "status_updates": [
                        {
                            "key": "s1",
                            "status": "in_progress",
                            "progress": 40,
                            "as_of": "2018-11-29",
                            "note": "Started.",
                            "recorded_by": "Fuzz",
                            "verification": "reported",
                            "evidence": [
                                {"source": "fz-src", "locator": "p. 1"},
                                {"occurrence": "c1"},
                            ],
                        },
                    ],
                },
            ],
        },
    }


def _paths(node, path=()):
    """Every (path, key) in the file: where a mutation can land."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield path + (key,)
            yield from _paths(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield path + (index,)
            yield from _paths(value, path + (index,))


PATHS = list(_paths(small_file()))

ANY_VALUE = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**20), 10**20),
        st.floats(allow_nan=True),
        TEXT,
        st.dates(),
        st.sampled_from(
            [
                "fz-src",
                "c1",
                "FZA",
                "1",
                "PP1",
                "verified",
                "reported",
                "operative",
                "completed",
                "2019-13-01",
                "unknown",
                "annual",
            ]
        ),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(st.one_of(st.text(max_size=8), st.integers()), children, max_size=3),
    ),
    max_leaves=6,
)

MUTATION = st.tuples(
    st.sampled_from(PATHS), st.sampled_from(["replace", "delete", "add"]), ANY_VALUE
)


def _mutate(data, path, kind, value):
    parent = data
    try:
        for step in path[:-1]:
            parent = parent[step]
        key = path[-1]
        if kind == "replace":
            parent[key] = value
        elif kind == "delete":
            del parent[key]
        elif isinstance(parent, dict):
            parent[f"unexpected_{len(parent)}"] = value
        else:
            parent.append(value)
    except (KeyError, IndexError, TypeError):
        pass  # an earlier mutation removed or replaced the path


def test_the_loader_never_fails_otherwise_nor_half_loads():
    load_data(small_file(), "fuzz.yaml")  # a first, valid load: later ones update it

    @FUZZ
    @given(mutations=st.lists(MUTATION, min_size=1, max_size=3))
    def load(mutations):
        data = copy.deepcopy(small_file())
        for mutation in mutations:
            _mutate(data, *mutation)
        before = row_counts()
        try:
            load_data(data, "fuzz.yaml")
        except LoadError as error:
            assert str(error).startswith("fuzz.yaml: ")
            assert row_counts() == before

    load()
