"""Sources are links wherever they are cited (#14 item 6): in the report PDF, every source with
a URL and the permalink are link annotations a reader can click; the UN summary report, for
which no source gives a URL, is plain text rather than a guessed address."""

import io

import pytest
from pypdf import PdfReader

from resolutions.models import SourceDocument


def _uris(content: bytes) -> set[str]:
    uris = set()
    for page in PdfReader(io.BytesIO(content)).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action and "/URI" in action:
                uris.add(str(action["/URI"]))
    return uris


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_source_url_and_the_permalink_are_links_in_the_pdf(client, seeded, lang):
    response = client.get(f"/{lang}/resolutions/53-45-pol/report.pdf?as_of=2018-11-29")
    uris = _uris(response.content)
    cited = set(
        SourceDocument.objects.exclude(url="")
        .filter(key__in=["mfa-tr-pr-252", "al-jazirah-2018-11-30", "moqatel-53-45-ar"])
        .values_list("url", flat=True)
    )
    assert len(cited) == 3 and cited <= uris, cited - uris
    assert f"http://testserver/{lang}/resolutions/53-45-pol/report.pdf?as_of=2018-11-29" in uris
    # No address is made up for the UN document: its source row gives none.
    assert not SourceDocument.objects.get(key="un-19-01473").url
