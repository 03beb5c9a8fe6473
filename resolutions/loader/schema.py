"""The data format's one schema, and the errors it gives in the loader's words.

`exports/schema/resolution-export-v1.schema.json` (JSON Schema 2020-12, served at
/api/schema/resolution-export-v1.json) is the only description of the format: which records
exist, their fields, which are required, their types, enums, ranges and date forms. The loader
validates a whole file against it with `jsonschema` before it writes anything, and reads only
the fields it defines (`records._Record`); the README's field reference is generated from it
(`manage.py data_format_docs`). What the schema cannot say (a source key that exists,
a paragraph number that matches its position, a correction that names an update of the same
action) is checked by the loader's sections, with errors in the same form.

An error names the file, the record (its path in the file, list items labelled by their natural
key, e.g. ``resolution.actions[2] (network).status_updates[0] (seed-2018-11-29)``) and the field.
"""

import json
from datetime import date, datetime
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError as SchemaError

# Beside the exports that follow it; a non-editable install ships it as package data of
# `exports` (pyproject.toml), so the same relative path holds in site-packages.
SCHEMA_FILE = (
    Path(__file__).resolve().parents[2] / "exports" / "schema" / "resolution-export-v1.schema.json"
)
TOP = "(top level)"


@cache
def schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@cache
def _validator() -> Draft202012Validator:
    Draft202012Validator.check_schema(schema())
    return Draft202012Validator(schema(), format_checker=FormatChecker(formats=["date"]))


def _resolve(node: dict) -> dict:
    while "$ref" in node:
        node = {
            **schema()["$defs"][node["$ref"].rsplit("/", 1)[-1]],
            **{k: v for k, v in node.items() if k != "$ref"},
        }
    return node


def fields(kind: str | None) -> dict[str, dict]:
    """{field: its schema} of a record type (a `$defs` name; None: the top level)."""
    node = schema() if kind is None else schema()["$defs"][kind]
    return node["properties"]


def plain(value: Any) -> Any:
    """The file's data in JSON's terms: YAML reads `2018-11-29` as a date, JSON as text; the
    schema (and the loader after it) sees text either way."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


# -- where a record sits -------------------------------------------------------------------------


def label(item: Any) -> str:
    """What names a list item in an error: its natural key, as the loader matches it."""
    if not isinstance(item, dict):
        return ""
    if "state" in item and "body" in item:  # a membership
        return f" ({item['state']} in {item['body']})"
    for name in ("key", "number", "iso3", "target", "name"):
        value = item.get(name)
        if isinstance(value, str | int) and not isinstance(value, bool) and value != "":
            return f" ({value})"
    return ""


def record_path(data: Any, path: list) -> str:
    """`path` (keys and indexes from the top) as the loader writes it."""
    text, node = "", data
    for step in path:
        node = node[step]
        if isinstance(step, int):
            text += f"[{step}]{label(node)}"
        else:
            text += f".{step}" if text else str(step)
    return text or TOP


def _field_path(path: list) -> str:
    return "".join(
        f"[{s}]" if isinstance(s, int) else (f".{s}" if i else str(s)) for i, s in enumerate(path)
    )


# -- errors --------------------------------------------------------------------------------------

_TYPES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
}


def _got(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _position(data: Any, path) -> list[int]:
    """An error's place in document order (keys in the order the file gives them)."""
    position, node = [], data
    for step in path:
        position.append(list(node).index(step) if isinstance(node, dict) else step)
        node = node[step]
    return position


# Within one record: unknown fields first, then missing ones, then values (as a reader fixes them).
_ORDER = {"additionalProperties": 0, "required": 1, "type": 2}


def _message(error: SchemaError, required: bool) -> str:
    rule, value, sub = error.validator, error.instance, error.schema
    empty = value is None or value == "" or value == []
    if required and empty and rule in ("type", "minLength", "minItems"):
        return "is required"
    if rule == "type":
        kinds = (
            [error.validator_value]
            if isinstance(error.validator_value, str)
            else error.validator_value
        )
        wanted = " or ".join(_TYPES[k] for k in kinds if k in _TYPES)
        if wanted == "text" and isinstance(value, int | float) and not isinstance(value, bool):
            return f"expected text, got the number {value!r} (write it in quotes)"
        return f"expected {wanted}, got {_got(value)}"
    if rule == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value if v not in ("", None))
        return f"{_got(value)} is not one of: {allowed or '(blank)'}"
    if rule == "const":
        return f"expected {error.validator_value!r}"
    if rule in ("format", "pattern") and sub.get("format") == "date":
        return f"{_got(value)} is not a date (use YYYY-MM-DD)"
    if rule == "pattern":
        return f"{_got(value)} is not valid: {sub.get('description') or sub['pattern']}"
    if rule == "minimum":
        return f"must be at least {error.validator_value}, got {_got(value)}"
    if rule == "maximum":
        return f"must be at most {error.validator_value}, got {_got(value)}"
    if rule == "minLength":
        return "must not be empty"
    if rule == "minItems":
        return f"needs at least {error.validator_value} item(s)"
    return error.message


def _required_here(data: Any, path: list) -> bool:
    """Whether the field at `path` is required by the record holding it."""
    node: dict = schema()
    for step in path[:-1]:
        node = _resolve(node)
        if isinstance(step, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(step) or node.get("additionalProperties") or {}
            if not isinstance(node, dict):
                return False
    return path[-1] in _resolve(node).get("required", ())


def _describe(data: Any, error: SchemaError) -> tuple[str, Any, str]:
    """(record, field, message) of a schema error, in the loader's words."""
    path = list(error.absolute_path)
    if error.validator in ("additionalProperties", "required"):
        record = record_path(data, path)
        if error.validator == "required":
            missing = [name for name in error.validator_value if name not in error.instance]
            return record, missing[0], "is required"
        known = error.schema.get("properties", {})
        unknown = sorted(set(error.instance) - set(known), key=str)
        if known and all(p.get("$ref") == "#/$defs/translation" for p in known.values()):
            return record, unknown[0], f"is not translatable (translatable: {', '.join(known)})"
        return record, unknown[0], "unknown field (check the spelling)"
    # The record is the innermost mapping holding the value; the field, the rest of the path.
    split, node = 0, data
    for i, step in enumerate(path):
        if isinstance(node, dict):
            split = i
        node = node[step]
    if not path:
        return TOP, None, _message(error, False)
    return (
        record_path(data, path[:split]),
        _field_path(path[split:]),
        _message(error, _required_here(data, path)),
    )


def first_error(data: Any) -> tuple[str, Any, str] | None:
    """The first schema error in `data` (in document order), as (record, field, message)."""
    # The validator walks the schema's order, not the file's: of the first errors it finds, the
    # earliest in the file is reported (a bounded number, however broken a large file is).
    errors = list(islice(_validator().iter_errors(data), 200))
    if not errors:
        return None
    first = min(
        errors,
        key=lambda e: (_position(data, e.absolute_path), _ORDER.get(str(e.validator), 3)),
    )
    return _describe(data, first)
