"""manage.py data_format_docs: rewrite the data format's field reference (the README's table and
docs/data-format.md) from the schema, the one definition of the format."""

from django.core.management.base import BaseCommand

from resolutions.loader import docs


class Command(BaseCommand):
    help = "Rewrite the README's data-format table and docs/data-format.md from the JSON Schema."

    def handle(self, *args, **options):
        docs.main()
        self.stdout.write(f"Wrote {docs.README.name} (data-format table) and {docs.REFERENCE}.")
