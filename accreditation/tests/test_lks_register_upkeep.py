import pytest

from accounts.tests.factories import sign_in_with_second_factor
from accreditation import services
from accreditation.models import LKS, TargetGroup
from accreditation.tests.factories import LKSFactory
from core.errors import DomainError, NotAllowed
from regions.models import Regency


def _form(**overrides):
    data = {
        "name": "LKS Kasih Ibu",
        "ahu_number": "AHU-0001234.AH.01.04.2015",
        "legal_entity": "Yayasan Kasih Ibu",
        "owner_type": "masyarakat",
        "address": "Jl. Merdeka 10",
        "regency": Regency.objects.get(code="32.73").pk,
        "services": "Pengasuhan anak",
        "capacity": "30",
        "target_groups": [TargetGroup.objects.get(code="anak").pk],
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_a_dinas_sosial_officer_enters_an_lks_of_their_regency_with_its_history(client, world):
    sign_in_with_second_factor(client, world["dinsos"])

    response = client.post("/akreditasi/lembaga/baru/", _form())

    lks = LKS.objects.get(name="LKS Kasih Ibu")
    assert response.status_code == 302 and response["Location"] == f"/akreditasi/lembaga/{lks.pk}/"
    assert lks.ahu_number == "AHU-0001234.AH.01.04.2015" and lks.province.code == "32"
    assert list(lks.target_groups.values_list("code", flat=True)) == ["anak"]
    entry = lks.history.first()
    assert entry.history_user == world["dinsos"] and entry.history_change_reason == "entered in the register"


@pytest.mark.django_db
def test_an_lks_in_a_regency_outside_the_officers_scope_is_refused(world):
    with pytest.raises(NotAllowed):
        services.register_lks(
            actor=world["dinsos"], data={"name": "LKS Luar", "ahu_number": "AHU-9", "regency": Regency.objects.get(code="32.04")}
        )
    assert not LKS.objects.filter(name="LKS Luar").exists()


@pytest.mark.django_db
def test_the_regency_list_offers_only_the_officers_regencies(client, world):
    sign_in_with_second_factor(client, world["dinsos"])

    form = client.get("/akreditasi/lembaga/baru/").context["form"]

    assert [r.code for r in form.fields["regency"].queryset] == ["32.73"]


@pytest.mark.django_db
def test_an_ahu_number_already_in_the_register_is_refused_and_nothing_is_saved(client, world):
    world["lks"].ahu_number = "AHU-0001234.AH.01.04.2015"
    world["lks"].save()
    sign_in_with_second_factor(client, world["dinsos"])

    response = client.post("/akreditasi/lembaga/baru/", _form(ahu_number=" ahu-0001234.ah.01.04.2015 "))

    assert response.status_code == 200
    assert response.context["form"].errors["ahu_number"]
    assert not LKS.objects.filter(name="LKS Kasih Ibu").exists()


@pytest.mark.django_db
def test_a_community_lks_needs_an_ahu_number_but_a_government_one_does_not(world):
    regency = Regency.objects.get(code="32.73")
    with pytest.raises(DomainError) as refused:
        services.register_lks(actor=world["dinsos"], data={"name": "LKS Tanpa AHU", "regency": regency})
    assert refused.value.field == "ahu_number"

    lks = services.register_lks(actor=world["dinsos"], data={"name": "UPT Panti", "regency": regency, "owner_type": "pemerintah"})
    assert lks.ahu_number is None


@pytest.mark.django_db
def test_an_operator_keeps_the_profile_of_their_own_lks_but_cannot_move_it(client, world):
    lks = world["lks"]
    client.force_login(world["operator"])

    form = client.get(f"/akreditasi/lembaga/{lks.pk}/ubah/").context["form"]
    assert "regency" not in form.fields
    response = client.post(
        f"/akreditasi/lembaga/{lks.pk}/ubah/",
        _form(name=lks.name, services="Pengasuhan dan rehabilitasi", regency=Regency.objects.get(code="32.04").pk),
    )

    assert response.status_code == 302
    lks.refresh_from_db()
    assert lks.services == "Pengasuhan dan rehabilitasi" and lks.regency.code == "32.73"
    assert lks.history.first().history_user == world["operator"]


@pytest.mark.django_db
def test_an_operator_cannot_edit_another_lks(world):
    other = LKSFactory(name="LKS Lain")

    with pytest.raises(NotAllowed):
        services.update_lks(actor=world["operator"], lks=other, data={"services": "x"})

    other.refresh_from_db()
    assert other.services == ""


@pytest.mark.django_db
def test_a_dinas_sosial_cannot_move_an_lks_to_a_regency_it_does_not_serve(world):
    with pytest.raises(DomainError) as refused:
        services.update_lks(actor=world["dinsos"], lks=world["lks"], data={"regency": Regency.objects.get(code="32.04")})

    assert refused.value.field == "regency"
    world["lks"].refresh_from_db()
    assert world["lks"].regency.code == "32.73"


@pytest.mark.django_db
def test_the_register_list_shows_only_the_lks_in_scope_without_counting(client, world, django_assert_max_num_queries):
    LKSFactory(name="LKS Kabupaten", regency=Regency.objects.get(code="32.04"))
    sign_in_with_second_factor(client, world["dinsos"])

    with django_assert_max_num_queries(12):
        html = client.get("/akreditasi/lembaga/").content.decode()

    assert "LKS Anak Harapan Bangsa" in html and "LKS Kabupaten" not in html
