"""A congress list imported on the command line (`import_members --source-kind kongres --by EMAIL`)
is recorded as the staff page's upload is, so a past Kongres takes its roll from it and a member
from the list sees that they were registered at that Congress."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from accounts.models import Notification
from accounts.tests.factories import UserFactory, sign_in_with_second_factor
from assemblies import services
from assemblies.models import Kind, RollEntry
from registry.models import ImportBatch, Member, Person
from registry.tests.member_lists import person_row, write_list

pytestmark = pytest.mark.django_db

LIST = "Kongres III IPSPI 2010"


def _import(tmp_path, *options, rows=None):
    path = tmp_path / "peserta-kongres-iii.csv"
    write_list(path, rows if rows is not None else [person_row(1), person_row(2, nomor_anggota="IPSPI.32.2010.00007")])
    out = io.StringIO()
    call_command("import_members", str(path), "--source", LIST, *options, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _kongres_iii(dpp):
    return services.create_assembly(
        actor=dpp,
        kind=Kind.KONGRES,
        name="Kongres III IPSPI",
        starts_on=datetime.date(2010, 2, 18),
        ends_on=datetime.date(2010, 2, 20),
        place="Jakarta",
        recorded_afterwards=True,
    )


def test_a_congress_list_from_the_command_line_becomes_a_past_roll_the_member_sees(client, dpp, tmp_path):
    printed = _import(tmp_path, "--source-kind", "kongres", "--by", dpp.email.upper())

    batch = ImportBatch.objects.get()
    assert (batch.source, batch.source_kind, batch.status) == (LIST, "kongres", ImportBatch.Status.IMPORTED)
    assert (batch.uploaded_by, batch.imported_by) == (dpp, dpp)
    assert batch.report["created"] == 2 and batch.file.read().startswith(b"nama_lengkap")
    assert f"legacy import #{batch.pk}" in printed
    assert Member.objects.filter(number="IPSPI.32.2010.00007").exists()
    assert Notification.objects.filter(user=dpp, subject__contains=LIST).exists()

    # The list is among the staff page's legacy imports, and the DPP links it to Kongres III on
    # the assembly's own page, as for an upload.
    kongres = _kongres_iii(dpp)
    sign_in_with_second_factor(client, dpp)
    imports = client.get(reverse("registry:import_upload")).content.decode()
    assert reverse("registry:import_detail", args=[batch.pk]) in imports
    page = client.get(reverse("assemblies:detail", args=[kongres.pk])).content.decode()
    assert LIST in page
    response = client.post(reverse("assemblies:past_roll", args=[kongres.pk]), {"batch": batch.pk, "attended": "on"})
    assert response.status_code == 302
    assert RollEntry.objects.filter(assembly=kongres).count() == 2

    # A person from the list takes their record over and reads that they were there.
    person = Person.objects.get(full_name="Peserta Kongres 2")
    person.user = UserFactory()
    person.save()
    client.force_login(person.user)
    mine = client.get(reverse("assemblies:mine")).content.decode()

    assert "Kongres III IPSPI" in mine and "tercatat hadir" in mine
    assert LIST in mine  # the reason names the list the roll came from


def test_a_congress_list_needs_a_dpp_officer_and_imports_nothing_without_one(dpd_jabar, tmp_path):
    member_user = UserFactory()

    with pytest.raises(CommandError, match="--by EMAIL is required"):
        _import(tmp_path, "--source-kind", "kongres")
    for email in (dpd_jabar.email, member_user.email, "nobody@example.org"):
        with pytest.raises(CommandError, match="may import member lists"):
            _import(tmp_path, "--source-kind", "kongres", "--by", email)

    assert not Person.objects.exists() and not ImportBatch.objects.exists()


def test_an_unreadable_list_is_kept_previewed_with_the_reason(dpp, tmp_path):
    path = tmp_path / "rusak.csv"
    path.write_text("kolom_lain\nsatu\n", encoding="utf-8")

    with pytest.raises(CommandError):
        call_command(
            "import_members",
            str(path),
            "--source",
            LIST,
            "--source-kind",
            "kongres",
            "--by",
            dpp.email,
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )

    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.PREVIEWED and batch.report["failure"]
    assert not services.kongres_lists().exists()


def test_a_dry_run_records_no_upload(dpp, tmp_path):
    printed = _import(tmp_path, "--source-kind", "kongres", "--by", dpp.email, "--dry-run")

    assert "[dry run] 2 rows" in printed
    assert not ImportBatch.objects.exists() and not Person.objects.exists()
