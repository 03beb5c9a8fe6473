from django.core.management.base import BaseCommand
from django.db import transaction

from resolutions.iso3166 import load_all_states


class Command(BaseCommand):
    help = "Create every ISO 3166-1 State (from pycountry) not yet stored; stored names are kept."

    def handle(self, *args, **options):
        with transaction.atomic():
            created = load_all_states()
        self.stdout.write(f"{created} ISO 3166-1 States created.")
