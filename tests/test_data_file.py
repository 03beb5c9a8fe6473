"""The shipped 53/45-POL data says what its sources say, and no more."""

from datetime import date
from pathlib import Path

import pytest
import yaml

from resolutions.models import Action, MemberState, MemberStateRole, Paragraph, SourcedFigure
from resolutions.status import Status

SEED = Path("data/sources/un-19-01473-summary-report.txt")


def _norm(text):
    return " ".join(text.split())


def test_every_quote_attributed_to_the_seed_is_verbatim():
    seed = _norm(SEED.read_text(encoding="utf-8"))
    data = yaml.safe_load(Path("data/53-45-pol.yaml").read_text(encoding="utf-8"))
    checked = 0
    for p in data["resolution"]["paragraphs"]:
        if p.get("source") == "un-19-01473":
            assert _norm(p["text"]) in seed, p["number"]
            checked += 1
    for a in data["resolution"]["actions"]:
        seed_occurrences = {
            o["key"] for o in a.get("occurrences", []) if "un-19-01473" in o.get("sources", [])
        }
        for item in a.get("figures", []) + a.get("member_state_roles", []):
            if item["source"] == "un-19-01473":
                assert _norm(item["quote"]) in seed
                checked += 1
        for u in a.get("status_updates", []):
            for e in u["evidence"]:
                if e.get("quote") and (
                    e.get("source") == "un-19-01473" or e.get("occurrence") in seed_occurrences
                ):
                    assert _norm(e["quote"]) in seed, e["quote"][:60]
                    checked += 1
    assert checked >= 15


@pytest.mark.django_db
def test_paragraphs_known_from_the_seed_are_marked_paraphrase(seeded):
    operative = Paragraph.objects.filter(resolution=seeded, kind="operative")
    assert sorted(operative.values_list("number", flat=True)) == ["4", "5", "7", "8"]
    for p in operative:
        assert p.text_provenance == "paraphrase"
        assert p.text_source.key == "un-19-01473"
    # Nothing pretends to be the resolution's own words.
    assert not Paragraph.objects.filter(resolution=seeded, text_provenance="verbatim").exists()


@pytest.mark.django_db
def test_statuses_on_29_november_2018_match_the_seed(seeded):
    statuses = {
        a.key: a.current_status
        for a in Action.objects.filter(resolution=seeded).with_status(date(2018, 11, 29))
    }
    assert statuses == {
        "contact-group": Status.COMPLETED,
        "annual-conference": Status.ONGOING,
        "network": Status.IN_PROGRESS,
        "training": Status.IN_PROGRESS,
        "code-of-conduct": Status.NOT_STARTED,
        "pscru": Status.NOT_YET_ASSESSED,
        "partnerships": Status.NOT_YET_ASSESSED,
    }


@pytest.mark.django_db
def test_contact_group_stores_the_count_not_guessed_names(seeded):
    assert MemberState.objects.count() == 57
    figure = SourcedFigure.objects.get(action__key="contact-group")
    assert figure.value == 24 and figure.as_of == date(2018, 11, 29)
    co_chairs = MemberStateRole.objects.filter(role="co_chair").values_list(
        "member_state__iso3", flat=True
    )
    assert sorted(co_chairs) == ["GMB", "SAU", "TUR"]
    assert not MemberStateRole.objects.filter(role="member").exists()


FACTS = Path("data/sources/53-45-POL-public-facts.md")


def test_verbatim_translations_are_copied_from_the_public_facts():
    facts = FACTS.read_text(encoding="utf-8")
    data = yaml.safe_load(Path("data/53-45-pol.yaml").read_text(encoding="utf-8"))
    records = [data["resolution"], *data["resolution"]["paragraphs"]]
    for action in data["resolution"]["actions"]:
        records += [action, *action.get("occurrences", [])]
    checked = 0
    for record in records:
        for fields in (record.get("translations") or {}).values():
            for translation in fields.values():
                if translation["provenance"] == "verbatim":
                    assert translation["text"] in facts, translation["text"][:40]
                    checked += 1
    assert checked == 6  # Arabic title, French title, PP1–PP3 in Arabic, a theme in Arabic


