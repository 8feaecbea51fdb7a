import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from accounts.models import Consent, ConsentText, RoleAssignment, User
from accounts.roles import Role
from accounts.tests.factories import UserFactory, grant
from core import audit
from core.backup import file_hashes, left_out, row_counts
from regions.models import Province


def dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", natural_foreign=True, exclude=left_out(), stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_every_record_and_file_identically(tmp_path):
    user = UserFactory(name="Siti Rahmawati")
    grant(user, Role.DPD_OFFICER, province=Province.objects.get(code="32"))
    Consent.objects.create(user=user, text=ConsentText.objects.first(), text_digest="abc")
    audit.record(user, "login", user)
    stored = default_storage.save("dokumen/ijazah.pdf", ContentFile(b"%PDF-1.4 ijazah"))
    before_rows, before_files, before_dump = row_counts(), file_hashes(), dump()

    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    # Disaster: the data and the files are gone.
    call_command("flush", interactive=False, verbosity=0)
    default_storage.delete(stored)
    assert not User.objects.exists()

    call_command("restore", str(archive), "--yes", stdout=io.StringIO())
    assert row_counts() == before_rows
    assert file_hashes() == before_files
    assert dump() == before_dump
    assert RoleAssignment.objects.get(user__email=user.email).province.code == "32"
    with default_storage.open(stored) as handle:
        assert handle.read() == b"%PDF-1.4 ijazah"


@pytest.mark.django_db(transaction=True)
def test_a_backup_of_records_with_a_history_of_their_many_to_many_fields_restores_that_history_unchanged(tmp_path):
    # Loading an LKS sets its target groups, and simple-history records a change of them as it
    # would for an officer's edit: one history row too many, and on PostgreSQL (whose sequence is
    # reset only after the load) a clash with the restored rows' ids.
    from accreditation.models import LKS
    from accreditation.tests.factories import LKSFactory
    from core.testing import reference_data

    reference_data.restore()  # an earlier transactional test may have emptied the database
    lks = LKSFactory(groups=["anak", "lanjut_usia"])
    lks.name = "LKS Harapan Baru"
    lks.save()
    before_rows, before_dump = row_counts(), dump()
    assert before_rows["accreditation.historicallks"] >= 2

    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    call_command("restore", str(archive), "--yes", stdout=io.StringIO())

    assert row_counts() == before_rows
    assert dump() == before_dump
    assert sorted(LKS.objects.get(pk=lks.pk).target_groups.values_list("code", flat=True)) == ["anak", "lanjut_usia"]


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_without_confirmation(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("restore", str(tmp_path / "x.tar.gz"))


@pytest.mark.django_db(transaction=True)
def test_a_backup_keeps_every_microsecond_of_a_timestamp(tmp_path):
    # Django's JSON encoder writes milliseconds only: an event at .000456 came back at .000 and
    # the order of events within one millisecond (the change history's order) was lost.
    from datetime import UTC, datetime

    from core.models import AuditEvent

    moments = [
        datetime(2026, 3, 1, 8, 0, 0, 456, tzinfo=UTC),
        datetime(2026, 3, 1, 8, 0, 0, 789, tzinfo=UTC),
        datetime(2026, 3, 1, 8, 0, 0, 123456, tzinfo=UTC),
    ]
    for moment in moments:
        AuditEvent.objects.create(action="login", at=moment)

    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)
    call_command("restore", str(archive), "--yes", stdout=io.StringIO())

    assert list(AuditEvent.objects.order_by("at").values_list("at", flat=True)) == moments
