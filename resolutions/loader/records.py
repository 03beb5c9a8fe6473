"""The data format's version, the loader's error, and a record that knows where it sits."""

import re
from datetime import date

FORMAT = "resolution-tracker/1"

# PP1, OP12: numbers given by position (the default of a paragraph's `positional`).
_POSITIONAL = re.compile(r"(PP|OP)[1-9][0-9]*")


class LoadError(Exception):
    def __init__(self, file, record, field, message):
        self.file, self.record, self.field, self.message = file, record, field, message
        where = f"{record}: field '{field}'" if field else record
        super().__init__(f"{file}: {where}: {message}")


class _Record:
    """A mapping from the file plus where it sits, so every error can say where it came from."""

    def __init__(self, loader, data, path, allowed, required=()):
        self.loader, self.path = loader, path
        if not isinstance(data, dict):
            loader.fail(path, None, f"expected a mapping, got {type(data).__name__}")
        unknown = sorted(set(data) - set(allowed), key=str)  # keys may be numbers in YAML
        if unknown:
            loader.fail(path, unknown[0], "unknown field (check the spelling)")
        for name in required:
            if data.get(name) in (None, "", [], {}):
                loader.fail(path, name, "is required")
        self.data = data

    def str(self, name, default=""):
        value = self.data.get(name, default)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.loader.fail(self.path, name, f"expected text, got {type(value).__name__}")
        return str(value).strip()

    def int(self, name, default=None):
        value = self.data.get(name, default)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.loader.fail(self.path, name, f"expected a whole number, got {value!r}")
        return value

    def bool(self, name, default=False):
        value = self.data.get(name, default)
        if not isinstance(value, bool):
            self.loader.fail(self.path, name, f"expected true or false, got {value!r}")
        return value

    def date(self, name):
        value = self.data.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.loader.fail(self.path, name, f"{value!r} is not a date (use YYYY-MM-DD)")

    def list(self, name):
        value = self.data.get(name) or []
        if not isinstance(value, list):
            self.loader.fail(self.path, name, "expected a list")
        return value

    def choice(self, name, choices, default=""):
        value = self.str(name, default)
        valid = [c.value for c in choices]
        if value not in valid:
            allowed = ", ".join(v for v in valid if v) or "(blank)"
            self.loader.fail(self.path, name, f"{value!r} is not one of: {allowed}")
        return value
