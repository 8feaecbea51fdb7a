from django_tasks import task


@task()
def render_member_card(member_pk: int) -> None:
    """Render and store the member card PDF (after the verifying transaction committed)."""
    from .documents import store_member_card
    from .models import Member

    member = Member.objects.filter(pk=member_pk).first()
    if member is not None:
        store_member_card(member)
