import pytest

from resolutions.loader import load_file

DATA_FILES = ["data/oic-member-states.yaml", "data/53-45-pol.yaml"]


@pytest.fixture
def seeded(db):
    """The real 53/45-POL data, loaded exactly as `make run` loads it."""
    for path in DATA_FILES:
        load_file(path)
    from resolutions.models import Resolution

    return Resolution.objects.get(slug="53-45-pol")
