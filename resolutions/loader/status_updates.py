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
        stated = r.str("verification") and r.choice("verification")
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

    def load_status_updates(self, action, occurrences, items, path):
        """An action's updates in file order, except that a correction waits for the update it
        corrects when that comes later in the file (an export lists updates by as-of date, and a
        correction may move the date back): the corrected one must exist to be superseded."""
        position = {item.get("key"): i for i, item in enumerate(items)}
        loaded: dict[str, StatusUpdate] = {}
        pending = list(enumerate(items))
        while pending:
            waiting = []
            for i, item in pending:
                corrects = item.get("corrects")
                if corrects in position and corrects not in loaded and position[corrects] != i:
                    waiting.append((i, item))
                    continue
                update = self.load_status_update(
                    action, occurrences, item, f"{path}.status_updates[{i}]", loaded
                )
                loaded[update.import_key] = update
            if len(waiting) == len(pending):
                i, item = waiting[0]
                self.fail(
                    f"{path}.status_updates[{i}] ({item.get('key')})",
                    "corrects",
                    "these corrections correct each other in a loop",
                )
            pending = waiting

    def corrected(self, action, key, r, path, loaded):
        """The update this one corrects (`corrects`: a key of the same action), or None."""
        wanted = r.str("corrects")
        if not wanted:
            return None
        if wanted == key:
            self.fail(path, "corrects", "an update cannot correct itself")
        found = loaded.get(wanted)
        if found is None:
            found = StatusUpdate.objects.filter(action=action, import_key=wanted).first()
        if found is None:
            self.fail(path, "corrects", f"no status update {wanted!r} in this action")
        return found

    def load_status_update(self, action, occurrences, data, path, loaded):
        r = _Record(self, data, path, "status_update")
        key = r.str("key")
        path = f"{path} ({key})"
        values = {
            "status": r.choice("status"),
            "progress": r.int("progress"),
            "as_of": r.date("as_of"),
            "note": r.str("note"),
            "author_name": r.str("recorded_by"),
            "verification": self.verification(r, path),
            "corrects": self.corrected(action, key, r, path, loaded),
        }
        verified_by, verified_on = r.str("verified_by"), r.date("verified_on")
        review_note = (
            f"Verified by {verified_by} on {verified_on.isoformat()} (data file)."
            if values["verification"] == Verification.VERIFIED
            else ""
        )
        evidence, evidence_records = [], []
        for i, item in enumerate(r.list("evidence")):
            e = _Record(self, item, f"{path}.evidence[{i}]", "evidence")
            evidence_records.append(e)
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
            return self.load_status_update_translations(existing, r, evidence_records, path)
        try:
            update = status_update_create(
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
        return self.load_status_update_translations(update, r, evidence_records, path)

    def load_status_update_translations(self, update, r, evidence_records, path):
        """The note's translations, and each piece of evidence's (quote, locator), matched to
        the evidence rows in the order the file lists them (the order they were created in)."""
        self.load_translations(update, r, path)
        rows = list(update.evidence.order_by("pk"))
        for i, (e, row) in enumerate(zip(evidence_records, rows, strict=False)):
            self.load_translations(row, e, f"{path}.evidence[{i}]")
        return update
