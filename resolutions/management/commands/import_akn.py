"""Import a resolution's structure and text from an Akoma Ntoso 3.0 XML file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from resolutions.akn_import import AknError, read
from resolutions.loader import LoadError, load_data
from resolutions.models import Resolution, SourceDocument


class Command(BaseCommand):
    help = (
        "Create a resolution from an Akoma Ntoso 3.0 file: its identity, preamble recitals and "
        "operative paragraphs (numbers, sub-paragraphs, text). The file is validated against the "
        "OASIS schema first; nothing is written unless every step passes."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--source",
            help="Key of the source the file's text comes from (a source of the tracker, or "
            "a new one with --source-title). Required when the file has paragraph text.",
        )
        parser.add_argument("--source-title", help="Title of a new source.")
        parser.add_argument("--source-url", help="Address of a new source.")
        parser.add_argument("--adopting-body", help="When the file does not name it.")
        parser.add_argument("--session", help="When the file does not give it.")
        parser.add_argument("--body", help="Key of the body whose members 'Member States' means.")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Nothing was imported: {file} does not exist.")
        source = None
        if options["source"]:
            source = {"key": options["source"]}
            if not SourceDocument.objects.filter(key=options["source"]).exists():
                if not options["source_title"]:
                    raise CommandError(
                        f"Nothing was imported: no source with key {options['source']!r}; "
                        "give --source-title (and --source-url) to declare it."
                    )
                source.update(title=options["source_title"], url=options["source_url"])
        try:
            data = read(
                path.read_bytes(),
                str(path),
                source=source,
                adopting_body=options["adopting_body"],
                session=options["session"],
                body=options["body"],
            )
            symbol = data["resolution"]["symbol"]
            existing = Resolution.objects.filter(symbol=symbol).first()
            if existing is not None:
                # Refused, not merged: loading this file over it would blank what an AKN file
                # does not carry (its sources, references, paragraph summaries, verbs,
                # addressees, exclusions). The data file round-trips all of it.
                raise CommandError(
                    f"Nothing was imported: {symbol} is already in the tracker, and this file "
                    "would overwrite what it does not carry (sources, references, paragraph "
                    "summaries, verbs, exclusions). To change its paragraphs, export its data "
                    f"file (manage.py export_report {existing.slug} --format json -o FILE), "
                    "edit the paragraphs there and load it (manage.py load_resolution FILE)."
                )
            load_data(data, str(path))
        except (AknError, LoadError) as exc:
            raise CommandError(f"Nothing was imported from {file}. {exc}") from None
        paragraphs = len(data["resolution"].get("paragraphs", []))
        self.stdout.write(f"Imported {symbol} from {file}: {paragraphs} paragraphs.")
