"""The issue's "Done when" journey through the pages, and scoping of staff pages."""

import pytest
from django.urls import reverse

from accounts.tests.factories import sign_in_with_second_factor
from certification.models import Assessment, Certificate, CertificationApplication, DocumentKind
from certification.tests.factories import SchemeFactory, assessor_for, candidate, event_for, lsp_officer, pdf_upload
from core.models import AuditEvent

pytestmark = pytest.mark.django_db
S = CertificationApplication.Status


@pytest.fixture
def lsp_setup():
    scheme = SchemeFactory(units=2)
    return {"scheme": scheme, "lsp": scheme.lsp, "officer": lsp_officer(scheme.lsp), "event": event_for(scheme.lsp)}


def apply_through_pages(client, person, scheme):
    sign_in_with_second_factor(client, person.user)
    response = client.post(reverse("certification:apply", args=[scheme.pk]))
    application = CertificationApplication.objects.get(person=person, scheme=scheme)
    assert response.url == reverse("certification:my_application", args=[application.pk])
    url = response.url
    for kind in (DocumentKind.WORK_LETTER, DocumentKind.TRAINING, DocumentKind.RECOMMENDATION):
        assert client.post(url, {"action": "evidence", "kind": kind, "title": "", "file": pdf_upload()}).status_code == 302
    assert client.post(url, {"action": "submit"}).status_code == 302
    application.refresh_from_db()
    return application


