"""Background work: STR documents are rendered after the issuing transaction commits."""

from django_tasks import task


@task()
def render_str_pdf(str_pk: int) -> None:
    from .documents import store_str_pdf

    store_str_pdf(str_pk)
