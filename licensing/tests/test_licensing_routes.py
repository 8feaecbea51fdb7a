import datetime

import pytest
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import make_staff, sign_in_with_second_factor
from certification.services import change_certificate_status
from core.errors import DomainError
from core.models import AuditEvent
from licensing import services
from licensing.models import Licence, LicenceApplication, LicensingAuthority, Status, StrApplication
from licensing.tests.factories import certified_person, pdf
from regions.models import Regency

KOTA_BANDUNG, KAB_BANDUNG = "32.73", "32.04"


def authority(code):
    return LicensingAuthority.objects.get(regency__code=code)


@pytest.fixture
def staff(db):
    return {
        "dpp": make_staff(Role.DPP_OFFICER),
        "kota": make_staff(Role.LICENSING_OFFICER, organisation=authority(KOTA_BANDUNG)),
        "kab": make_staff(Role.LICENSING_OFFICER, organisation=authority(KAB_BANDUNG)),
        "ministry": make_staff(Role.MINISTRY_OFFICER),
    }


def issued_str(person, certificate, dpp):
    application = services.apply_for_str(
        actor=person.user, certificate=certificate, health_statement=pdf(), oath_taken=True, code_of_ethics=True
    )
    return services.decide_str(actor=dpp, application=application, version=application.version, approve=True)


def sipps(person, certificate, str_record, officer):
    application = services.apply_for_licence(
        actor=person.user,
        certificate=certificate,
        str_record=str_record,
        setting="institution",
        place="LKS Anak Harapan Bangsa",
        regency=Regency.objects.get(code=KOTA_BANDUNG),
        field="anak",
    )
    return application, services.decide_licence(
        actor=officer,
        application=application,
        version=application.version,
        grant=True,
        decree_number="503/SIPPS-001/2026",
        decree_date=timezone.localdate(),
    )


def test_current_route_certificate_then_str_then_sipps_from_kota_bandung(staff):
    person, certificate = certified_person()
    str_record = issued_str(person, certificate, staff["dpp"])
    assert str_record.number.startswith("STR.IPSPI.")
    assert str_record.valid_until <= certificate.valid_until  # never beyond the certificate
    assert str_record.credential.kind == "str"
    application, licence = sipps(person, certificate, str_record, staff["kota"])
    assert application.authority.regency.code == KOTA_BANDUNG
    assert licence.number.startswith("SIPPS.3273.")
    assert licence.valid_until <= str_record.valid_until
    assert licence.credential.current_status() == "valid"


def test_kabupaten_bandungs_officer_cannot_see_or_decide_a_kota_bandung_application(client, staff):
    person, certificate = certified_person()
    str_record = issued_str(person, certificate, staff["dpp"])
    application = services.apply_for_licence(
        actor=person.user,
        certificate=certificate,
        str_record=str_record,
        setting="institution",
        place="LKS X",
        regency=Regency.objects.get(code=KOTA_BANDUNG),
        field="anak",
    )
    sign_in_with_second_factor(client, staff["kab"])
    assert client.get(f"/lisensi/izin/{application.pk}/").status_code == 404
    assert application.pk not in [a.pk for a in client.get("/lisensi/izin/antrean/").context["page"]]
    with pytest.raises(DomainError):
        services.decide_licence(
            actor=staff["kab"],
            application=application,
            version=application.version,
            grant=True,
            decree_number="x",
            decree_date=timezone.localdate(),
        )
    sign_in_with_second_factor(client, staff["kota"])
    assert client.get(f"/lisensi/izin/{application.pk}/").status_code == 200


