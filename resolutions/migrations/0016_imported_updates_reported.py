"""Updates loaded from a data file were marked "verified" by default, although no file named who
verified them or when (#11). They are "reported": self-assessed claims resting on their evidence.
Only the verification label changes; status, dates, notes and evidence are untouched."""

from django.db import migrations


def imported_updates_reported(apps, schema_editor):
    StatusUpdate = apps.get_model("resolutions", "StatusUpdate")
    (
        StatusUpdate._base_manager.using(schema_editor.connection.alias)
        .filter(state="published", verification="verified", published_by__isnull=True)
        .exclude(import_key="")
        .filter(review_note="", verified_at__isnull=True)
        .update(verification="reported")
    )


class Migration(migrations.Migration):
    dependencies = [("resolutions", "0015_evidence_files")]

    operations = [migrations.RunPython(imported_updates_reported, migrations.RunPython.noop)]