@pytest.mark.django_db
def test_arabic_and_french_texts_are_loaded_with_their_provenance(seeded):
    from resolutions.models import TextTranslation

    title_ar = TextTranslation.objects.get(
        object_id=seeded.pk, field="title", language="ar", content_type__model="resolution"
    )
    assert title_ar.text == "تعزيز قدرات منظمة التعاون الإسلامي في مجال الوساطة"
    assert title_ar.provenance == "verbatim" and title_ar.source.key == "moqatel-53-45-ar"
    title_fr = TextTranslation.objects.get(
        object_id=seeded.pk, field="title", language="fr", content_type__model="resolution"
    )
    assert "unverified" in title_fr.note
    # The three preambular paragraphs, verbatim from the Arabic source (the others' Arabic texts
    # are the project's unofficial translations).
    verbatim = TextTranslation.objects.filter(language="ar", field="text", provenance="verbatim")
    assert verbatim.count() == 3


@pytest.mark.django_db
def test_every_fact_of_53_45_pol_rests_on_a_source(seeded):
    """Walks what the loader stored for 53/45-POL: every responsible actor, description,
    occurrence, participation, figure, role and status update names its source, and every quote
    that names a responsible actor is the source's own words (the seed, or the public-facts
    sheet for the other sources). A fact without a source fails here; "not stated" is a fact
    the data may leave empty."""
    seed = _norm(SEED.read_text(encoding="utf-8"))
    facts = _norm(FACTS.read_text(encoding="utf-8"))
    unsourced = []
    actions = seeded.actions.prefetch_related(
        "responsible_actors",
        "description_sources",
        "occurrences__sources",
        "occurrences__participations",
        "figures",
        "member_state_roles",
        "status_updates__evidence__occurrence__sources",
    ).select_related("responsible_source", "mandate_source")
    for action in actions:
        where = action.key
        if action.mandate_source is None:
            unsourced.append(f"{where}: mandate")
        if action.responsible_actors.all():
            if action.responsible_source is None or not action.responsible_quote:
                unsourced.append(f"{where}: responsible actors")
            else:
                words = seed if action.responsible_source.key == "un-19-01473" else facts
                assert _norm(action.responsible_quote) in words, where
        if action.description and not action.description_sources.all():
            unsourced.append(f"{where}: description")
        for o in action.occurrences.all():
            if not o.sources.all():
                unsourced.append(f"{where}: occurrence {o.key}")
            unsourced += [
                f"{where}: {o.key} participation"
                for p in o.participations.all()
                if p.source_id is None
            ]
        unsourced += [
            f"{where}: figure {f.label}" for f in action.figures.all() if f.source_id is None
        ]
        unsourced += [
            f"{where}: role" for r in action.member_state_roles.all() if r.source_id is None
        ]
        for u in action.status_updates.all():
            evidence = list(u.evidence.all())
            if not evidence or not all(
                e.source_id or e.url or (e.occurrence and e.occurrence.sources.all())
                for e in evidence
            ):
                unsourced.append(f"{where}: status update {u.import_key}")
    assert unsourced == []
    assert actions.count() == 7


@pytest.mark.django_db
def test_responsibility_comes_from_a_source_or_is_not_stated(seeded):
    responsible = {
        a.key: sorted(a.responsible_actors.values_list("name", flat=True))
        for a in seeded.actions.all()
    }
    assert responsible == {
        "pscru": ["OIC General Secretariat"],
        "partnerships": [],  # Para. 5's addressee is not known
        "network": ["OIC Secretary-General"],  # "requests the Secretary General"
        "training": ["OIC"],  # "requests the OIC"
        "contact-group": ["Türkiye"],  # "established upon the initiative of our country"
        "annual-conference": [],  # no source says whom the conferences are asked of
        "code-of-conduct": [],
    }


@pytest.mark.django_db
def test_the_simulation_session_is_dated_only_as_the_seed_dates_it(seeded):
    from resolutions.models import Occurrence

    simulation = Occurrence.objects.get(key="simulation-2018-11-29")
    # "Following the Conference": no day of its own and no place.
    assert simulation.date_precision == "after"
    assert simulation.start_date == date(2018, 11, 29) and simulation.place == ""
    seed = _norm(SEED.read_text(encoding="utf-8"))
    assert "Following the Conference, young diplomats from 17 OIC Member States" in seed