def test_done_when_journey_from_eligibility_to_a_valid_certificate(client, lsp_setup, django_capture_on_commit_callbacks):
    person = candidate(years=3, training_hours=64)
    sign_in_with_second_factor(client, person.user)
    page = client.get(reverse("certification:my_applications")).content.decode()
    assert "memenuhi syarat" in page.lower() or "eligible" in page.lower()
    application = apply_through_pages(client, person, lsp_setup["scheme"])
    assert application.status == S.SUBMITTED
    assert (
        "Pemeriksaan administrasi" in client.get(reverse("certification:my_application", args=[application.pk])).content.decode()
    )

    officer = lsp_setup["officer"]
    sign_in_with_second_factor(client, officer)
    detail = reverse("certification:application_detail", args=[application.pk])
    assert person.full_name in client.get(reverse("certification:application_list")).content.decode()
    assert client.post(detail, {"action": "accept", "reason": ""}).status_code == 302
    assert client.post(detail, {"action": "schedule", "event": lsp_setup["event"].pk}).status_code == 302
    conflicted = assessor_for(lsp_setup["lsp"], employer="Dinas Sosial Kota Bandung")
    response = client.post(detail, {"action": "assign", "assessor": conflicted.pk})
    assert response.status_code == 200 and "pemberi kerja yang sama" in response.content.decode()
    assert not Assessment.objects.exists()
    assessor = assessor_for(lsp_setup["lsp"])
    assert client.post(detail, {"action": "assign", "assessor": ""}).status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.assessor == assessor

    sign_in_with_second_factor(client, assessor.user)
    assert person.full_name in client.get(reverse("certification:assignment_list")).content.decode()
    url = reverse("certification:assignment", args=[assessment.pk])
    for unit in assessment.units.all():
        assert (
            client.post(
                url, {"action": "unit", "unit": unit.pk, f"u{unit.pk}-result": "K", f"u{unit.pk}-notes": "baik"}
            ).status_code
            == 302
        )
    assert client.post(url, {"action": "recommend", "recommendation": "competent", "notes": ""}).status_code == 302

    sign_in_with_second_factor(client, officer)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(detail, {"action": "decide", "decision": "competent", "note": "Rapat pleno"}).status_code == 302
    certificate = Certificate.objects.get(application=application)
    assert certificate.credential.current_status() == "valid"

    sign_in_with_second_factor(client, person.user)
    pdf = client.get(reverse("certification:certificate_pdf", args=[certificate.pk]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content)[:4] == b"%PDF"
    assert certificate.number in client.get(reverse("certification:my_applications")).content.decode()


def test_a_member_with_one_year_of_practice_is_told_exactly_why_not(client):
    person = candidate(years=1)
    sign_in_with_second_factor(client, person.user)
    page = client.get(reverse("certification:my_applications")).content.decode()
    assert "900" in page and "540" in page
    assert "tidak memenuhi syarat" in page.lower()


def test_the_public_self_check_page_needs_no_login_and_stores_nothing(client):
    response = client.post(
        reverse("certification:self_check"),
        {"education_level": "D3", "study_field": "lainnya", "practice_months": 60, "training_hours": 10, "date": "2010-06-01"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "108/HUK/2009" in body
    assert "Tenaga Kesejahteraan Sosial" in body or "Relawan Sosial" in body
    assert not CertificationApplication.objects.exists()


def test_another_lsps_officer_gets_404_and_cannot_act(client, lsp_setup):
    person = candidate()
    application = apply_through_pages(client, person, lsp_setup["scheme"])
    stranger = lsp_officer(SchemeFactory().lsp)
    sign_in_with_second_factor(client, stranger)
    detail = reverse("certification:application_detail", args=[application.pk])
    assert client.get(detail).status_code == 404
    assert client.post(detail, {"action": "accept", "reason": ""}).status_code == 404
    assert person.full_name not in client.get(reverse("certification:application_list")).content.decode()
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    evidence = application.evidence.first()
    assert client.get(reverse("certification:evidence_file", args=[evidence.pk])).status_code == 404


def test_an_officer_reading_evidence_is_audited(client, lsp_setup):
    application = apply_through_pages(client, candidate(), lsp_setup["scheme"])
    sign_in_with_second_factor(client, lsp_setup["officer"])
    evidence = application.evidence.first()
    assert client.get(reverse("certification:evidence_file", args=[evidence.pk])).status_code == 200
    assert AuditEvent.objects.filter(action=AuditEvent.Action.DOWNLOAD_DOCUMENT, actor=lsp_setup["officer"]).exists()


def test_an_assessor_cannot_open_someone_elses_assignment(client, lsp_setup):
    from certification import services

    application = apply_through_pages(client, candidate(), lsp_setup["scheme"])
    officer = lsp_setup["officer"]
    services.accept_application(actor=officer, application=application)
    services.schedule_application(actor=officer, application=application, event=lsp_setup["event"])
    assessment = services.assign_assessor(actor=officer, application=application, assessor=assessor_for(lsp_setup["lsp"]))
    other = assessor_for(lsp_setup["lsp"])
    sign_in_with_second_factor(client, other.user)
    url = reverse("certification:assignment", args=[assessment.pk])
    assert client.get(url).status_code == 404
    unit = assessment.units.first()
    assert client.post(url, {"action": "unit", "unit": unit.pk, f"u{unit.pk}-result": "K"}).status_code == 404
    assert not assessment.results.exists()


def test_a_member_cannot_see_another_members_application(client, lsp_setup):
    application = apply_through_pages(client, candidate(), lsp_setup["scheme"])
    sign_in_with_second_factor(client, candidate().user)
    assert client.get(reverse("certification:my_application", args=[application.pk])).status_code == 404


def test_applying_twice_through_the_page_shows_a_clear_message(client, lsp_setup):
    person = candidate()
    sign_in_with_second_factor(client, person.user)
    client.post(reverse("certification:apply", args=[lsp_setup["scheme"].pk]))
    response = client.post(reverse("certification:apply", args=[lsp_setup["scheme"].pk]), follow=True)
    assert "permohonan yang masih terbuka" in response.content.decode()
    assert CertificationApplication.objects.count() == 1


def test_submitting_without_documents_through_the_page_names_what_is_missing(client, lsp_setup):
    person = candidate()
    sign_in_with_second_factor(client, person.user)
    response = client.post(reverse("certification:apply", args=[lsp_setup["scheme"].pk]))
    response = client.post(response.url, {"action": "submit"})
    assert response.status_code == 200
    assert "Surat keterangan pengalaman kerja" in response.content.decode() or "pengalaman kerja" in response.content.decode()
    assert CertificationApplication.objects.get().status == S.DRAFT


def test_staff_lists_do_not_grow_queries_with_rows(client, lsp_setup, django_assert_max_num_queries):
    for _ in range(3):
        apply_through_pages(client, candidate(), lsp_setup["scheme"])
    sign_in_with_second_factor(client, lsp_setup["officer"])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("certification:application_list")).status_code == 200


def test_scheme_pages_show_the_board_warning_and_let_the_officer_add_units(client, lsp_setup):
    sign_in_with_second_factor(client, lsp_setup["officer"])
    page = client.get(reverse("certification:scheme_list")).content.decode()
    assert "tidak memenuhi" in page.lower()
    url = reverse("certification:scheme_detail", args=[lsp_setup["scheme"].pk])
    assert client.post(url, {"action": "unit", "code": "PKS.99", "title": "Supervisi"}).status_code == 302
    assert lsp_setup["scheme"].units.filter(code="PKS.99").exists()
    stranger = lsp_officer(SchemeFactory().lsp)
    sign_in_with_second_factor(client, stranger)
    assert client.post(url, {"action": "unit", "code": "PKS.98", "title": "x"}).status_code == 404


def test_every_staff_page_opens_for_the_officer_and_is_refused_to_a_member(client, lsp_setup):
    from certification import services

    application = apply_through_pages(client, candidate(), lsp_setup["scheme"])
    officer = lsp_setup["officer"]
    services.accept_application(actor=officer, application=application)
    services.schedule_application(actor=officer, application=application, event=lsp_setup["event"])
    assessment = services.assign_assessor(actor=officer, application=application, assessor=assessor_for(lsp_setup["lsp"]))
    for unit in assessment.units.all():
        services.record_unit_result(actor=assessment.assessor.user, assessment=assessment, unit=unit, result="K")
    services.record_recommendation(actor=assessment.assessor.user, assessment=assessment, recommendation="competent")
    application.refresh_from_db()
    certificate = services.decide(actor=officer, application=application, competent=True)
    pages = [
        reverse("certification:application_list"),
        reverse("certification:application_detail", args=[application.pk]),
        reverse("certification:scheme_list"),
        reverse("certification:scheme_detail", args=[lsp_setup["scheme"].pk]),
        reverse("certification:event_list"),
        reverse("certification:certificate_list"),
        reverse("certification:certificate_detail", args=[certificate.pk]),
    ]
    sign_in_with_second_factor(client, officer)
    for url in pages:
        assert client.get(url).status_code == 200, url
    sign_in_with_second_factor(client, application.person.user)
    # A list the member's role cannot open is refused (403); one record of it is not found (404),
    # so whether it exists is not told.
    lists, records = [pages[0], pages[2], pages[4], pages[5]], [pages[1], pages[3], pages[6]]
    assert [client.get(url).status_code for url in lists] == [403] * len(lists)
    assert [client.get(url).status_code for url in records] == [404] * len(records)
    sign_in_with_second_factor(client, assessment.assessor.user)
    assert client.get(reverse("certification:assignment", args=[assessment.pk])).status_code == 200
    assert client.get(reverse("certification:self_check")).status_code == 200


def test_an_officer_can_suspend_a_certificate_from_its_page_and_another_lsp_cannot(client, lsp_setup):
    from certification import services

    application = apply_through_pages(client, candidate(), lsp_setup["scheme"])
    officer = lsp_setup["officer"]
    services.accept_application(actor=officer, application=application)
    services.schedule_application(actor=officer, application=application, event=lsp_setup["event"])
    assessment = services.assign_assessor(actor=officer, application=application, assessor=assessor_for(lsp_setup["lsp"]))
    for unit in assessment.units.all():
        services.record_unit_result(actor=assessment.assessor.user, assessment=assessment, unit=unit, result="K")
    services.record_recommendation(actor=assessment.assessor.user, assessment=assessment, recommendation="competent")
    application.refresh_from_db()
    certificate = services.decide(actor=officer, application=application, competent=True)
    url = reverse("certification:certificate_detail", args=[certificate.pk])
    sign_in_with_second_factor(client, lsp_officer(SchemeFactory().lsp))
    assert client.post(url, {"action": "suspend", "reason": "x"}).status_code == 404
    sign_in_with_second_factor(client, officer)
    response = client.post(url, {"action": "suspend", "reason": ""})
    assert response.status_code == 200
    certificate.refresh_from_db()
    assert certificate.status == "valid"
    assert client.post(url, {"action": "suspend", "reason": "Pemeriksaan etik"}).status_code == 200  # no category chosen
    certificate.refresh_from_db()
    assert certificate.status == "valid"
    assert (
        client.post(url, {"action": "suspend", "reason": "Pemeriksaan etik", "category": "suspended_temporarily"}).status_code
        == 302
    )
    certificate.refresh_from_db()
    assert certificate.status == "suspended"


def test_a_certificate_whose_pdf_is_not_rendered_yet_is_rendered_on_download(client):
    from certification import demo

    siti_user = candidate().user
    siti_user.email = "siti@peksos.demo"
    siti_user.save()
    demo.seed()  # issues a certificate; its PDF task runs only after commit
    certificate = Certificate.objects.get(person__user=siti_user)
    assert not certificate.pdf
    sign_in_with_second_factor(client, siti_user)
    response = client.get(reverse("certification:certificate_pdf", args=[certificate.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content)[:4] == b"%PDF"
    certificate.refresh_from_db()
    assert certificate.pdf


def test_the_assigned_assessor_reads_the_candidates_evidence_and_it_is_audited(client, lsp_setup):
    from certification import services

    application = apply_through_pages(client, candidate(), lsp_setup["scheme"])
    officer = lsp_setup["officer"]
    services.accept_application(actor=officer, application=application)
    services.schedule_application(actor=officer, application=application, event=lsp_setup["event"])
    assessment = services.assign_assessor(actor=officer, application=application, assessor=assessor_for(lsp_setup["lsp"]))
    sign_in_with_second_factor(client, assessment.assessor.user)
    evidence = application.evidence.first()
    assert (
        reverse("certification:evidence_file", args=[evidence.pk])
        in client.get(reverse("certification:assignment", args=[assessment.pk])).content.decode()
    )
    assert client.get(reverse("certification:evidence_file", args=[evidence.pk])).status_code == 200
    assert AuditEvent.objects.filter(actor=assessment.assessor.user, action=AuditEvent.Action.DOWNLOAD_DOCUMENT).exists()


def test_the_members_page_and_the_assessors_list_stay_within_a_query_budget(client, lsp_setup, django_assert_max_num_queries):
    person = candidate()
    apply_through_pages(client, person, lsp_setup["scheme"])
    SchemeFactory(lsp=lsp_setup["lsp"])
    sign_in_with_second_factor(client, person.user)
    with django_assert_max_num_queries(25):
        assert client.get(reverse("certification:my_applications")).status_code == 200
    assessor = assessor_for(lsp_setup["lsp"])
    sign_in_with_second_factor(client, assessor.user)
    with django_assert_max_num_queries(15):
        assert client.get(reverse("certification:assignment_list")).status_code == 200


def test_the_nightly_command_expires_certificates_past_their_end(lsp_setup):
    import datetime

    from django.core.management import call_command

    from certification.models import EligibilityRuleSet
    from registry.tests.factories import PersonFactory

    person = PersonFactory()
    certificate = Certificate.objects.create(
        number="LSPX.PSG.2015.00001",
        person=person,
        lsp=lsp_setup["lsp"],
        scheme=lsp_setup["scheme"],
        level="PSG",
        practice_field="umum",
        issued_on=datetime.date(2015, 1, 1),
        valid_until=datetime.date(2017, 12, 31),
        rule_set=EligibilityRuleSet.objects.get(code="permensos-108-huk-2009"),
    )
    call_command("run_scheduled", "--only", "certification", stdout=__import__("io").StringIO())
    certificate.refresh_from_db()
    assert certificate.status == "expired"
    assert not Certificate.objects.valid_for(person).exists()
    assert Certificate.objects.valid_for(person, on=datetime.date(2016, 6, 1)).get() == certificate  # it was valid then
    assert certificate.was_valid_on(datetime.date(2016, 6, 1)) and not certificate.was_valid_on(datetime.date(2018, 1, 1))


def test_the_issued_certificate_shows_as_valid_on_the_public_verification_page(client, lsp_setup):
    from django.conf import settings

    from certification import services

    application = apply_through_pages(client, candidate(), lsp_setup["scheme"])
    officer = lsp_setup["officer"]
    services.accept_application(actor=officer, application=application)
    services.schedule_application(actor=officer, application=application, event=lsp_setup["event"])
    assessment = services.assign_assessor(actor=officer, application=application, assessor=assessor_for(lsp_setup["lsp"]))
    for unit in assessment.units.all():
        services.record_unit_result(actor=assessment.assessor.user, assessment=assessment, unit=unit, result="K")
    services.record_recommendation(actor=assessment.assessor.user, assessment=assessment, recommendation="competent")
    application.refresh_from_db()
    certificate = services.decide(actor=officer, application=application, competent=True)
    client.logout()
    path = certificate.credential.verification_url.removeprefix(settings.SITE_URL)
    response = client.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    assert certificate.number in body and application.person.full_name in body
    assert "status-valid" in body
    assert application.person.nik not in body


def test_the_self_check_page_is_rate_limited_per_address(client):
    url = reverse("certification:self_check")
    codes = [client.get(url, REMOTE_ADDR="10.1.1.1").status_code for _ in range(31)]
    assert codes[:30] == [200] * 30 and codes[30] == 429


def test_the_officer_finds_certificates_by_number_or_name_within_their_lsp(client, lsp_setup):
    import datetime

    from registry.tests.factories import PersonFactory

    person = PersonFactory(full_name="Raden Ajeng Kartini")
    mine = Certificate.objects.create(
        number="LSPQ.PSG.2020.00001",
        person=person,
        lsp=lsp_setup["lsp"],
        scheme=lsp_setup["scheme"],
        level="PSG",
        practice_field="umum",
        issued_on=datetime.date(2020, 1, 1),
    )
    other_scheme = SchemeFactory()
    Certificate.objects.create(
        number="LSPZ.PSG.2020.00001",
        person=person,
        lsp=other_scheme.lsp,
        scheme=other_scheme,
        level="PSG",
        practice_field="umum",
        issued_on=datetime.date(2020, 1, 1),
    )
    sign_in_with_second_factor(client, lsp_setup["officer"])
    url = reverse("certification:certificate_list")
    by_name = client.get(url, {"q": "kartini"}).content.decode()
    assert mine.number in by_name and "LSPZ.PSG.2020.00001" not in by_name
    assert mine.number in client.get(url, {"q": mine.number}).content.decode()
    assert mine.number not in client.get(url, {"q": "Cut Nyak Dien"}).content.decode()


def test_the_certificate_export_holds_only_the_officers_lsp_neutralises_formulas_and_is_audited(client, lsp_setup):
    import datetime

    from registry.tests.factories import PersonFactory

    person = PersonFactory(full_name="=HYPERLINK(1)")
    Certificate.objects.create(
        number="LSPQ.PSG.2020.00001",
        person=person,
        lsp=lsp_setup["lsp"],
        scheme=lsp_setup["scheme"],
        level="PSG",
        practice_field="umum",
        issued_on=datetime.date(2020, 1, 1),
    )
    other = SchemeFactory()
    Certificate.objects.create(
        number="LSPZ.PSG.2020.00001",
        person=person,
        lsp=other.lsp,
        scheme=other,
        level="PSG",
        practice_field="umum",
        issued_on=datetime.date(2020, 1, 1),
    )
    sign_in_with_second_factor(client, lsp_setup["officer"])
    response = client.get(reverse("certification:certificate_export"))
    body = b"".join(response.streaming_content).decode()
    assert "LSPQ.PSG.2020.00001" in body and "LSPZ" not in body
    assert "'=HYPERLINK(1)" in body and person.nik not in body
    assert AuditEvent.objects.filter(actor=lsp_setup["officer"], action=AuditEvent.Action.EXPORT).exists()


def test_the_self_check_page_lists_the_routes_in_force_with_their_sources(client):
    page = client.get(reverse("certification:self_check")).content.decode()
    assert "Jalur pendidikan" in page and "Jalur praktisi" in page and "UU 14/2019" in page
    assert "Permensos 108/HUK/2009 — Pekerja Sosial Profesional" not in page  # not in force today
