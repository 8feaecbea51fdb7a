import datetime

import pytest
from django.utils import timezone

from certification import services
from certification.models import (
    Appeal,
    Assessment,
    AssessmentEvent,
    Certificate,
    CertificationApplication,
    DocumentKind,
    EligibilityRuleSet,
    UnitResult,
)
from certification.tests.factories import (
    SchemeFactory,
    assessor_for,
    candidate,
    event_for,
    lsp_officer,
    pdf_upload,
    ready_to_renew,
)
from core.errors import DomainError, NotAllowed
from credentials.models import Credential

pytestmark = pytest.mark.django_db
S = CertificationApplication.Status


def attach_all(application, user):
    for kind in (DocumentKind.WORK_LETTER, DocumentKind.TRAINING, DocumentKind.RECOMMENDATION):
        services.add_evidence(actor=user, application=application, kind=kind, file=pdf_upload())


@pytest.fixture
def setting():
    scheme = SchemeFactory(units=3)
    lsp = scheme.lsp
    return {"scheme": scheme, "lsp": lsp, "officer": lsp_officer(lsp), "event": event_for(lsp)}


def submitted(setting, **kwargs):
    person = candidate(**kwargs)
    application = services.start_application(actor=person.user, scheme=setting["scheme"])
    attach_all(application, person.user)
    return services.submit_application(actor=person.user, application=application)


def record_all(assessment, result="K"):
    for unit in assessment.units.all():
        services.record_unit_result(
            actor=assessment.assessor.user, assessment=assessment, unit=unit, result=result, notes="observasi"
        )


def test_the_whole_journey_ends_with_a_valid_certificate_and_credential(setting, django_capture_on_commit_callbacks, mailoutbox):
    person = candidate(years=3, training_hours=64)
    application = services.start_application(actor=person.user, scheme=setting["scheme"])
    assert application.portfolio["educations"][0]["level"] == "S1"
    attach_all(application, person.user)
    application = services.submit_application(actor=person.user, application=application)
    assert application.status == S.SUBMITTED
    assert application.rule_set.code in {"jalur-pendidikan-2019", "jalur-praktisi-2019"}
    assert application.eligibility["eligible"] is True

    officer = setting["officer"]
    services.accept_application(actor=officer, application=application)
    services.schedule_application(actor=officer, application=application, event=setting["event"])
    conflicted = assessor_for(setting["lsp"], employer="Dinas Sosial Kota Bandung")  # same employer as the candidate
    with pytest.raises(DomainError, match="pemberi kerja yang sama"):
        services.assign_assessor(actor=officer, application=application, assessor=conflicted)
    assessor = assessor_for(setting["lsp"])
    assessment = services.assign_assessor(actor=officer, application=application)
    assert assessment.assessor == assessor and assessment.units.count() == 3
    record_all(assessment)
    services.record_recommendation(actor=assessor.user, assessment=assessment, recommendation="competent")
    with django_capture_on_commit_callbacks(execute=True):
        certificate = services.decide(actor=officer, application=application, competent=True)
    application.refresh_from_db()
    certificate.refresh_from_db()
    assert application.status == S.COMPETENT
    assert certificate.number == f"{setting['lsp'].code.upper()}.PSG.{timezone.localdate().year}.00001"
    assert certificate.valid_until == certificate.issued_on.replace(year=certificate.issued_on.year + 3) - datetime.timedelta(
        days=1
    )
    assert Certificate.objects.valid_for(person).get() == certificate
    assert certificate.credential.kind == Credential.Kind.CERTIFICATE and certificate.credential.status == "valid"
    assert certificate.pdf.name and certificate.pdf.read(4) == b"%PDF"
    assert person.user.notifications.count() == 4  # received, accepted, scheduled, competent
    assert any(certificate.number in m.body for m in mailoutbox)


def test_one_year_of_practice_is_judged_ineligible_with_the_reason_stored(setting):
    application = submitted(setting, years=1)
    assert application.eligibility["eligible"] is False
    failed = [c for c in application.eligibility["criteria"] if not c["met"]]
    assert [c["code"] for c in failed] == ["jam-praktik"]
    with pytest.raises(DomainError, match="900"):
        services.accept_application(actor=setting["officer"], application=application)
    services.reject_as_ineligible(actor=setting["officer"], application=application)
    application.refresh_from_db()
    assert application.status == S.INELIGIBLE
    assert application.failed_criteria[0]["code"] == "jam-praktik"


