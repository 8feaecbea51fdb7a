import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from accounts.models import Notification
from accounts.roles import Role
from accounts.tests.factories import make_staff
from core.reminders import threshold_for
from licensing.tests.factories import certified_person
from regions.models import Regency

pytestmark = pytest.mark.django_db


def run_nightly(day: datetime.date) -> str:
    out = io.StringIO()
    call_command("run_scheduled", "--date", day.isoformat(), stdout=out, verbosity=0)
    return out.getvalue()


def a_practising_social_worker(today, *, certificate_ends_in_days):
    from licensing import services
    from licensing.models import LicensingAuthority
    from licensing.tests.factories import certified_person, pdf
    from regions.models import Regency

    person, certificate = certified_person(
        issued_on=today - datetime.timedelta(days=700), valid_until=today + datetime.timedelta(days=certificate_ends_in_days)
    )
    dpp = make_staff(Role.DPP_OFFICER)
    application = services.apply_for_str(
        actor=person.user, certificate=certificate, health_statement=pdf(), oath_taken=True, code_of_ethics=True
    )
    str_record = services.decide_str(actor=dpp, application=application, version=application.version, approve=True)
    officer = make_staff(Role.LICENSING_OFFICER, organisation=LicensingAuthority.objects.get(regency__code="32.73"))
    licence_application = services.apply_for_licence(
        actor=person.user,
        certificate=certificate,
        str_record=str_record,
        setting="institution",
        place="LKS Harapan",
        regency=Regency.objects.get(code="32.73"),
        field="anak",
    )
    licence = services.decide_licence(
        actor=officer,
        application=licence_application,
        version=licence_application.version,
        grant=True,
        decree_number="503/1/2026",
        decree_date=today,
    )
    return person, certificate, str_record, licence


def an_accredited_lks(today, *, ends_in_days):
    from accreditation.models import Accreditation, AccreditationApplication
    from accreditation.tests.factories import LKSFactory

    lks = LKSFactory(name="LKS Kasih Ibu")
    operator = make_staff(Role.LKS_OPERATOR, organisation=lks, totp=False)
    earlier = AccreditationApplication.objects.create(lks=lks, status=AccreditationApplication.Status.DETERMINED)
    Accreditation.objects.create(
        lks=lks,
        application=earlier,
        grade="B",
        score=75,
        certificate_number="BALKS/B/2023/00001",
        decree_number="9/2023",
        decree_date=today - datetime.timedelta(days=1000),
        valid_from=today - datetime.timedelta(days=1000),
        valid_until=today + datetime.timedelta(days=ends_in_days),
    )
    return lks, operator


def test_reminders_go_out_once_at_the_smallest_threshold_reached():
    assert threshold_for(100, (90, 30, 7)) is None
    assert threshold_for(90, (90, 30, 7)) == 90
    assert threshold_for(20, (90, 30, 7)) == 30
    assert threshold_for(0, (90, 30, 7)) == 7
    assert threshold_for(-1, (90, 30, 7)) is None


def test_running_the_nightly_work_twice_expires_once_and_sends_each_reminder_once(django_capture_on_commit_callbacks):
    today = timezone.localdate()
    person, certificate, str_record, licence = a_practising_social_worker(today, certificate_ends_in_days=30)
    lapsed, lapsed_certificate = certified_person(
        name="Budi Santoso",
        issued_on=today - datetime.timedelta(days=1200),
        valid_until=today - datetime.timedelta(days=1),
    )
    lks, operator = an_accredited_lks(today, ends_in_days=80)
    dinsos = make_staff(Role.DINSOS_OFFICER, regency=lks.regency)
    dinsos_elsewhere = make_staff(Role.DINSOS_OFFICER, regency=Regency.objects.get(code="35.78"))
    Notification.objects.all().delete()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        first = run_nightly(today)
    with django_capture_on_commit_callbacks(execute=True):
        second = run_nightly(today)

    lapsed_certificate.refresh_from_db()
    assert lapsed_certificate.status == "expired"
    assert "certification (" in first and "expired 1" in first.split("certification (")[1].splitlines()[0]
    assert "expired 0" in second.split("certification (")[1].splitlines()[0]
    # Certificate, STR and licence of the person: each reminded once, at the 30-day threshold.
    reminders = list(Notification.objects.filter(user=person.user).values_list("subject", flat=True))
    assert len(reminders) == 3, reminders
    assert any(certificate.number in s for s in reminders)
    assert any(str_record.number in s for s in reminders)
    assert any(licence.number in s for s in reminders)
    assert Notification.objects.filter(user=operator, subject__contains="LKS Kasih Ibu").count() == 1
    due_lists = Notification.objects.filter(user=dinsos, dedupe_key__startswith="reaccreditation-due:")
    assert due_lists.count() == 1 and "LKS Kasih Ibu" in due_lists.get().body
    assert not Notification.objects.filter(user=dinsos_elsewhere).exists()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([person.user.email] * 3 + [operator.email, dinsos.email])


def test_a_later_night_inside_the_next_threshold_sends_the_next_reminder():
    today = timezone.localdate()
    lks, operator = an_accredited_lks(today, ends_in_days=35)
    run_nightly(today)
    run_nightly(today + datetime.timedelta(days=10))  # 25 days left: the 30-day reminder
    run_nightly(today + datetime.timedelta(days=11))
    assert Notification.objects.filter(user=operator, dedupe_key__startswith="expiry:").count() == 2


def test_a_wrong_date_or_app_is_refused_with_a_clear_message():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("run_scheduled", "--date", "31-12-2026", stdout=io.StringIO())
    with pytest.raises(CommandError, match="No scheduled work in: perpustakaan"):
        call_command("run_scheduled", "--only", "perpustakaan", stdout=io.StringIO())
