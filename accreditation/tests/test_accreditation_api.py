from accounts.tests.factories import sign_in_with_second_factor
from accreditation import services
from accreditation.models import AccreditationApplication, Indicator, Score
from accreditation.tests.factories import LKSFactory
from accreditation.tests.test_accreditation_journey import scored, submitted
from regions.models import Regency

API = "/api/v1/accreditation"


def codes(application, value):
    return {i.code: value for i in Indicator.objects.filter(standard__instrument=application.instrument)}


def test_each_officer_lists_only_the_lks_in_their_scope(client, world, django_assert_max_num_queries):
    elsewhere = LKSFactory(name="LKS Kabupaten", regency=Regency.objects.get(code="32.04"))
    for n in range(5):
        LKSFactory(name=f"LKS Kota {n}")
    sign_in_with_second_factor(client, world["dinsos"])
    with django_assert_max_num_queries(12):
        names = {item["name"] for item in client.get(f"{API}/lks?limit=100").json()}
    assert "LKS Anak Harapan Bangsa" in names and elsewhere.name not in names
    sign_in_with_second_factor(client, world["operator"])
    assert [item["name"] for item in client.get(f"{API}/lks").json()] == ["LKS Anak Harapan Bangsa"]
    assert client.get(f"{API}/lks/{elsewhere.pk}").status_code == 404
    sign_in_with_second_factor(client, world["balks"])
    assert {item["name"] for item in client.get(f"{API}/lks?q=kabupaten").json()} == {elsewhere.name}


def test_an_assigned_assessor_scores_through_the_api_and_bad_scores_change_nothing(client, world):
    application = submitted(world)
    services.recommend(actor=world["dinsos"], application=application, version=application.version, note="Layak")
    services.accept(actor=world["balks"], application=application, version=application.version)
    services.assign_assessors(
        actor=world["balks"], application=application, version=application.version, assessors=[world["a1"], world["a2"]]
    )
    url = f"{API}/applications/{application.pk}/scores"

    sign_in_with_second_factor(client, world["a1"].user)
    assert [a["id"] for a in client.get(f"{API}/applications").json()] == [application.pk]
    too_high = client.post(url, {"phase": "desk", "values": codes(application, 9)}, content_type="application/json")
    assert too_high.status_code == 422 and "1" in too_high.json()["detail"]
    unknown = client.post(url, {"phase": "desk", "values": {"99.9": 3}}, content_type="application/json")
    assert unknown.status_code == 422 and "99.9" in unknown.json()["detail"]
    assert not Score.objects.filter(application=application).exists()

    done = client.post(url, {"phase": "desk", "values": codes(application, 3)}, content_type="application/json")
    assert done.status_code == 200 and done.json()["recorded"] == len(codes(application, 3))
    sign_in_with_second_factor(client, world["a2"].user)
    assert (
        client.post(url, {"phase": "desk", "values": codes(application, 3)}, content_type="application/json").json()["status"]
        == "desk_reviewed"
    )

    sign_in_with_second_factor(client, world["operator"])
    assert (
        client.post(url, {"phase": "visit", "values": codes(application, 4)}, content_type="application/json").status_code == 403
    )


def test_the_ministry_determines_a_batch_through_the_api(client, world):
    application = scored(world)
    services.validate_result(actor=world["balks"], application=application, version=application.version)
    batch = services.send_to_minister(actor=world["balks"], applications=[application])
    url = f"{API}/batches/{batch.pk}/decision"
    sign_in_with_second_factor(client, world["balks"])
    assert (
        client.post(
            url, {"decree_number": "1/HUK/2026", "decree_date": "2026-11-01"}, content_type="application/json"
        ).status_code
        == 403
    )
    sign_in_with_second_factor(client, world["ministry"])
    refused = client.post(url, {"decree_number": " ", "decree_date": "2026-11-01"}, content_type="application/json")
    assert refused.status_code == 422
    application.refresh_from_db()
    assert application.status == AccreditationApplication.Status.SUBMITTED_TO_MINISTER
    [result] = client.post(
        url, {"decree_number": "123/HUK/2026", "decree_date": "2026-11-01"}, content_type="application/json"
    ).json()
    assert (
        result["grade"] == "B"
        and result["valid_until"] == "2029-10-31"
        and result["certificate_number"].startswith("BALKS/B/2026/")
    )
    sign_in_with_second_factor(client, world["operator"])
    assert client.get(f"{API}/lks/{world['lks'].pk}").json()["accreditation"]["grade"] == "B"
