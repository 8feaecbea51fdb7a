from django_tasks import task


@task()
def run_credential_import(batch_pk: int) -> None:
    """Import a list an officer confirmed on the staff page, outside the web request."""
    from .importing import run_confirmed_import

    run_confirmed_import(batch_pk)
