import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from accreditation import services
from accreditation.models import Accreditation, AccreditationApplication, Indicator, Recommendation, Score
from accreditation.tests.factories import assessor, pdf, uniform_scores
from core.errors import DomainError
from credentials.models import Credential


def submitted(world):
    application = services.start_application(actor=world["operator"], lks=world["lks"])
    application.request_letter = pdf()
    application.evidence = pdf()
    application.save()
    indicators = Indicator.objects.filter(standard__instrument=services.instrument_on(timezone.localdate()))
    return services.submit_application(
        actor=world["operator"],
        application=application,
        version=application.version,
        self_assessment={str(i.pk): 3 for i in indicators},
    )


def scored(world, a1_value=3, a2_value=3):
    application = submitted(world)
    services.recommend(actor=world["dinsos"], application=application, version=application.version, note="Layak direkomendasikan")
    services.accept(actor=world["balks"], application=application, version=application.version)
    services.assign_assessors(
        actor=world["balks"], application=application, version=application.version, assessors=[world["a1"], world["a2"]]
    )
    for phase in (Score.Phase.DESK, Score.Phase.VISIT):
        for key, value in (("a1", a1_value), ("a2", a2_value)):
            services.record_scores(
                actor=world[key].user, application=application, phase=phase, values=uniform_scores(application, value)
            )
    application.refresh_from_db()
    return application


def test_an_lks_goes_from_request_to_grade_b_valid_three_years_with_recommendations(world):
    application = scored(world)  # 3 of 4 on every indicator: 75.00, grade B
    assert application.status == AccreditationApplication.Status.SCORED
    assert application.total_score == Decimal("75.00")
    services.validate_result(actor=world["balks"], application=application, version=application.version)
    batch = services.send_to_minister(actor=world["balks"], applications=[application])
    [accreditation] = services.determine(
        actor=world["ministry"], batch=batch, decree_number="123/HUK/2026", decree_date=datetime.date(2026, 11, 1)
    )
    assert accreditation.grade == "B"
    assert accreditation.valid_until == datetime.date(2029, 10, 31)
    assert accreditation.certificate_number.startswith("BALKS/B/2026/")
    assert accreditation.credential.kind == Credential.Kind.ACCREDITATION
    assert accreditation.credential.current_status() == "valid"
    recommendations = Recommendation.objects.filter(application=application)
    assert {r.addressee for r in recommendations} == {"lks", "pemda", "kemensos"}
    assert all(r.sent_at for r in recommendations)


@pytest.mark.parametrize("value, grade", [(4, "A"), (3, "B"), (2, "TT")])
def test_grade_bands_come_from_the_instrument(world, value, grade):
    application = scored(world, value, value)
    services.validate_result(actor=world["balks"], application=application, version=application.version)
    batch = services.send_to_minister(actor=world["balks"], applications=[application])
    [accreditation] = services.determine(
        actor=world["ministry"], batch=batch, decree_number="1/2026", decree_date=datetime.date(2026, 11, 1)
    )
    assert accreditation.grade == grade
    assert (accreditation.credential is None) == (grade == "TT")


def test_the_band_boundary_is_inclusive(world):
    application = scored(world)
    instrument = application.instrument
    assert instrument.grade_for(Decimal("71.00")).grade == "B"
    assert instrument.grade_for(Decimal("70.99")).grade == "C"
    assert instrument.grade_for(Decimal("86.00")).grade == "A"
    assert instrument.grade_for(Decimal("55.99")).grade == "TT"


def test_an_assessor_from_the_same_regency_is_refused(world):
    application = submitted(world)
    services.recommend(actor=world["dinsos"], application=application, version=application.version, note="ok")
    services.accept(actor=world["balks"], application=application, version=application.version)
    local = assessor("Asesor Lokal", regency_code="32.73")
    with pytest.raises(DomainError, match="Asesor Lokal"):
        services.assign_assessors(
            actor=world["balks"], application=application, version=application.version, assessors=[world["a1"], local]
        )
    application.refresh_from_db()
    assert application.status == AccreditationApplication.Status.ACCEPTED
    assert not application.assignments.exists()
    assert local not in services.propose_assessors(application)


def test_an_assessor_working_for_the_lks_is_refused(world):
    application = submitted(world)
    services.recommend(actor=world["dinsos"], application=application, version=application.version, note="ok")
    services.accept(actor=world["balks"], application=application, version=application.version)
    insider = assessor("Asesor Orang Dalam", regency_code="35.78")
    insider.affiliated_lks.add(world["lks"])
    with pytest.raises(DomainError):
        services.assign_assessors(
            actor=world["balks"], application=application, version=application.version, assessors=[world["a1"], insider]
        )


def test_one_assessor_is_not_enough(world):
    application = submitted(world)
    services.recommend(actor=world["dinsos"], application=application, version=application.version, note="ok")
    services.accept(actor=world["balks"], application=application, version=application.version)
    with pytest.raises(DomainError):
        services.assign_assessors(
            actor=world["balks"], application=application, version=application.version, assessors=[world["a1"]]
        )


