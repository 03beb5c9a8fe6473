"""What every section of the loader shares: errors that name the record, saving, look-ups."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError

from workflow.import_services import record_import

from ..models import (
    MemberState,
    SourceDocument,
)
from .records import LoadError


class LoaderBase:
    def __init__(self, file_label):
        self.file = file_label
        self.sources: dict[str, SourceDocument] = {}
        self.created = 0

    # -- errors ---------------------------------------------------------------------------
    def fail(self, record, field, message):
        raise LoadError(self.file, record, field, message)

    def save(self, instance, record, exclude=()):
        """Validate and save through the trusted service (workflow/import_services.py), turning
        Django's errors into errors that name the record."""
        try:
            record_import(record=instance, exclude=exclude)
        except ValidationError as exc:
            field, messages = next(iter(exc.message_dict.items()))
            self.fail(record, None if field == "__all__" else field, " ".join(messages))
        except IntegrityError as exc:
            self.fail(record, None, f"rejected by the database: {exc}")
        return instance

    def source(self, record, key, field="source", required=True):
        if not key:
            if required:
                self.fail(record, field, "is required")
            return None
        if not isinstance(key, str):
            self.fail(record, field, f"{key!r} is not a source key (write the key as text)")
        if key not in self.sources:
            found = SourceDocument.objects.filter(key=key).first()
            if found is None:
                self.fail(record, field, f"no source with key {key!r} (declare it under sources)")
            self.sources[key] = found
        return self.sources[key]

    def member_state(self, record, iso3, field="member_state"):
        if not isinstance(iso3, str):
            self.fail(record, field, f"{iso3!r} is not an ISO3 code (write it as text)")
        from ..iso3166 import state_from_iso

        found = MemberState.objects.filter(iso3=iso3).first() or state_from_iso(iso3)
        if found is None:
            self.fail(record, field, f"{iso3!r} is not an ISO 3166-1 alpha-3 code")
        return found

    @staticmethod
    def upsert(model, lookup, values):
        # _base_manager: every row, drafts of facts included (their `objects` are published only).
        instance = model._base_manager.filter(**lookup).first() or model(**lookup)
        for name, value in values.items():
            setattr(instance, name, value)
        return instance