def test_applying_twice_for_the_same_scheme_while_one_is_open_is_refused(setting):
    person = candidate()
    services.start_application(actor=person.user, scheme=setting["scheme"])
    with pytest.raises(DomainError, match="permohonan yang masih terbuka"):
        services.start_application(actor=person.user, scheme=setting["scheme"])
    assert CertificationApplication.objects.filter(person=person).count() == 1


def test_someone_who_is_not_a_registered_member_cannot_apply(setting):
    from registry.tests.factories import PersonFactory

    person = PersonFactory()
    with pytest.raises(DomainError, match="anggota IPSPI"):
        services.start_application(actor=person.user, scheme=setting["scheme"])
    assert not CertificationApplication.objects.exists()


def test_submitting_without_the_required_documents_is_refused_and_nothing_changes(setting):
    person = candidate()
    application = services.start_application(actor=person.user, scheme=setting["scheme"])
    services.add_evidence(actor=person.user, application=application, kind=DocumentKind.WORK_LETTER, file=pdf_upload())
    with pytest.raises(DomainError, match="dokumen persyaratan"):
        services.submit_application(actor=person.user, application=application)
    application.refresh_from_db()
    assert application.status == S.DRAFT and application.rule_set is None


def test_submitting_when_no_rule_set_is_in_force_any_more_is_refused(setting):
    person = candidate()
    application = services.start_application(actor=person.user, scheme=setting["scheme"])
    attach_all(application, person.user)
    EligibilityRuleSet.objects.filter(purpose="certification").update(valid_until=datetime.date(2020, 1, 1))
    with pytest.raises(DomainError, match="Tidak ada aturan persyaratan"):
        services.submit_application(actor=person.user, application=application)
    application.refresh_from_db()
    assert application.status == S.DRAFT


def test_an_assessor_cannot_record_results_for_someone_not_assigned_to_them(setting):
    application = submitted(setting)
    officer = setting["officer"]
    services.accept_application(actor=officer, application=application)
    services.schedule_application(actor=officer, application=application, event=setting["event"])
    assigned = assessor_for(setting["lsp"])
    assessment = services.assign_assessor(actor=officer, application=application, assessor=assigned)
    other = assessor_for(setting["lsp"])
    with pytest.raises(NotAllowed):
        services.record_unit_result(actor=other.user, assessment=assessment, unit=assessment.units.first(), result="K")
    assert not UnitResult.objects.exists()


def test_a_decision_without_all_unit_results_is_refused(setting):
    application = submitted(setting)
    officer = setting["officer"]
    services.accept_application(actor=officer, application=application)
    services.schedule_application(actor=officer, application=application, event=setting["event"])
    assessment = services.assign_assessor(actor=officer, application=application, assessor=assessor_for(setting["lsp"]))
    unit = assessment.units.first()
    services.record_unit_result(actor=assessment.assessor.user, assessment=assessment, unit=unit, result="K")
    with pytest.raises(DomainError, match="setiap unit"):
        services.record_recommendation(actor=assessment.assessor.user, assessment=assessment, recommendation="competent")
    # Even if the application were marked assessed, the LSP cannot decide without every unit.
    CertificationApplication.objects.filter(pk=application.pk).update(status=S.ASSESSED)
    application.refresh_from_db()
    with pytest.raises(DomainError, match="Belum semua unit kompetensi"):
        services.decide(actor=officer, application=application, competent=True)
    assert not Certificate.objects.filter(application=application).exists()


def test_conflicts_of_interest_refuse_the_candidate_themself_and_a_declared_relative(setting):
    application = submitted(setting)
    officer = setting["officer"]
    services.accept_application(actor=officer, application=application)
    services.schedule_application(actor=officer, application=application, event=setting["event"])
    relative = assessor_for(setting["lsp"])
    relative.declared_relatives.add(application.person)
    with pytest.raises(DomainError, match="kerabat"):
        services.assign_assessor(actor=officer, application=application, assessor=relative)
    uncertified = assessor_for(setting["lsp"], with_certificate=False)
    with pytest.raises(DomainError, match="tidak memiliki sertifikat"):
        services.assign_assessor(actor=officer, application=application, assessor=uncertified)
    assert not Assessment.objects.exists()


