"""Nightly work of the ethics council's decisions (idempotent): suspensions whose last day has
passed are lifted (the card becomes valid again), revocations no one appealed by the deadline take
effect, and decided complaints whose appeal time is over are closed."""

import datetime

from django.utils import timezone


def run(*, today: datetime.date | None = None, progress=None) -> dict:
    from . import services

    return services.run_nightly(today=today or timezone.localdate())
