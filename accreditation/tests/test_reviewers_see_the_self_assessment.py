"""The Dinas Sosial, BALKS and the Minister read what the LKS said of itself (Formulir A), with
the grade it would earn, and the grade the assessors' total earns, on the application's page."""

from django.urls import reverse

from accounts.tests.factories import sign_in_with_second_factor
from accreditation import services
from accreditation.tests.test_accreditation_journey import scored, submitted


def _page(client, user, application):
    sign_in_with_second_factor(client, user)
    response = client.get(reverse("accreditation:application", args=[application.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_dinas_sosial_reads_the_self_assessment_and_the_grade_it_would_earn(client, world):
    application = submitted(world)  # 3 of 4 on every indicator
    page = _page(client, world["dinsos"], application)
    assert "Penilaian mandiri oleh LKS (Formulir A)" in page and "75,00" in page
    assert "peringkat yang akan dicapai:" in page
    summary = services.self_assessment_of(application)
    assert summary.total == 75 and summary.grade.grade == "B" and len(summary.rows) == len(application.self_assessment)


def test_the_minister_reads_the_self_assessment_beside_the_proposed_grade(client, world):
    application = scored(world, a1_value=2, a2_value=2)  # assessors: 50.00, the LKS said 75.00
    services.validate_result(actor=world["balks"], application=application, version=application.version)
    services.send_to_minister(actor=world["balks"], applications=[application])
    page = _page(client, world["ministry"], application)
    assert "Penilaian mandiri oleh LKS (Formulir A)" in page and "75,00" in page and "50,00" in page
    proposed = application.instrument.grade_for(application.total_score)
    assert f'data-proposed-grade="{proposed.grade}"' in page


def test_another_regencys_dinas_sosial_cannot_open_the_application(client, world):
    application = submitted(world)
    sign_in_with_second_factor(client, world["dinsos_kab"])
    assert client.get(reverse("accreditation:application", args=[application.pk])).status_code == 404


def test_a_draft_self_assessment_is_not_shown_as_submitted(world):
    application = services.start_application(actor=world["operator"], lks=world["lks"])
    assert services.self_assessment_of(application) is None
