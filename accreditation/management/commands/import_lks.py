from accreditation.importing import import_lks
from core.importing import ImportCommand


class Command(ImportCommand):
    help = "Import the existing list of LKS (CSV or XLSX; columns nama_lks, kabupaten_kota, provinsi, …) into the register."
    file_help = "CSV or XLSX file with the Indonesian headers (nama_lks, badan_hukum, no_tanda_daftar, …)."
    progress_label = "Impor LKS"

    def run_import(self, handle, name, *, dry_run, progress, **options):
        return import_lks(handle, name, dry_run=dry_run, progress=progress)
