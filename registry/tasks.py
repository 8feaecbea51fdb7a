from django_tasks import task


@task()
def render_member_card(member_pk: int) -> None:
    """Render and store the member card PDF (after the verifying transaction committed)."""
    from .documents import store_member_card
    from .models import Member

    member = Member.objects.filter(pk=member_pk).first()
    if member is not None:
        store_member_card(member)


@task()
def send_claim_link(person_pk: int, user_pk: int) -> None:
    """E-mail a claim's confirmation link to the record's own address, outside the request, so
    that the claim form answers as fast whether a record matched or not."""
    from .services import send_claim_link as send

    send(person_pk, user_pk)


@task()
def run_member_import(batch_pk: int) -> None:
    """Import a member list an officer confirmed on the staff page, outside the web request."""
    from .services import run_confirmed_import

    run_confirmed_import(batch_pk)
