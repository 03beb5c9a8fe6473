"""The data format's version, the loader's error, and a record that knows where it sits."""

import re
from datetime import date

from . import schema

FORMAT = "resolution-tracker/1"

# PP1, OP12: numbers given by position (the default of a paragraph's `positional`).
_POSITIONAL = re.compile(r"(PP|OP)[1-9][0-9]*")


class LoadError(Exception):
    def __init__(self, file, record, field, message):
        self.file, self.record, self.field, self.message = file, record, field, message
        where = f"{record}: field '{field}'" if field else record
        super().__init__(f"{file}: {where}: {message}")


class _Record:
    """One record of a file that the schema has accepted (`schema.first_error`), plus where it
    sits, so that the loader's own checks can say where an error came from.

    `kind` is the record's type in the schema (a `$defs` name; None: the top level). The record
    reads only the fields the schema gives that type: reading any other is a programming error,
    so the loader cannot accept a field the format does not define. Types, required fields,
    enums, ranges and dates were checked by the schema; here values are only converted."""

    def __init__(self, loader, data, path, kind):
        self.loader, self.data, self.path, self.kind = loader, data, path, kind
        self.fields = schema.fields(kind)

    def get(self, name, default=None):
        if name not in self.fields:
            raise KeyError(
                f"{name!r} is not a field of {self.kind or 'the top level'} in the schema"
            )
        value = self.data.get(name)
        return default if value is None else value

    def str(self, name, default=""):
        # Text; paragraph numbers may also be written as numbers (4 for "4").
        return str(self.get(name, default)).strip()

    def int(self, name, default=None):
        value = self.get(name, default)
        return value if value is None else int(value)

    def bool(self, name, default=False):
        return self.get(name, default)

    def date(self, name):
        value = self.get(name)
        return date.fromisoformat(value) if value else None

    def list(self, name):
        return self.get(name) or []

    def choice(self, name, default=""):
        """One of the values the schema's enum lists (the models' choices, tests/test_roundtrip)."""
        return self.str(name, default)
