"""Where a text is in its source (a locator: "resolution heading", "Annex, Second Session") is
the tracker's description, said in the reader's language on the pages and in the PDFs (#13);
a quoted sentence of the source in a locator stays in its words, isolated and tagged English,
and a quotation inside it nests in single quotes (no doubled `,""`)."""

import re

import pytest
from django.utils import translation

from resolutions.translations import LOCATORS, locator_html, locator_label
from tests.test_i18n import _get

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ("fr", "ar"))
def test_every_locator_of_the_data_files_is_translated(language):
    from pathlib import Path

    import yaml

    used = set()

    def walk(node, key=None):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif key in ("locator", "title_locator", "responsible_locator") and node:
            used.add(re.split(r": “", str(node), maxsplit=1)[0])

    for path in Path("data").glob("*.yaml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert used <= set(LOCATORS), sorted(used - set(LOCATORS))
    for english in used:
        label = locator_label(english, language)
        assert label and label != english, (language, english)


def test_a_quoted_sentence_stays_in_its_words():
    locator = "the sentence on the Contact Group of Friends of Mediation: “a ‘b,’”"
    with translation.override("ar"):
        assert str(locator_html(locator)) == (
            '<bdi dir="rtl">الجملة المتعلقة بفريق الاتصال لأصدقاء الوساطة</bdi>: '
            '<bdi lang="en" dir="ltr">“a ‘b,’”</bdi>'
        )
    assert locator_label(locator, "fr") == (
        "la phrase sur le Groupe de contact des amis de la médiation : “a ‘b,’”"
    )
    assert locator_label(locator, "en") == locator
    # Not in the vocabulary: shown as written, tagged as English.
    with translation.override("fr"):
        assert str(locator_html("p. 12")) == '<bdi lang="en" dir="ltr">p. 12</bdi>'


@pytest.mark.parametrize("language", ("en", "fr", "ar"))
def test_the_title_locator_nests_its_quotes(seeded, language):
    page = _get(f"/resolutions/{seeded.slug}/", language).content.decode()
    line = re.search(r'<p class="prov-line title-source">.*?</p>', page, re.S).group(0)
    assert "‘Strengthening the Mediation Capacity of the OIC,’”" in line
    assert '"”' not in line and "&quot;”" not in line and ',""' not in line
    if language != "en":
        assert '<bdi lang="en" dir="ltr">“established within the framework' in line
        assert "the sentence on the Contact Group" not in line


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def _locators_in(language: str) -> list[str]:
    """Every locator phrase as a reader of `language` sees it: the vocabulary's and the
    evidence locators' translations."""
    from resolutions.models import Evidence, TextTranslation

    shown = {locator_label(english, language) for english in LOCATORS}
    shown |= set(
        TextTranslation.objects.filter(
            language=language, field="locator", content_type__model=Evidence._meta.model_name
        ).values_list("text", flat=True)
    )
    return sorted(shown, key=len, reverse=True)


@pytest.mark.parametrize(("language", "comma"), [("ar", "،"), ("fr", ",")])
def test_the_comma_before_a_locator_is_the_readers(seeded, language, comma):
    """#13: "المصدر، عنوان القرار" in Arabic, never the Latin comma before a locator, on the
    resolution page (title and paragraph provenance), the action pages (evidence) and in the
    report PDF's markup (provenance lines, evidence)."""
    from exports.formats import render_report_html
    from exports.report import build_report
    from resolutions.models import Action

    texts = [_text(_get(f"/resolutions/{seeded.slug}/", language).content.decode())]
    for action in Action.objects.filter(resolution=seeded):
        texts.append(_text(_get(f"/actions/{action.pk}/", language).content.decode()))
    with translation.override(language):
        texts.append(_text(render_report_html(build_report(seeded, seeded.adopted_on))))
    found = 0
    for text in texts:
        for phrase in _locators_in(language):
            for match in re.finditer(re.escape(phrase), text):
                before = text[max(0, match.start() - 2) : match.start()]
                if before.strip() in (",", "،"):
                    found += 1
                    assert before.strip() == comma, (
                        language,
                        text[match.start() - 60 : match.end()],
                    )
    assert found >= 5
