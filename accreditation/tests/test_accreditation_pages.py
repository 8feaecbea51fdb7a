import pytest
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import make_staff, sign_in_with_second_factor
from accreditation import services
from accreditation.models import AccreditationApplication, Indicator
from accreditation.tests.factories import LKSFactory, assessor, pdf
from regions.models import Regency


@pytest.fixture
def lks(db):
    return LKSFactory(name="LKS Anak Harapan Bangsa")


def test_the_operator_submits_formulir_a_and_b_through_the_page(client, lks):
    operator = make_staff(Role.LKS_OPERATOR, organisation=lks, totp=False)
    sign_in_with_second_factor(client, operator)
    response = client.post(f"/akreditasi/lembaga/{lks.pk}/")
    application = AccreditationApplication.objects.get(lks=lks)
    assert response["Location"] == f"/akreditasi/permohonan/{application.pk}/"
    indicators = Indicator.objects.filter(standard__instrument=services.instrument_on(timezone.localdate()))
    data = {f"ind_{i.pk}": "3" for i in indicators}
    data.update(version=application.version, request_letter=pdf("surat.pdf"), evidence=pdf("formulir-b.pdf"))
    response = client.post(f"/akreditasi/permohonan/{application.pk}/", data)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == AccreditationApplication.Status.SUBMITTED


def test_a_missing_score_is_explained_and_nothing_is_submitted(client, lks):
    operator = make_staff(Role.LKS_OPERATOR, organisation=lks, totp=False)
    sign_in_with_second_factor(client, operator)
    client.post(f"/akreditasi/lembaga/{lks.pk}/")
    application = AccreditationApplication.objects.get(lks=lks)
    response = client.post(f"/akreditasi/permohonan/{application.pk}/", {"version": application.version})
    assert response.status_code == 200
    assert "tidak boleh kosong" in response.content.decode().lower()
    application.refresh_from_db()
    assert application.status == AccreditationApplication.Status.DRAFT


def test_the_dinsos_officer_of_another_regency_does_not_see_the_application(client, lks):
    application = services.start_application(actor=make_staff(Role.LKS_OPERATOR, organisation=lks, totp=False), lks=lks)
    kab = make_staff(Role.DINSOS_OFFICER, regency=Regency.objects.get(code="32.04"))
    kota = make_staff(Role.DINSOS_OFFICER, regency=Regency.objects.get(code="32.73"))
    sign_in_with_second_factor(client, kab)
    assert client.get(f"/akreditasi/permohonan/{application.pk}/").status_code == 404
    sign_in_with_second_factor(client, kota)
    assert client.get(f"/akreditasi/permohonan/{application.pk}/").status_code == 200


def test_another_lks_operator_does_not_see_the_institution(client, lks):
    other = LKSFactory(name="LKS Lain")
    sign_in_with_second_factor(client, make_staff(Role.LKS_OPERATOR, organisation=other, totp=False))
    assert client.get(f"/akreditasi/lembaga/{lks.pk}/").status_code == 404


def test_the_monitoring_list_costs_the_same_queries_for_one_or_many_rows(client, lks):
    import datetime

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accreditation.models import Accreditation

    def accredit(institution):
        application = AccreditationApplication.objects.create(lks=institution, status=AccreditationApplication.Status.DETERMINED)
        Accreditation.objects.create(
            lks=institution,
            application=application,
            grade="B",
            score=75,
            certificate_number=f"BALKS/B/2026/{application.pk:05d}",
            decree_number="1",
            decree_date=datetime.date(2026, 1, 1),
            valid_from=datetime.date(2026, 1, 1),
            valid_until=datetime.date(2028, 12, 31),
        )

    sign_in_with_second_factor(client, make_staff(Role.BALKS_OFFICER))
    accredit(lks)
    client.get("/akreditasi/pemantauan/")
    with CaptureQueriesContext(connection) as one:
        client.get("/akreditasi/pemantauan/?peringkat=B")
    for n in range(15):
        accredit(LKSFactory(name=f"LKS {n}"))
    with CaptureQueriesContext(connection) as many:
        response = client.get("/akreditasi/pemantauan/?peringkat=B")
    assert response.content.decode().count("BALKS") >= 1
    assert len(many) == len(one)


def test_an_assessor_sees_the_scoring_form_only_when_assigned(client, lks):
    a1 = assessor("Asesor Satu", regency_code="31.71")
    sign_in_with_second_factor(client, a1.user)
    application = services.start_application(actor=make_staff(Role.LKS_OPERATOR, organisation=lks, totp=False), lks=lks)
    assert client.get(f"/akreditasi/permohonan/{application.pk}/nilai/desk/").status_code == 404
