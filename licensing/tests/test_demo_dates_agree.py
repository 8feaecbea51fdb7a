"""The demo tells one story in time: no STR or practice licence starts before the certificate it
rests on (nor a licence before the STR it rests on), nothing ends before it starts, and each
credential states the dates of the record it stands for."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from certification.models import Certificate
from credentials.models import Credential
from licensing.models import Licence, Str

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo (`make run`'s data), seeded once for this module and rolled back after."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("seed_demo", "--force", stdout=StringIO())
            yield
            transaction.set_rollback(True)


def test_the_demo_has_strs_and_licences_to_judge(demo):
    assert Str.objects.filter(certificate__isnull=False).count() >= 2
    assert Licence.objects.exists()


def test_no_str_of_the_demo_starts_before_the_certificate_it_rests_on(demo):
    early = [
        (record.number, record.valid_from, record.certificate.number, record.certificate.issued_on)
        for record in Str.objects.select_related("certificate").filter(certificate__isnull=False)
        if record.valid_from < record.certificate.issued_on
    ]
    assert early == []


def test_no_licence_of_the_demo_starts_before_its_certificate_or_its_str(demo):
    early = []
    for licence in Licence.objects.select_related("application__certificate", "application__str_record"):
        application = licence.application
        if application is None:
            continue
        if application.certificate_id and licence.valid_from < application.certificate.issued_on:
            early.append((licence.number, "certificate", application.certificate.number))
        if application.str_record_id and licence.valid_from < application.str_record.valid_from:
            early.append((licence.number, "STR", application.str_record.number))
    assert early == []


def test_nothing_in_the_demo_ends_before_it_starts(demo):
    backwards = [
        (kind, number)
        for kind, rows in (
            ("credential", Credential.objects.values_list("number", "valid_from", "valid_until")),
            ("certificate", Certificate.objects.values_list("number", "issued_on", "valid_until")),
            ("STR", Str.objects.values_list("number", "valid_from", "valid_until")),
            ("licence", Licence.objects.values_list("number", "valid_from", "valid_until")),
        )
        for number, start, end in rows
        if end is not None and end < start
    ]
    assert backwards == []


def test_a_renewed_certificate_of_the_demo_starts_after_the_one_it_continues(demo):
    renewals = Certificate.objects.select_related("renewed_from").filter(renewed_from__isnull=False)
    assert renewals.exists()
    for renewal in renewals:
        assert renewal.renewed_from.valid_until is not None
        assert renewal.issued_on > renewal.renewed_from.valid_until


def test_each_credential_of_the_demo_states_the_dates_of_its_record(demo):
    differing = []
    for model, start in ((Str, "valid_from"), (Licence, "valid_from"), (Certificate, "issued_on")):
        for record in model.objects.select_related("credential").filter(credential__isnull=False):
            credential = record.credential
            if (credential.valid_from, credential.valid_until) != (getattr(record, start), record.valid_until):
                differing.append((record.number, credential.valid_from, credential.valid_until))
    assert differing == []


def test_the_str_ending_soon_rests_on_a_certificate_its_holder_held_when_it_began(demo):
    dewi = Str.objects.select_related("certificate", "person").get(person__user__email="dewi@peksos.demo")
    assert dewi.certificate.issued_on <= dewi.valid_from <= dewi.certificate.valid_until
    assert Certificate.objects.valid_for(dewi.person).exists()  # renewed since, so she holds one today
