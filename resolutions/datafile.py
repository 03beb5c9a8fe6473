"""Reading a data file into plain Python data, within limits (issue #17).

`manage.py load_resolution` is run by staff on files that may come from elsewhere. Before the
loader sees a single record, the file must be:

- at most ``MAX_BYTES`` long, and valid UTF-8;
- YAML with at most ``MAX_ALIASES`` aliases (``*name``): a 386-byte "billion laughs" file of
  nested aliases expands to a tree of billions of nodes and kept the loader busy indefinitely;
- nested at most ``MAX_DEPTH`` levels (a 100,000-deep JSON array overflowed Python's stack);
- at most ``MAX_NODES`` values in all, counted with aliases expanded.

Anything else is a ``LoadError`` naming the file, and nothing is loaded. A resolution file is
tens of kilobytes, ten levels deep, with no aliases; the limits are far above that.
"""

import json
from pathlib import Path

import yaml

MAX_BYTES = 20 * 1024 * 1024
MAX_ALIASES = 100
MAX_DEPTH = 40
MAX_NODES = 1_000_000

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataFileError(ValueError):
    """Why a file cannot be read; the loader turns it into a LoadError naming the file."""


def _check_yaml_events(text: str) -> None:
    """Count aliases and nesting from the parser's events, before anything is built."""
    aliases = depth = 0
    for event in yaml.parse(text, Loader=_SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise DataFileError(
                    f"uses more than {MAX_ALIASES} YAML aliases (*name); a data file needs none"
                )
        elif isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise DataFileError(f"is nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _check_tree(data) -> None:
    """Depth and total size of the parsed data, aliases expanded, without recursion."""
    stack, nodes = [(data, 1)], 0
    while stack:
        node, depth = stack.pop()
        nodes += 1
        if nodes > MAX_NODES:
            raise DataFileError(f"holds more than {MAX_NODES:,} values")
        if depth > MAX_DEPTH:
            raise DataFileError(f"is nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, dict):
            stack.extend((child, depth + 1) for pair in node.items() for child in pair)
        elif isinstance(node, list):
            stack.extend((child, depth + 1) for child in node)


def read_data_file(path: Path):
    """The parsed content of `path` (YAML, or JSON by its suffix). Raises DataFileError."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise DataFileError(f"is {size:,} bytes; the limit is {MAX_BYTES:,}")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError(
            f"is not valid UTF-8 (byte {exc.start}: {raw[exc.start : exc.start + 1]!r}); "
            "save it as UTF-8"
        ) from None
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(text)
        else:
            _check_yaml_events(text)
            data = yaml.load(text, Loader=_SafeLoader)
    except RecursionError:
        raise DataFileError(f"is nested more than {MAX_DEPTH} levels deep") from None
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise DataFileError(f"cannot be parsed: {exc}") from None
    _check_tree(data)
    return data
