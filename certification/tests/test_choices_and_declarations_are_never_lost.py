"""Issue 22 (state): one open application per person and scheme even when two requests race;
the schedule list offers only events the application can take; a changed unit result carries its
own note; a declared relative is recorded or refused with a reason, never silently lost."""

import pytest
from django.urls import reverse

from accounts.tests.factories import sign_in_with_second_factor
from certification import services
from certification.models import CertificationApplication, CertificationApplicationQuerySet, UnitResult
from certification.tests.factories import (
    SchemeFactory,
    assessor_for,
    candidate,
    event_for,
    lsp_officer,
    member_for,
    scheduled_application,
    submitted_application,
)
from core.errors import DomainError
from registry.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lsp_setup():
    scheme = SchemeFactory(units=2)
    return {"scheme": scheme, "lsp": scheme.lsp, "officer": lsp_officer(scheme.lsp)}


def test_a_second_application_that_slips_past_the_check_is_refused_with_a_message(lsp_setup, monkeypatch):
    person = candidate()
    services.start_application(actor=person.user, scheme=lsp_setup["scheme"])
    # The other request's check ran before this one's row existed: it sees no open application.
    monkeypatch.setattr(CertificationApplicationQuerySet, "open", lambda self: self.none())
    with pytest.raises(DomainError, match="permohonan yang masih terbuka"):
        services.start_application(actor=person.user, scheme=lsp_setup["scheme"])
    assert CertificationApplication.objects.filter(person=person).count() == 1


def test_the_schedule_list_offers_only_open_events_of_the_applications_scheme(client, lsp_setup):
    lsp, scheme = lsp_setup["lsp"], lsp_setup["scheme"]
    application = submitted_application(scheme)
    services.accept_application(actor=lsp_setup["officer"], application=application)
    own = event_for(lsp, scheme=scheme, days_ahead=7)
    any_scheme = event_for(lsp, days_ahead=8)
    other_scheme = event_for(lsp, scheme=SchemeFactory(lsp=lsp), days_ahead=9)
    past = event_for(lsp, scheme=scheme, days_ahead=-3)
    full = event_for(lsp, scheme=scheme, capacity=1, days_ahead=10)
    filler = submitted_application(scheme)
    services.accept_application(actor=lsp_setup["officer"], application=filler)
    services.schedule_application(actor=lsp_setup["officer"], application=filler, event=full)
    other_lsp = event_for(SchemeFactory().lsp, days_ahead=7)

    sign_in_with_second_factor(client, lsp_setup["officer"])
    page = client.get(reverse("certification:application_detail", args=[application.pk])).content.decode()
    offered = {
        int(pk) for pk in __import__("re").findall(r'<option value="(\d+)"', page.split('name="event"')[1].split("</select>")[0])
    }
    assert offered == {own.pk, any_scheme.pk}
    assert not offered & {other_scheme.pk, past.pk, full.pk, other_lsp.pk}


def _assignment_post(client, assessment, unit, result, notes):
    return client.post(
        reverse("certification:assignment", args=[assessment.pk]),
        {"action": "unit", "unit": unit.pk, f"u{unit.pk}-result": result, f"u{unit.pk}-notes": notes},
    )


def test_a_unit_changed_from_bk_to_k_does_not_keep_the_bk_note(client, lsp_setup):
    _application, assessment = scheduled_application(
        lsp_setup["scheme"], lsp_setup["officer"], event_for(lsp_setup["lsp"]), assessor=assessor_for(lsp_setup["lsp"])
    )
    unit = assessment.units.first()
    sign_in_with_second_factor(client, assessment.assessor.user)
    bk_note = "Belum mampu menyusun asesmen kebutuhan klien."
    assert _assignment_post(client, assessment, unit, "BK", bk_note).status_code == 302
    # The page pre-fills the old note; the assessor flips the result only.
    response = _assignment_post(client, assessment, unit, "K", bk_note)
    assert response.status_code == 200
    assert "tulis catatan untuk hasil yang baru" in response.content.decode()
    row = UnitResult.objects.get(assessment=assessment, unit=unit)
    assert (row.result, row.notes) == ("BK", bk_note)
    assert _assignment_post(client, assessment, unit, "K", "Mampu setelah observasi ulang.").status_code == 302
    row.refresh_from_db()
    assert (row.result, row.notes) == ("K", "Mampu setelah observasi ulang.")


def test_declaring_a_relative_with_an_unknown_member_number_says_why_and_records_nothing(client, lsp_setup):
    assessor = assessor_for(lsp_setup["lsp"])
    sign_in_with_second_factor(client, lsp_setup["officer"])
    url = reverse("certification:assessor_list")
    response = client.post(url, {"action": "relative", "assessor": assessor.pk, "member_number": "IPSPI.99.1999.99999"})
    assert response.status_code == 200
    assert "Tidak ada anggota dengan nomor IPSPI.99.1999.99999" in response.content.decode()
    assert not assessor.declared_relatives.exists()
    response = client.post(url, {"action": "relative", "assessor": assessor.pk, "member_number": ""})
    assert "Isi nomor anggota kerabat" in response.content.decode()


def test_declaring_a_relative_with_a_known_member_number_is_recorded(client, lsp_setup):
    assessor = assessor_for(lsp_setup["lsp"])
    relative = PersonFactory()
    member = member_for(relative)
    sign_in_with_second_factor(client, lsp_setup["officer"])
    response = client.post(
        reverse("certification:assessor_list"), {"action": "relative", "assessor": assessor.pk, "member_number": member.number}
    )
    assert response.status_code == 302
    assert list(assessor.declared_relatives.all()) == [relative]
