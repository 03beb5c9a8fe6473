"""`Action.continues` (#15) where people edit and read it besides the pages: the action's admin
form (through the same service and audit trail as every admin save), the report's CSV and XLSX
(one column of exports/columns.py) and the report PDF."""

import csv
import io

import pytest
from django.contrib.admin.sites import site
from django.forms.models import model_to_dict
from django.test import RequestFactory
from openpyxl import load_workbook

from exports.formats import REPORT_COLUMNS, column_keys
from resolutions.loader import load_file
from resolutions.models import Action, SourceDocument
from tests.staff import user
from tests.test_exports import pdf_text

pytestmark = pytest.mark.django_db
AS_OF = "2019-12-31"


@pytest.fixture
def followup(seeded):
    load_file("data/56-46-pol.yaml")


def _action(symbol, key):
    return Action.objects.get(resolution__symbol=symbol, key=key)


def _admin_form(account, action, **changes):
    request = RequestFactory().post("/")
    request.user = account
    model_admin = site._registry[Action]
    data = {
        name: value
        for name, value in model_to_dict(action).items()
        if value is not None and name != "id"
    }
    data["responsible_actors"] = [a.pk for a in data.get("responsible_actors", [])]
    data.update(based_on_version=action.version, **changes)
    form = model_admin.get_form(request, action)(data, instance=action)
    return request, model_admin, form


def test_the_admin_sets_a_continuation_through_the_service(followup):
    account = user("administrator")
    earlier, later = _action("53/45-POL", "network"), _action("56/46-POL", "network")
    source = SourceDocument.objects.get(key="conf-3-concept-note")
    request, model_admin, form = _admin_form(
        account,
        later,
        continues=earlier.pk,
        continues_source=source.pk,
        continues_quote="The same network.",
    )
    assert form.is_valid(), form.errors
    model_admin.save_model(request, form.save(commit=False), form, change=True)
    later.refresh_from_db()
    assert later.continues == earlier
    # The symbol and key data files name it by follow from the chosen action.
    assert (later.continues_symbol, later.continues_key) == ("53/45-POL", "network")
    entry = later.history.first()
    assert entry.history_user == account and entry.continues_id == earlier.pk


def test_the_admin_refuses_an_unsourced_continuation_and_extras_without_one(followup):
    account = user("administrator")
    earlier, later = _action("53/45-POL", "network"), _action("56/46-POL", "network")
    _, _, unsourced = _admin_form(account, later, continues=earlier.pk)
    assert not unsourced.is_valid() and "continues_source" in unsourced.errors
    # A fresh instance: a form's clean() writes the chosen action's names onto its instance.
    later = _action("56/46-POL", "network")
    _, _, stray = _admin_form(account, later, continues_quote="Alone.")
    assert not stray.is_valid() and "continues_quote" in stray.errors
    assert _action("56/46-POL", "network").continues is None


def test_removing_a_continuation_in_the_admin_clears_its_names(followup):
    account = user("administrator")
    later = _action("56/46-POL", "code-of-conduct")
    request, model_admin, form = _admin_form(
        account,
        later,
        continues="",
        continues_source="",
        continues_quote="",
        continues_note="",
    )
    assert form.is_valid(), form.errors
    model_admin.save_model(request, form.save(commit=False), form, change=True)
    later.refresh_from_db()
    assert later.continues is None and later.continues_symbol == later.continues_key == ""


def test_the_report_csv_xlsx_and_pdf_name_the_continued_action(followup, client):
    url = f"/en/resolutions/56-46-pol/report.{{fmt}}?as_of={AS_OF}"
    content = client.get(url.format(fmt="csv")).content
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    by_key = {r["action_key"]: r for r in rows if r["action_key"]}
    assert by_key["code-of-conduct"]["continues"] == "53/45-POL (code-of-conduct)"
    assert by_key["network"]["continues"] == ""

    book = load_workbook(io.BytesIO(client.get(url.format(fmt="xlsx")).content))
    sheet = book["Paragraphs"]
    keys = column_keys(REPORT_COLUMNS)
    cells = [dict(zip(keys, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    conduct = next(r for r in cells if r["action_key"] == "code-of-conduct")
    assert conduct["continues"] == "53/45-POL (code-of-conduct)"

    _, text = pdf_text(client.get(url.format(fmt="pdf")).content)
    flat = " ".join(text.split())
    assert "Continues the action of 53/45-POL, as stated by" in flat
