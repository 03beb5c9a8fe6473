"""The JSON format of `backup_data`: Django's JSON serializer, but with times to the microsecond.

Django's JSON encoder cuts datetimes to milliseconds (``…58.794404Z`` is written ``…58.794Z``),
so a restore used to change every status update's ``recorded_at`` and every audit-trail time,
and with them the order of two updates recorded in the same millisecond. Here datetimes (and
times) are written in full ISO 8601 before the encoder sees them; `loaddata` reads them back
exactly with the standard JSON deserializer, so a backup file is still plain ``.json``.
"""

from datetime import datetime, time

from django.core.serializers import json as django_json

FORMAT = "tracker-json"


class Serializer(django_json.Serializer):
    def _value_from_field(self, obj, field):
        value = super()._value_from_field(obj, field)
        if isinstance(value, datetime | time):
            return value.isoformat()
        return value


Deserializer = django_json.Deserializer
