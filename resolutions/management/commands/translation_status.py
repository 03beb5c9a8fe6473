"""manage.py translation_status [--resolution SYMBOL] [--missing-only]

How many French and Arabic translations content still lacks, per resolution, model and field
(resolutions.translations.translation_status). Exits 0 either way: a report, not a check."""

from django.core.management.base import BaseCommand

from resolutions.translations import TARGET_LANGUAGES, translation_status


class Command(BaseCommand):
    help = "Count the missing French and Arabic translations per resolution, model and field."

    def add_arguments(self, parser):
        parser.add_argument("--resolution", help="only this resolution (its symbol)")
        parser.add_argument(
            "--missing-only", action="store_true", help="list only fields with a gap"
        )

    def handle(self, *args, resolution=None, missing_only=False, **options):
        rows = translation_status(resolution)
        if missing_only:
            rows = [r for r in rows if any(r.missing.values())]
        missing_headers = "".join(f"  missing {code:>2}" for code in TARGET_LANGUAGES)
        self.stdout.write(f"{'resolution':<14}{'model.field':<32}{'records':>8}{missing_headers}")
        totals = dict.fromkeys(TARGET_LANGUAGES, 0)
        for row in rows:
            counts = "".join(f"{row.missing[code]:>12}" for code in TARGET_LANGUAGES)
            name = f"{row.model}.{row.field}"
            self.stdout.write(f"{row.resolution or '(shared)':<14}{name:<32}{row.total:>8}{counts}")
            for code in TARGET_LANGUAGES:
                totals[code] += row.missing[code]
        summary = ", ".join(f"{code}: {n}" for code, n in totals.items())
        self.stdout.write(f"Missing translations in total — {summary}")