def test_2009_route_through_the_lsp_to_the_ministry(staff):
    person, certificate = certified_person(issued_on=datetime.date(2013, 1, 10), valid_until=datetime.date(2018, 1, 9))
    lsp_officer = make_staff(Role.LSP_OFFICER, organisation=certificate.lsp)
    day = datetime.date(2014, 6, 1)
    application = services.apply_for_licence(
        actor=person.user,
        certificate=certificate,
        setting="community",
        place="Desa Sukamaju",
        regency=Regency.objects.get(code=KOTA_BANDUNG),
        field="masyarakat",
        today=day,
    )
    assert application.authority.level == "national"
    assert application.rule_set.code == "permensos-108-huk-2009"
    with pytest.raises(DomainError):  # the LSP must forward it first
        services.decide_licence(
            actor=staff["ministry"],
            application=application,
            version=application.version,
            grant=True,
            decree_number="1",
            decree_date=day,
        )
    services.recommend_licence(actor=lsp_officer, application=application, version=application.version, text="Memenuhi syarat")
    application.refresh_from_db()
    # The certificate has since expired, so granting today is refused; the decision is judged today.
    with pytest.raises(DomainError):
        services.decide_licence(
            actor=staff["ministry"],
            application=application,
            version=application.version,
            grant=True,
            decree_number="1",
            decree_date=day,
        )