def test_automatic_assignment_balances_the_workload(setting):
    officer = setting["officer"]
    busy, idle = assessor_for(setting["lsp"]), assessor_for(setting["lsp"])
    picks = []
    for _ in range(4):
        application = submitted(setting)
        services.accept_application(actor=officer, application=application)
        services.schedule_application(actor=officer, application=application, event=setting["event"])
        picks.append(services.assign_assessor(actor=officer, application=application).assessor)
    assert picks.count(busy) == 2 and picks.count(idle) == 2


def test_not_yet_competent_candidates_are_reassessed_only_on_failed_units_and_can_appeal(setting):
    application = submitted(setting)
    officer = setting["officer"]
    services.accept_application(actor=officer, application=application)
    services.schedule_application(actor=officer, application=application, event=setting["event"])
    first = services.assign_assessor(actor=officer, application=application, assessor=assessor_for(setting["lsp"]))
    units = list(first.units.all())
    for unit, result in zip(units, ["K", "K", "BK"], strict=True):
        services.record_unit_result(actor=first.assessor.user, assessment=first, unit=unit, result=result)
    with pytest.raises(DomainError, match="Belum Kompeten"):
        services.record_recommendation(actor=first.assessor.user, assessment=first, recommendation="competent")
    services.record_recommendation(actor=first.assessor.user, assessment=first, recommendation="not_yet_competent")
    application.refresh_from_db()
    with pytest.raises(DomainError, match="Belum Kompeten"):
        services.decide(actor=officer, application=application, competent=True)
    services.decide(actor=officer, application=application, competent=False)
    application.refresh_from_db()
    assert application.status == S.NOT_YET_COMPETENT

    appeal = services.lodge_appeal(
        actor=application.person.user, application=application, grounds="Unit 3 dinilai tanpa observasi."
    )
    with pytest.raises(DomainError, match="tidak dapat memutus banding"):
        from accounts.roles import Role
        from accounts.tests.factories import grant

        grant(first.assessor.user, Role.LSP_OFFICER, organisation=setting["lsp"])
        services.decide_appeal(actor=first.assessor.user, appeal=appeal, uphold=True, notes="x")
    services.decide_appeal(actor=officer, appeal=appeal, uphold=False, notes="Penilaian sesuai prosedur.")
    assert Appeal.objects.get().status == Appeal.Status.DISMISSED

    services.schedule_application(actor=officer, application=application, event=setting["event"])
    second = services.assign_assessor(actor=officer, application=application)
    assert second.attempt == 2
    assert list(second.units.all()) == [units[2]]
    services.record_unit_result(actor=second.assessor.user, assessment=second, unit=units[2], result="K")
    services.record_recommendation(actor=second.assessor.user, assessment=second, recommendation="competent")
    application.refresh_from_db()
    assert services.decide(actor=officer, application=application, competent=True).number


def test_another_lsps_officer_cannot_act_on_an_application(setting):
    application = submitted(setting)
    stranger = lsp_officer(SchemeFactory().lsp)
    for call in (
        lambda: services.accept_application(actor=stranger, application=application),
        lambda: services.return_application(actor=stranger, application=application, reason="x"),
        lambda: services.reject_as_ineligible(actor=stranger, application=application, reason="x"),
    ):
        with pytest.raises(NotAllowed):
            call()
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def issued_certificate(setting):
    application = submitted(setting)
    officer = setting["officer"]
    services.accept_application(actor=officer, application=application)
    services.schedule_application(actor=officer, application=application, event=setting["event"])
    assessment = services.assign_assessor(actor=officer, application=application, assessor=assessor_for(setting["lsp"]))
    record_all(assessment)
    services.record_recommendation(actor=assessment.assessor.user, assessment=assessment, recommendation="competent")
    application.refresh_from_db()
    return services.decide(actor=officer, application=application, competent=True)


