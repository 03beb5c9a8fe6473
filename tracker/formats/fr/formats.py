"""French: Django's formats, the date and time joined as CLDR's long form joins them."""

from django.conf.locale.fr.formats import *  # noqa: F403

DATETIME_FORMAT = "j F Y à H:i"  # 7 décembre 2026 à 20:29
