"""Status updates: append-only, published as reported unless a verifier is named."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from workflow.services import status_update_create

from ..models import (
    State,
    StatusUpdate,
    Verification,
)
from ..models.status_updates import check_as_of
from .records import _Record


class StatusUpdatesMixin:
    def verification(self, r, path):
        """Data-file updates are published as "reported": nobody is known to have checked them
        against their evidence. Only a file that names who verified an update and when
        (`verified_by`, `verified_on`) publishes it as "verified"."""
        by, on = r.str("verified_by"), r.date("verified_on")
        stated = r.str("verification") and r.choice("verification", Verification)
        if stated == Verification.REPORTED:
            return Verification.REPORTED
        if by and on:
            return Verification.VERIFIED
        if stated == Verification.VERIFIED or by or on:
            missing = "verified_on" if by else "verified_by"
            self.fail(
                path,
                missing,
                "a verified update names who verified it (verified_by) and when (verified_on)",
            )
        return Verification.REPORTED

    def load_status_update(self, action, occurrences, data, path):
        from ..status import Status

        r = _Record(
            self,
            data,
            path,
            {
                "key",
                "status",
                "progress",
                "as_of",
                "note",
                "recorded_by",
                "evidence",
                "verification",
                "verified_by",
                "verified_on",
            },
            required=["key", "status", "as_of", "note", "recorded_by", "evidence"],
        )
        key = r.str("key")
        path = f"{path} ({key})"
        values = {
            "status": r.choice("status", Status),
            "progress": r.int("progress"),
            "as_of": r.date("as_of"),
            "note": r.str("note"),
            "author_name": r.str("recorded_by"),
            "verification": self.verification(r, path),
        }
        verified_by, verified_on = r.str("verified_by"), r.date("verified_on")
        review_note = (
            f"Verified by {verified_by} on {verified_on.isoformat()} (data file)."
            if values["verification"] == Verification.VERIFIED
            else ""
        )
        evidence = []
        for i, item in enumerate(r.list("evidence")):
            e = _Record(
                self,
                item,
                f"{path}.evidence[{i}]",
                {"source", "occurrence", "url", "title", "locator", "quote"},
            )
            epath = f"{path}.evidence[{i}]"
            occurrence_key = e.str("occurrence")
            if occurrence_key and occurrence_key not in occurrences:
                self.fail(epath, "occurrence", f"no occurrence {occurrence_key!r} in this action")
            evidence.append(
                {
                    "source": self.source(epath, e.str("source"), required=False),
                    "occurrence": occurrences.get(occurrence_key) if occurrence_key else None,
                    "url": e.str("url"),
                    "title": e.str("title"),
                    "locator": e.str("locator"),
                    "quote": e.str("quote"),
                }
            )
        # Validate the record on its own first, so a bad value is reported as such rather
        # than as a difference from what was loaded before.
        candidate = StatusUpdate(
            action=action,
            import_key=key,
            state=State.PUBLISHED,
            published_at=timezone.now(),
            **values,
        )
        try:
            candidate.clean_fields()
            check_as_of(candidate)
            candidate.validate_constraints(exclude={"import_key"})
        except ValidationError as exc:
            field, messages = next(iter(exc.message_dict.items()))
            self.fail(path, None if field == "__all__" else field, " ".join(messages))
        existing = StatusUpdate.objects.filter(action=action, import_key=key).first()
        if existing is not None:
            changed = [name for name, value in values.items() if getattr(existing, name) != value]
            if changed:
                self.fail(
                    path,
                    changed[0],
                    "differs from the update already recorded under this "
                    "key; status updates are append-only, so add a correction with a new key",
                )
            return existing
        try:
            return status_update_create(
                action=action,
                author=None,
                evidence=evidence,
                import_key=key,
                state=State.PUBLISHED,
                review_note=review_note,
                **values,
            )
        except ValidationError as exc:
            field, messages = next(iter(exc.message_dict.items()))
            self.fail(path, None if field == "__all__" else field, " ".join(messages))