def test_certificate_status_changes_carry_reasons_history_and_the_credential(setting):
    certificate = issued_certificate(setting)
    officer = setting["officer"]
    with pytest.raises(DomainError):
        services.change_certificate_status(actor=officer, certificate=certificate, action="suspend", reason=" ")
    services.change_certificate_status(
        actor=officer,
        certificate=certificate,
        action="suspend",
        reason="Pelanggaran kode etik dalam pemeriksaan",
        category="suspended_temporarily",
    )
    certificate.refresh_from_db()
    assert certificate.status == "suspended" and certificate.credential.status == "suspended"
    assert not Certificate.objects.valid_for(certificate.person).exists()
    services.change_certificate_status(actor=officer, certificate=certificate, action="reinstate", reason="Pemeriksaan selesai")
    services.change_certificate_status(
        actor=officer, certificate=certificate, action="revoke", reason="Putusan Dewan Kode Etik", category="ethics_council"
    )
    certificate.refresh_from_db()
    assert certificate.status == "revoked" and certificate.credential.status == "revoked"
    assert certificate.history.count() >= 4
    with pytest.raises(DomainError):
        services.change_certificate_status(actor=officer, certificate=certificate, action="reinstate", reason="x")


def test_certificates_expire_and_were_valid_on_earlier_dates(setting):
    certificate = issued_certificate(setting)
    later = certificate.valid_until + datetime.timedelta(days=1)
    assert Certificate.objects.valid_for(certificate.person, on=certificate.valid_until).exists()
    assert services.expire_certificates(today=later) == 1
    assert services.expire_certificates(today=later) == 0
    certificate.refresh_from_db()
    assert certificate.status == "expired" and certificate.credential.status == "expired"


def test_renewal_opens_before_expiry_and_issues_a_new_number(setting, monkeypatch):
    certificate = issued_certificate(setting)
    officer = setting["officer"]
    with pytest.raises(DomainError, match="Perpanjangan dibuka"):
        services.renew_certificate(actor=officer, certificate=certificate)
    in_window = certificate.valid_until - datetime.timedelta(days=30)
    monkeypatch.setattr(services, "register_day", lambda: in_window)  # the clock reaches the window
    ready_to_renew(certificate)  # its renewal checklist is complete (certification/tests/test_certificate_renewal_checklist.py)
    renewal = services.renew_certificate(actor=officer, certificate=certificate, today=in_window)
    assert renewal.number != certificate.number and renewal.renewed_from == certificate
    assert renewal.issued_on == certificate.valid_until + datetime.timedelta(days=1)
    with pytest.raises(DomainError, match="sudah diperpanjang"):
        services.renew_certificate(actor=officer, certificate=certificate, today=in_window)


def test_an_event_refuses_more_candidates_than_its_capacity(setting):
    officer = setting["officer"]
    small = event_for(setting["lsp"], capacity=1)
    first, second = submitted(setting), submitted(setting)
    for application in (first, second):
        services.accept_application(actor=officer, application=application)
    services.schedule_application(actor=officer, application=first, event=small)
    with pytest.raises(DomainError, match="penuh"):
        services.schedule_application(actor=officer, application=second, event=small)


def test_a_person_can_download_what_certification_holds_about_them(setting):
    application = submitted(setting)
    data = services.export_for_user(application.person.user)
    assert data["applications"][0]["scheme"] == setting["scheme"].code
    assert data["applications"][0]["rule_set"]
    assert services.export_for_user(candidate().user) is None


def test_an_upheld_appeal_leads_to_reassessment_of_every_unit_by_another_assessor(setting):
    application = submitted(setting)
    officer = setting["officer"]
    services.accept_application(actor=officer, application=application)
    services.schedule_application(actor=officer, application=application, event=setting["event"])
    first_assessor = assessor_for(setting["lsp"])
    first = services.assign_assessor(actor=officer, application=application, assessor=first_assessor)
    record_all(first, result="BK")
    services.record_recommendation(actor=first_assessor.user, assessment=first, recommendation="not_yet_competent")
    application.refresh_from_db()
    services.decide(actor=officer, application=application, competent=False)
    appeal = services.lodge_appeal(actor=application.person.user, application=application, grounds="Penguji tidak netral.")
    with pytest.raises(DomainError, match="banding"):
        services.schedule_application(actor=officer, application=application, event=setting["event"])
    services.decide_appeal(actor=officer, appeal=appeal, uphold=True, notes="Diuji ulang oleh asesor lain.")
    services.schedule_application(actor=officer, application=application, event=setting["event"])
    with pytest.raises(DomainError, match="dibanding"):
        services.assign_assessor(actor=officer, application=application, assessor=first_assessor)
    second_assessor = assessor_for(setting["lsp"])
    second = services.assign_assessor(actor=officer, application=application)
    assert second.assessor == second_assessor and second.units.count() == 3


