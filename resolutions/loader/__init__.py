"""Load a resolution data file (YAML or JSON) into the database.

The format is documented in the README ("Data files"). Loading is:

- atomic: one transaction per file; any error rolls the whole file back;
- idempotent: records are matched on natural keys (source key, ISO3, actor name, resolution
  symbol, paragraph number, action key, occurrence key, status-update key), so loading the same
  file twice changes nothing;
- append-only for status updates: an update already loaded is never edited. If the file now says
  something different under the same key, loading stops and asks for a correction instead.

Every error names the file, the record (as a path such as `resolution.actions[2] (network)`) and
the field.

The package is split by concern: `records` (the format, errors, typed field access), `base`
(saving and look-ups), one module per section of the file, and `files` (reading and the
transaction). The loader reads and checks; it writes only through the services:
workflow/import_services.py (the trusted writes of data files) and
workflow.services.status_update_create (status updates with their evidence).
"""

from .files import Loader, load_data, load_file, parse_file
from .records import FORMAT, LoadError

__all__ = ["FORMAT", "LoadError", "Loader", "load_data", "load_file", "parse_file"]
