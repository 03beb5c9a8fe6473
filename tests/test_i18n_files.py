"""Report and brief file names carry their language (issue #13, item 7)."""

import pytest

from tests.test_i18n import _get

AS_OF = "2018-11-29"


@pytest.mark.parametrize(
    "path, name",
    [
        ("report.pdf", "53-45-POL-progress-2018-11-29{}.pdf"),
        ("report.xlsx", "53-45-POL-progress-2018-11-29{}.xlsx"),
        ("report.csv", "53-45-POL-progress-2018-11-29{}.csv"),
        ("brief.pdf", "53-45-POL-brief-2018-11-29{}.pdf"),
    ],
)
def test_file_names_say_the_language(seeded, path, name):
    for language, suffix in (("en", ""), ("fr", "-fr"), ("ar", "-ar")):
        response = _get(f"/resolutions/{seeded.slug}/{path}?as_of={AS_OF}", language)
        assert response.status_code == 200
        wanted = f'attachment; filename="{name.format(suffix)}"'
        assert response["Content-Disposition"] == wanted, (language, path)


def test_action_list_export_names_say_the_language(seeded):
    response = _get(f"/actions/export.csv?as_of={AS_OF}", "ar")
    assert response["Content-Disposition"].endswith('actions-progress-2018-11-29-ar.csv"')