def test_an_unassigned_assessor_cannot_score(world):
    application = scored(world)
    outsider = assessor("Asesor Lain", regency_code="35.78")
    with pytest.raises(DomainError):
        services.record_scores(actor=outsider.user, application=application, phase="visit", values=uniform_scores(application, 4))


def test_scores_outside_the_scale_are_refused_and_nothing_is_saved(world):
    application = submitted(world)
    services.recommend(actor=world["dinsos"], application=application, version=application.version, note="ok")
    services.accept(actor=world["balks"], application=application, version=application.version)
    services.assign_assessors(
        actor=world["balks"], application=application, version=application.version, assessors=[world["a1"], world["a2"]]
    )
    values = uniform_scores(application, 3)
    values[next(iter(values))] = 9
    with pytest.raises(DomainError):
        services.record_scores(actor=world["a1"].user, application=application, phase="desk", values=values)
    assert not Score.objects.exists()


def test_validation_needs_all_scores(world):
    application = submitted(world)
    services.recommend(actor=world["dinsos"], application=application, version=application.version, note="ok")
    with pytest.raises(DomainError):
        services.validate_result(actor=world["balks"], application=application, version=application.version)


def test_disagreeing_assessors_are_flagged_and_validation_needs_a_reconciliation_note(world):
    application = scored(world, 4, 1)
    assert application.flagged_indicators
    with pytest.raises(DomainError):
        services.validate_result(actor=world["balks"], application=application, version=application.version)
    services.validate_result(
        actor=world["balks"], application=application, version=application.version, note="Dibahas bersama; skor rata-rata dipakai"
    )


def test_determination_needs_a_decree_number(world):
    application = scored(world)
    services.validate_result(actor=world["balks"], application=application, version=application.version)
    batch = services.send_to_minister(actor=world["balks"], applications=[application])
    with pytest.raises(DomainError):
        services.determine(actor=world["ministry"], batch=batch, decree_number=" ", decree_date=datetime.date(2026, 11, 1))
    assert not Accreditation.objects.exists()


def test_a_dinsos_officer_of_another_regency_cannot_act(world):
    application = submitted(world)
    with pytest.raises(DomainError):
        services.recommend(actor=world["dinsos_kab"], application=application, version=application.version, note="ok")
    application.refresh_from_db()
    assert application.status == AccreditationApplication.Status.SUBMITTED


def test_a_stale_form_is_refused(world):
    application = submitted(world)
    stale = application.version - 1
    with pytest.raises(DomainError):
        services.recommend(actor=world["dinsos"], application=application, version=stale, note="ok")


def test_the_instrument_in_force_on_submission_is_recorded(world):
    application = submitted(world)
    assert "8 Tahun 2025" in application.instrument.source
    assert services.instrument_on(datetime.date(2020, 1, 1)).version == "2012.1"


def test_expiry_runs_twice_without_harm(world):
    application = scored(world)
    services.validate_result(actor=world["balks"], application=application, version=application.version)
    batch = services.send_to_minister(actor=world["balks"], applications=[application])
    [accreditation] = services.determine(
        actor=world["ministry"], batch=batch, decree_number="1/2026", decree_date=datetime.date(2026, 11, 1)
    )
    later = datetime.date(2030, 1, 1)
    assert services.expire_accreditations(today=later) == 1
    assert services.expire_accreditations(today=later) == 0
    accreditation.refresh_from_db()
    assert accreditation.status == "expired" and accreditation.credential.status == "expired"


def test_board_members_must_meet_permensos_8_2025(world):
    from accreditation.models import BoardPeriod

    period = BoardPeriod.objects.create(name="2025–2030", decree="Kepmensos 1/2025", starts_on=datetime.date(2025, 8, 1))
    with pytest.raises(DomainError):
        services.add_board_member(
            actor=world["balks"],
            period=period,
            name="A",
            position="Anggota",
            education="S1",
            birth_date=datetime.date(1970, 1, 1),
            appointed_on=datetime.date(2025, 8, 1),
        )
    with pytest.raises(DomainError):
        services.add_board_member(
            actor=world["balks"],
            period=period,
            name="B",
            position="Anggota",
            education="S2",
            birth_date=datetime.date(1955, 1, 1),
            appointed_on=datetime.date(2025, 8, 1),
        )
    member = services.add_board_member(
        actor=world["balks"],
        period=period,
        name="C",
        position="Ketua",
        education="S3",
        birth_date=datetime.date(1965, 1, 1),
        appointed_on=datetime.date(2025, 8, 1),
        citizen=True,
        healthy=True,
        good_conduct=True,
        drug_free=True,
    )
    assert member.pk


def test_a_step_out_of_order_is_a_clear_refusal_not_a_crash(world):
    application = submitted(world)
    with pytest.raises(DomainError, match="tidak dapat|not possible"):
        services.accept(actor=world["balks"], application=application, version=application.version)
    application.refresh_from_db()
    assert application.status == AccreditationApplication.Status.SUBMITTED
