from django.core.management.base import BaseCommand

from certification.models import Certificate
from certification.services import expire_certificates


class Command(BaseCommand):
    help = "Mark certificates past their end date as expired (idempotent; run nightly) and render missing PDFs."

    def handle(self, *args, **options):
        from tqdm import tqdm

        expired = expire_certificates()
        from certification.tasks import render_certificate_pdf

        missing = list(Certificate.objects.filter(pdf="", credential__isnull=False).values_list("pk", flat=True))
        for pk in tqdm(missing, desc="PDF", disable=not missing):
            render_certificate_pdf.enqueue(pk)
        self.stdout.write(self.style.SUCCESS(f"{expired} certificate(s) expired; {len(missing)} PDF(s) queued."))
