"""Arabic: Django's formats with a day-first date and a 24-hour time, and no direction marks."""

from django.conf.locale.ar.formats import *  # noqa: F403

# "7 ديسمبر 2026، الساعة 20:29": the day first, as CLDR writes Arabic dates, and the time as the
# History pages write it (resolutions/admin/history.readable_datetime), so the admin says a
# moment one way everywhere.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y، الساعة H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
# Django's "d‏/m‏/Y" carries U+200F marks, which a reader would copy with the date (#13 item 4).
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
