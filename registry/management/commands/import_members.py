from django.core.files import File
from django.core.management.base import CommandError

from accounts import policy
from accounts.models import User
from core.errors import DomainError
from core.importing import ImportCommand
from registry import services
from registry.importer import SourceKind, import_file
from registry.models import ImportBatch


class Command(ImportCommand):
    help = "Import a legacy list of social workers (CSV or XLSX) into the IPSPI register."
    file_help = "CSV or XLSX file with the Indonesian headers (nama_lengkap, nik, …, nomor_anggota, …)."

    def add_import_arguments(self, parser):
        parser.add_argument("--source", required=True, help="Name of the list, e.g. 'Kongres 2010'.")
        parser.add_argument(
            "--source-kind",
            choices=SourceKind.ALL,
            default=SourceKind.LAIN,
            help="kongres: every valid row becomes a member with a number and a card; jaringan: records only, "
            "claimed and applied for by their people; lain (default): records, and members for rows with nomor_anggota.",
        )
        parser.add_argument(
            "--by",
            metavar="EMAIL",
            help="The staff user (DPP) the import is recorded under, as an upload on the staff page is: the list is "
            "then kept among the legacy imports, and a congress list can make a past assembly's roll. Required "
            "with --source-kind kongres.",
        )

    def check_options(self, *, source, source_kind, by=None, **options):
        if not source.strip():
            raise CommandError("--source must name the list.")
        if source_kind == SourceKind.KONGRES and not by:
            raise CommandError(
                "--by EMAIL is required for a congress list: the import is recorded under that DPP officer, "
                "so that the list can make a past Kongres's roll."
            )
        self._actor = None
        if by:
            actor = User.objects.filter(email__iexact=by.strip(), is_active=True).first()
            if actor is None or not policy.allows(actor, "registry.import_legacy"):
                raise CommandError(
                    f"--by {by}: no active staff user with this e-mail may import member lists "
                    "(the DPP officer's role, with two-factor sign-in set up)."
                )
            self._actor = actor

    def run_import(self, handle, name, *, dry_run, progress, source, source_kind, **options):
        self._batch = None
        if dry_run or self._actor is None:
            # A dry run changes nothing, so it leaves no upload record either.
            self._result = import_file(
                handle, name, source=source, dry_run=dry_run, progress=progress, source_kind=source_kind, actor=self._actor
            )
            return self._result
        try:
            batch = services.import_list_now(
                actor=self._actor,
                upload=File(handle, name=name),
                name=name,
                source=source,
                source_kind=source_kind,
                progress=progress,
            )
        except DomainError as exc:
            raise CommandError(str(exc)) from None
        if batch.status != ImportBatch.Status.IMPORTED:
            raise CommandError(
                f"{batch.report.get('failure', 'The import stopped.')} (legacy import #{batch.pk}: rows already imported "
                "stay; confirming it on the staff page imports the rest)"
            )
        self._batch = batch
        self._result = batch.report
        return self._result

    def handle(self, *args, **options):
        super().handle(*args, **options)
        result = self._result
        if result.get("members"):
            self.stdout.write(
                f"{result['members']} members: {result['numbers_kept']} numbers kept, {result['numbers_new']} new numbers."
            )
        batch = self._batch
        if batch is not None:
            self.stdout.write(f"Recorded as legacy import #{batch.pk} “{batch.source}” by {batch.uploaded_by.email}.")
            if batch.source_kind == SourceKind.KONGRES:
                self.stdout.write(
                    "A past Kongres takes its roll from this list on its page (Kongres dan Musda → the assembly → "
                    "Imported congress list)."
                )
