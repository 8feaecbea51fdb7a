from accreditation import services
from accreditation.models import Indicator, Recommendation, Score

from .factories import all_indicators
from .test_accreditation_journey import scored, submitted


def scored_by_indicator(world, value_of):
    application = submitted(world)
    services.recommend(actor=world["dinsos"], application=application, version=application.version, note="Layak")
    services.accept(actor=world["balks"], application=application, version=application.version)
    services.assign_assessors(
        actor=world["balks"], application=application, version=application.version, assessors=[world["a1"], world["a2"]]
    )
    values = {i.pk: value_of(i) for i in all_indicators(application)}
    for phase in (Score.Phase.DESK, Score.Phase.VISIT):
        for key in ("a1", "a2"):
            services.record_scores(actor=world[key].user, application=application, phase=phase, values=values)
    application.refresh_from_db()
    return application


def test_recommendations_name_the_indicators_scored_low_and_the_evidence_that_would_raise_them(world):
    application = scored_by_indicator(world, lambda i: 2 if i.code == "5.1" else 4)
    services.generate_recommendations(application)
    [to_lks] = Recommendation.objects.filter(application=application, addressee="lks", standard_code="5")
    assert "5.1" in to_lks.text and "Bangunan dan ruang pelayanan" in to_lks.text
    assert "2,0" in to_lks.text and "Observasi, foto" in to_lks.text
    assert "5.2" not in to_lks.text  # scored at the top of the scale: nothing to raise


def test_recommendations_read_differently_at_87_5_and_at_60(world):
    application = scored(world, a1_value=4, a2_value=3)  # 87.5
    services.generate_recommendations(application)
    high_texts = set(Recommendation.objects.filter(application=application).values_list("text", flat=True))
    Score.objects.filter(application=application, phase=Score.Phase.VISIT).update(value=2)  # as at 60
    services.generate_recommendations(application)
    low_texts = set(Recommendation.objects.filter(application=application).values_list("text", flat=True))
    assert high_texts and low_texts and not (high_texts & low_texts)
    assert all("3,5 dari 4" in t for t in high_texts) and all("2,0 dari 4" in t for t in low_texts)


def test_a_standard_with_every_indicator_at_the_top_gets_no_recommendation(world):
    application = scored(world, a1_value=4, a2_value=4)
    services.generate_recommendations(application)
    assert not Recommendation.objects.filter(application=application).exists()
    assert Indicator.objects.exists()