def test_2009_route_granted_by_the_ministry_yields_a_licence_pdf(client, staff):
    person, certificate = certified_person(issued_on=datetime.date(2017, 1, 10), valid_until=datetime.date(2028, 1, 9))
    lsp_officer = make_staff(Role.LSP_OFFICER, organisation=certificate.lsp)
    application = services.apply_for_licence(
        actor=person.user,
        certificate=certificate,
        setting="community",
        place="Desa Sukamaju",
        regency=Regency.objects.get(code=KOTA_BANDUNG),
        field="masyarakat",
        today=datetime.date(2018, 6, 1),
    )
    services.recommend_licence(actor=lsp_officer, application=application, version=application.version, text="Memenuhi syarat")
    application.refresh_from_db()
    licence = services.decide_licence(
        actor=staff["ministry"],
        application=application,
        version=application.version,
        grant=True,
        decree_number="12/HUK/2018",
        decree_date=datetime.date(2018, 7, 1),
    )
    assert licence.number.startswith("LIS.KEMENSOS.2018.")
    sign_in_with_second_factor(client, person.user)
    response = client.get(f"/lisensi/izin/terbit/{licence.pk}.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_revoking_the_certificate_suspends_the_licence_and_its_public_page_says_so(client, staff):
    person, certificate = certified_person()
    lsp_officer = make_staff(Role.LSP_OFFICER, organisation=certificate.lsp)
    str_record = issued_str(person, certificate, staff["dpp"])
    _, licence = sipps(person, certificate, str_record, staff["kota"])
    change_certificate_status(
        actor=lsp_officer, certificate=certificate, action="revoke", reason="Pelanggaran kode etik", category="ethics_council"
    )
    licence.refresh_from_db()
    str_record.refresh_from_db()
    assert licence.status == Status.SUSPENDED and str_record.status == Status.SUSPENDED
    page = client.get(f"/v/{licence.credential.public_id}").content.decode()
    assert "DIBEKUKAN" in page
    assert person.user.notifications.filter(subject__icontains=licence.number).exists()


def test_applying_without_a_valid_str_is_refused(staff):
    person, certificate = certified_person()
    with pytest.raises(DomainError, match="STR"):
        services.apply_for_licence(
            actor=person.user,
            certificate=certificate,
            setting="institution",
            place="X",
            regency=Regency.objects.get(code=KOTA_BANDUNG),
            field="anak",
        )
    assert not LicenceApplication.objects.exists()


def test_applying_to_an_authority_that_does_not_cover_the_place_is_refused(staff):
    person, certificate = certified_person()
    str_record = issued_str(person, certificate, staff["dpp"])
    with pytest.raises(DomainError):
        services.apply_for_licence(
            actor=person.user,
            certificate=certificate,
            str_record=str_record,
            setting="institution",
            place="X",
            regency=Regency.objects.get(code=KOTA_BANDUNG),
            field="anak",
            authority=authority(KAB_BANDUNG),
        )


def test_a_validity_beyond_the_str_is_refused(staff):
    person, certificate = certified_person()
    str_record = issued_str(person, certificate, staff["dpp"])
    application = services.apply_for_licence(
        actor=person.user,
        certificate=certificate,
        str_record=str_record,
        setting="institution",
        place="X",
        regency=Regency.objects.get(code=KOTA_BANDUNG),
        field="anak",
    )
    with pytest.raises(DomainError):
        services.decide_licence(
            actor=staff["kota"],
            application=application,
            version=application.version,
            grant=True,
            decree_number="1",
            decree_date=timezone.localdate(),
            valid_until=str_record.valid_until + datetime.timedelta(days=1),
        )
    assert not Licence.objects.exists()


def test_an_str_needs_all_four_requirements(staff):
    person, certificate = certified_person()
    with pytest.raises(DomainError):
        services.apply_for_str(
            actor=person.user, certificate=certificate, health_statement=pdf(), oath_taken=True, code_of_ethics=False
        )
    with pytest.raises(DomainError):
        services.apply_for_str(
            actor=person.user, certificate=certificate, health_statement=None, oath_taken=True, code_of_ethics=True
        )
    assert not StrApplication.objects.exists()


def test_the_health_statement_opens_for_the_person_and_the_dpp_only_and_staff_reads_are_audited(client, staff):
    person, certificate = certified_person()
    application = services.apply_for_str(
        actor=person.user, certificate=certificate, health_statement=pdf(), oath_taken=True, code_of_ethics=True
    )
    url = f"/lisensi/str/{application.pk}/surat-sehat/"
    sign_in_with_second_factor(client, person.user)
    assert client.get(url).status_code == 200
    sign_in_with_second_factor(client, staff["kota"])
    assert client.get(url).status_code == 404
    sign_in_with_second_factor(client, staff["dpp"])
    assert client.get(url).status_code == 200
    assert AuditEvent.objects.filter(actor=staff["dpp"], action=AuditEvent.Action.DOWNLOAD_DOCUMENT).count() == 1


def test_my_credentials_page_lists_everything_with_next_steps(client, staff):
    person, certificate = certified_person()
    sign_in_with_second_factor(client, person.user)
    html = client.get("/lisensi/").content.decode()
    assert certificate.number in html and "STR" in html
    str_record = issued_str(person, certificate, staff["dpp"])
    html = client.get("/lisensi/").content.decode()
    assert str_record.number in html


def test_expiry_runs_twice_without_harm(staff):
    person, certificate = certified_person()
    str_record = issued_str(person, certificate, staff["dpp"])
    later = str_record.valid_until + datetime.timedelta(days=1)
    assert services.expire(today=later) == 1
    assert services.expire(today=later) == 0


def test_the_api_lets_the_right_authority_decide_and_no_other(client, staff):
    import json

    person, certificate = certified_person()
    str_record = issued_str(person, certificate, staff["dpp"])
    application = services.apply_for_licence(
        actor=person.user,
        certificate=certificate,
        str_record=str_record,
        setting="institution",
        place="X",
        regency=Regency.objects.get(code=KOTA_BANDUNG),
        field="anak",
    )
    body = json.dumps(
        {
            "version": application.version,
            "grant": True,
            "decree_number": "7/2026",
            "decree_date": timezone.localdate().isoformat(),
        }
    )
    sign_in_with_second_factor(client, staff["kab"])
    assert client.get("/api/v1/licensing/applications").json() == []
    assert (
        client.post(
            f"/api/v1/licensing/applications/{application.pk}/decision", body, content_type="application/json"
        ).status_code
        == 404
    )
    sign_in_with_second_factor(client, staff["kota"])
    assert [a["id"] for a in client.get("/api/v1/licensing/applications").json()] == [application.pk]
    response = client.post(f"/api/v1/licensing/applications/{application.pk}/decision", body, content_type="application/json")
    assert response.status_code == 200 and response.json()["licence_number"].startswith("SIPPS.3273.")
    sign_in_with_second_factor(client, person.user)
    assert client.get("/api/v1/licensing/mine").json()["licences"][0]["status"] == "valid"
