"""Django's JSON serialisation with whole timestamps, for backups.

Django's own JSON encoder follows ECMA-262 and cuts times to milliseconds: a restored backup would
move every event to the start of its millisecond, and two changes made within one millisecond
would lose their order in the change history. This writes the full ISO 8601 value, which Django's
own JSON deserializer reads back exactly (so `loaddata` needs nothing of ours).
"""

import datetime

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as DjangoJSONSerializer

__all__ = ["Deserializer", "ExactJSONEncoder", "Serializer"]


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time) and o.utcoffset() is None:
            return o.isoformat()
        return super().default(o)


class Serializer(DjangoJSONSerializer):
    def _init_options(self):
        self.options.setdefault("cls", ExactJSONEncoder)
        super()._init_options()
