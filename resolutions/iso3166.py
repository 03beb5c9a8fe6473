"""States from ISO 3166-1, through pycountry (a maintained copy of the standard), never a hand
list: `manage.py load_states` creates them all, and the loader creates one on first use when a
data file names an ISO 3166-1 alpha-3 code that no file declared."""

from importlib.metadata import version

import pycountry

from .models import MemberState, SourceDocument

SOURCE_KEY = "iso-3166-1"


def iso_source() -> SourceDocument:
    source, _created = SourceDocument.objects.get_or_create(
        key=SOURCE_KEY,
        defaults={
            "title": f"ISO 3166-1 country codes (pycountry {version('pycountry')})",
            "kind": SourceDocument.Kind.OTHER,
            "symbol": "ISO 3166-1",
            "url": "https://pypi.org/project/pycountry/",
            "publisher": "pycountry (from the Debian iso-codes package)",
        },
    )
    return source


def _name(country) -> str:
    return getattr(country, "common_name", None) or country.name


def state_from_iso(iso3: str) -> MemberState | None:
    """The State of ISO 3166-1 code `iso3`, created from pycountry when not yet stored; None when
    the code is not an ISO 3166-1 alpha-3 code."""
    found = MemberState.objects.filter(iso3=iso3).first()
    if found is not None:
        return found
    country = pycountry.countries.get(alpha_3=iso3) if len(iso3) == 3 else None
    if country is None:
        return None
    state = MemberState(iso3=country.alpha_3, name=_name(country), source=iso_source())
    state.full_clean()
    state.save()
    return state


def load_all_states() -> int:
    """Create every ISO 3166-1 entry not yet stored (names of stored ones are kept). Returns
    how many were created."""
    stored = set(MemberState.objects.values_list("iso3", flat=True))
    names = set(MemberState.objects.values_list("name", flat=True))
    source = iso_source()
    created = 0
    for country in pycountry.countries:
        if country.alpha_3 in stored:
            continue
        name = _name(country)
        if name in names:  # a stored state already uses this name under another code
            name = f"{name} ({country.alpha_3})"
        MemberState.objects.create(iso3=country.alpha_3, name=name, source=source)
        created += 1
    return created
