"""manage.py export_report 53-45-pol --format pdf --as-of 2018-11-29 --language ar -o out.pdf"""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone, translation

from exports.formats import FORMATS, render_resolution
from resolutions.asof import BadParameter, parse_date
from resolutions.models import Resolution


class Command(BaseCommand):
    help = "Write a resolution's progress report (PDF, XLSX, CSV) or open-data file (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("resolution", help="Slug or symbol, e.g. 53-45-pol or 53/45-POL.")
        parser.add_argument("--format", choices=sorted(FORMATS), default="pdf")
        parser.add_argument(
            "--as-of",
            dest="as_of",
            default="",
            help="YYYY-MM-DD; the tracker as it stood that day (default today).",
        )
        parser.add_argument(
            "-o",
            "--output",
            default="",
            help="File to write; default <symbol>-progress-<as_of>.<format> in "
            "the current folder, '-' for standard output.",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="Language of the report's headings, labels and translated "
            "content (default %(default)s). The JSON file is the same in all.",
        )

    def handle(self, *args, resolution, format, as_of, output, language, **options):
        # Offline tool for staff: any resolution, synthetic ones included, by slug or symbol.
        found = Resolution.objects.filter(Q(slug=resolution) | Q(symbol=resolution)).first()
        if found is None:
            raise CommandError(f"No resolution with slug or symbol {resolution!r}.")
        try:
            day = parse_date(as_of, "--as-of", default=timezone.localdate())
        except BadParameter as exc:
            raise CommandError(str(exc)) from None
        with translation.override(language):
            # Page addresses in the XLSX and CSV are absolute, on the SITE_URL setting's host.
            content, _, filename = render_resolution(found, day, format, base_url=settings.SITE_URL)
        if output == "-":
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
            return
        path = output or filename
        with open(path, "wb") as handle:
            handle.write(content)
        self.stderr.write(f"Wrote {path} ({len(content):,} bytes, {found.symbol} as of {day}).")
