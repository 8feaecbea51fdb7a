"""The export benchmark: the national member list streamed as CSV by the staff view itself
(registry's `member_export`, the same code the DPP's "Unduh CSV" runs), counting rows while the
peak memory of the process is watched; the export must not grow with the number of rows."""

from __future__ import annotations

import json
import sys
import time

from .memory import PrivatePeak, private_mb
from .memory import peak_rss_mb as _rss_mb


def measure_export(staff_email: str) -> dict:
    from django.test import RequestFactory

    from accounts.models import User
    from registry.views import member_export

    user = User.objects.get(email=staff_email)
    request = RequestFactory().get("/anggota/ekspor/csv", HTTP_HOST="127.0.0.1")
    request.user = user
    before, private_before = _rss_mb(), private_mb()
    started = time.perf_counter()
    with PrivatePeak() as private:
        response = member_export(request, "csv")
        rows = size = 0
        for chunk in response.streaming_content:
            size += len(chunk)
            rows += chunk.count(b"\n") if isinstance(chunk, bytes) else chunk.count("\n")
    seconds = time.perf_counter() - started
    return {
        "rows": max(0, rows - 1),
        "bytes": size,
        "seconds": seconds,
        "peak_rss_mb": _rss_mb(),
        "rss_before_mb": before,
        "peak_private_mb": private.peak,
        "private_before_mb": private_before,
    }


if __name__ == "__main__":  # python -m bench.export STAFF_EMAIL  (the harness runs this in its own process)
    import django

    django.setup()
    print(json.dumps(measure_export(sys.argv[1])))
