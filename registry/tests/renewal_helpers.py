"""A member whose card ends soon, paid up or not (shared by the renewal tests)."""

import datetime

from django.utils import timezone

from credentials.models import Credential
from registry import services
from registry.models import DuesInvoice, Member
from registry.tests.factories import submitted_application


def member_with_card_ending(officer, *, in_days: int, paid: bool = True, province_code: str = "32") -> Member:
    application = submitted_application(province_code=province_code)
    member = services.verify_application(actor=officer, application=application, version=application.version)
    today = timezone.localdate()
    end = today + datetime.timedelta(days=in_days)
    Member.objects.filter(pk=member.pk).update(card_valid_until=end)
    Credential.objects.filter(pk=member.credential_id).update(valid_from=end - datetime.timedelta(days=365 * 5), valid_until=end)
    if not paid:
        # This year's dues fell due yesterday and are still open (not yet past the grace period).
        DuesInvoice.objects.filter(member=member).update(due_on=today - datetime.timedelta(days=1))
    return Member.objects.select_related("credential", "person__user").get(pk=member.pk)