def test_a_revoked_certificate_was_still_valid_on_dates_before_the_revocation(setting):
    application = submitted(setting)
    officer = setting["officer"]
    services.accept_application(actor=officer, application=application)
    services.schedule_application(actor=officer, application=application, event=setting["event"])
    assessment = services.assign_assessor(actor=officer, application=application, assessor=assessor_for(setting["lsp"]))
    record_all(assessment)
    services.record_recommendation(actor=assessment.assessor.user, assessment=assessment, recommendation="competent")
    application.refresh_from_db()
    month_ago = timezone.localdate() - datetime.timedelta(days=30)
    # The examination took place a month ago (a decision cannot precede it).
    AssessmentEvent.objects.filter(pk=setting["event"].pk).update(held_on=month_ago)
    certificate = services.decide(actor=officer, application=application, competent=True, today=month_ago)
    services.change_certificate_status(
        actor=officer, certificate=certificate, action="revoke", reason="Putusan Dewan Kode Etik", category="ethics_council"
    )
    certificate.refresh_from_db()
    assert not Certificate.objects.valid_for(certificate.person).exists()
    assert not certificate.was_valid_on(timezone.localdate())
    assert certificate.was_valid_on(month_ago + datetime.timedelta(days=1))
    assert Certificate.objects.valid_for(certificate.person, on=month_ago + datetime.timedelta(days=1)).get() == certificate
    assert not certificate.was_valid_on(month_ago - datetime.timedelta(days=1))


def test_a_returned_application_is_corrected_and_submitted_again_and_can_be_withdrawn(setting):
    application = submitted(setting)
    officer = setting["officer"]
    with pytest.raises(DomainError, match="perbaiki"):
        services.return_application(actor=officer, application=application, reason="  ")
    services.return_application(actor=officer, application=application, reason="Surat rekomendasi belum ditandatangani.")
    application.refresh_from_db()
    assert application.status == S.RETURNED and "rekomendasi" in application.reason
    user = application.person.user
    assert "dikembalikan" in user.notifications.latest("pk").body
    services.add_evidence(
        actor=user, application=application, kind=DocumentKind.RECOMMENDATION, file=pdf_upload(), title="ditandatangani"
    )
    services.submit_application(actor=user, application=application)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED and application.reason == ""
    services.withdraw_application(actor=user, application=application)
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN
    # withdrawn is not open: the member may apply again for the same scheme
    assert services.start_application(actor=user, scheme=setting["scheme"]).status == S.DRAFT


def test_someone_else_cannot_touch_a_members_application(setting):
    application = submitted(setting)
    intruder = candidate().user
    with pytest.raises(NotAllowed):
        services.add_evidence(actor=intruder, application=application, kind=DocumentKind.OTHER, file=pdf_upload())
    with pytest.raises(NotAllowed):
        services.withdraw_application(actor=intruder, application=application)
    assert application.evidence.count() == 3


def test_an_upload_that_is_not_a_real_document_is_refused(setting):
    from django.core.files.uploadedfile import SimpleUploadedFile

    person = candidate()
    application = services.start_application(actor=person.user, scheme=setting["scheme"])
    fake = SimpleUploadedFile("surat.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    with pytest.raises(DomainError, match="PDF"):
        services.add_evidence(actor=person.user, application=application, kind=DocumentKind.WORK_LETTER, file=fake)
    assert not application.evidence.exists()


def test_the_lsps_officers_hear_of_a_new_application_and_other_lsps_do_not(setting):
    stranger = lsp_officer(SchemeFactory().lsp)
    application = submitted(setting)
    assert setting["officer"].notifications.filter(body__contains=application.person.full_name).exists()
    assert not stranger.notifications.exists()


def test_someone_holding_a_valid_certificate_for_the_scheme_is_sent_to_renewal_instead(setting):
    certificate = issued_certificate(setting)
    with pytest.raises(DomainError, match="perpanjang"):
        services.start_application(actor=certificate.person.user, scheme=setting["scheme"])


def test_the_credential_carries_public_fields_only(setting):
    certificate = issued_certificate(setting)
    claims = certificate.credential.claims
    assert claims["province"] == "Jawa Barat" and claims["certifier"] == setting["lsp"].name
    assert certificate.person.nik not in str(claims) and "birth" not in str(claims)
