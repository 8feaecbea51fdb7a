"""Background work: certificate PDFs are rendered after the deciding transaction commits."""

from django_tasks import task


@task()
def render_certificate_pdf(certificate_pk: int) -> None:
    from .documents import store_certificate_pdf

    store_certificate_pdf(certificate_pk)
