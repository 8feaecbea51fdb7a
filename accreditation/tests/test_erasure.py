import pytest

from accounts import services as data_rights
from accounts.roles import Role
from accounts.tests.factories import make_staff
from accreditation.models import BalksAssessor
from accreditation.tests.factories import LKSFactory, assessor

pytestmark = pytest.mark.django_db


def test_erasing_an_assessor_who_never_assessed_leaves_no_trace_in_the_pool_or_its_history():
    entry = assessor("Dra. Wulan Sekarsari", employer="Universitas Indonesia")
    entry.affiliated_lks.add(LKSFactory())
    entry.employer = "Poltekesos Bandung"
    entry.save()
    assert BalksAssessor.history.filter(id=entry.pk).count() == 2

    summary = data_rights.erase_person(actor=make_staff(Role.DATA_PROTECTION_OFFICER), user=entry.user)

    assert not BalksAssessor.objects.filter(pk=entry.pk).exists()
    assert not BalksAssessor.history.filter(id=entry.pk).exists()
    assert "BALKS" in summary


def test_an_assessor_downloads_their_pool_entry_with_their_personal_data():
    entry = assessor("Dra. Wulan Sekarsari", employer="Universitas Indonesia")
    data = data_rights.export_personal_data(entry.user)["accreditation"]["balks_assessor"]
    assert data["name"] == "Dra. Wulan Sekarsari" and data["employer"] == "Universitas Indonesia"
