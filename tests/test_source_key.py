"""Issue #12 friction: adding a source does not ask staff to invent a key."""

import pytest
from django.urls import reverse

from resolutions.models import SourceDocument
from tests import staff

pytestmark = pytest.mark.django_db


def test_a_source_added_without_a_key_gets_one_from_its_title(client):
    staff.client_for(client, staff.user("editor"))
    url = reverse("admin:resolutions_sourcedocument_add")
    for _ in range(2):
        response = client.post(
            url,
            {"title": "Final communiqué of the 50th CFM", "kind": "oic_document", "symbol": "X/1"},
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    keys = sorted(
        SourceDocument.objects.filter(title="Final communiqué of the 50th CFM").values_list(
            "key", flat=True
        )
    )
    assert keys == ["final-communique-of-the-50th-cfm", "final-communique-of-the-50th-cfm-2"]
