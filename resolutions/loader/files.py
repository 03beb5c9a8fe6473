"""Reading a file and loading it in one transaction."""

from pathlib import Path

from django.db import transaction

from ..datafile import DataFileError, read_data_file
from ..rollup import projection
from . import schema
from .actions import ActionsMixin
from .base import LoaderBase
from .records import FORMAT, LoadError, _Record
from .references import ReferencesMixin
from .resolution import ResolutionMixin
from .status_updates import StatusUpdatesMixin
from .translations import TranslationsMixin
from .vocabularies import VocabulariesMixin


class Loader(
    VocabulariesMixin,
    ReferencesMixin,
    ResolutionMixin,
    ActionsMixin,
    TranslationsMixin,
    StatusUpdatesMixin,
    LoaderBase,
):
    """One file's load: the sections below, in the order the file gives them."""

    # -- sections -------------------------------------------------------------------------
    def load(self, data):
        """Load `data` (in JSON's terms, see schema.plain) once the schema accepts all of it."""
        problem = schema.first_error(data)
        if problem is not None:
            self.fail(*problem)
        top = _Record(self, data, schema.TOP, None)
        assert top.str("format") == FORMAT  # the schema's const
        self.load_vocabularies(top.get("vocabularies") or {})
        for i, item in enumerate(top.list("sources")):
            self.load_source(item, f"sources[{i}]")
        for i, item in enumerate(top.list("member_states")):
            self.load_member_state(item, f"member_states[{i}]")
        for i, item in enumerate(top.list("bodies")):
            self.load_body(item, f"bodies[{i}]")
        self.load_memberships(top.list("memberships"))
        for i, item in enumerate(top.list("actors")):
            self.load_actor(item, f"actors[{i}]")
        if top.get("resolution") is not None:
            self.load_resolution(top.get("resolution"), "resolution")


def parse_file(path: Path):
    """The file's data, read within the limits of resolutions.datafile (size, UTF-8, YAML
    aliases, nesting): anything else is a LoadError naming the file."""
    try:
        return read_data_file(path)
    except DataFileError as exc:
        raise LoadError(str(path), "(file)", None, str(exc)) from None


def _refuse_nul(loader, node, path="(top level)"):
    """No text may hold a NUL character: PostgreSQL cannot store one (nor look one up), so it
    would fail as a database error instead of an error that names the record."""
    if isinstance(node, str) and "\x00" in node:
        loader.fail(path, None, "contains a NUL character (\\0), which text cannot hold")
    elif isinstance(node, dict):
        for key, value in node.items():
            _refuse_nul(loader, key, path)
            _refuse_nul(loader, value, f"{path}.{key}" if path != "(top level)" else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            _refuse_nul(loader, value, f"{path}[{index}]")


def load_data(data, file_label: str) -> Loader:
    """Load already-parsed data; the whole file is one transaction. The stored roll-up of every
    action the file touches is re-derived once, at the end of that transaction, instead of after
    each of its writes (projection.deferred)."""
    loader = Loader(file_label)
    _refuse_nul(loader, data)
    data = schema.plain(data)
    with transaction.atomic(), projection.deferred():
        loader.load(data)
    return loader


def load_file(path) -> Loader:
    path = Path(path)
    if not path.is_file():
        raise LoadError(str(path), "(file)", None, "does not exist")
    return load_data(parse_file(path), str(path))
