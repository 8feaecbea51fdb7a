"""The Django admin holds no rules: what a service or a model transition sets (numbers, statuses
and their reasons, decisions, credentials, validity dates, a member's province) is read-only there,
and records that only a service may create cannot be added there, so that no administrator skips
a transfer's record, a new card, a fee schedule's checks or a payment's receipt."""

import datetime

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django_fsm import FSMField

from accounts.tests.factories import TOTP_SECRET, UserFactory, sign_in_with_second_factor
from registry import services
from registry.models import DuesPayment, Transfer
from registry.tests.factories import province, submitted_application

pytestmark = pytest.mark.django_db

# Field names that, wherever they occur, a service or a transition sets.
OWNED_NAMES = {
    "number",
    "status",
    "status_reason",
    "status_category",
    "status_changed_at",
    "decided_by",
    "decided_at",
    "handled_by",
    "handled_at",
    "receipt_number",
    "credential",
    "card_valid_until",
    "recorded_by",
    "imported_at",
    "subjects_notified_at",
    "authority_notified_at",
}
# Fields owned by a service on one model only.
OWNED_ON = {
    ("registry", "member"): {"province", "category", "joined_on", "application", "person"},
    ("registry", "duespayment"): {"amount", "invoice", "reason"},
    ("registry", "duesinvoice"): {"amount", "paid_on", "fee_schedule", "member", "year"},
}
# Records that only a service makes, though they carry none of the fields above.
MADE_BY_SERVICES = {("registry", "feeschedule"), ("certification", "assessmentevent"), ("accounts", "consent")}


def _owned(model) -> set[str]:
    names = {f.name for f in model._meta.fields if isinstance(f, FSMField) or f.name in OWNED_NAMES}
    return names | OWNED_ON.get((model._meta.app_label, model._meta.model_name), set())


@pytest.fixture
def administrator(client):
    from allauth.mfa.totp.internal.auth import TOTP

    user = UserFactory(is_staff=True, is_superuser=True)
    TOTP.activate(user, TOTP_SECRET)
    sign_in_with_second_factor(client, user)
    return user


@pytest.fixture
def admin_request(administrator):
    request = RequestFactory().get("/admin/")
    request.user = administrator
    return request


def _editable(model_admin, request) -> set[str]:
    if not model_admin.has_change_permission(request):
        return set()
    return set(model_admin.get_form(request, None, change=True).base_fields)


def test_no_admin_form_edits_a_field_a_service_or_a_transition_sets(admin_request):
    editable = {}
    for model, model_admin in admin.site._registry.items():
        editable[model._meta.label] = _editable(model_admin, admin_request) & _owned(model)
        for inline in model_admin.get_inline_instances(admin_request):
            fields = (
                set(inline.get_formset(admin_request).form.base_fields) if inline.has_change_permission(admin_request) else set()
            )
            editable[inline.model._meta.label] = fields & _owned(inline.model)
    assert {label: names for label, names in editable.items() if names} == {}


def test_records_only_a_service_makes_cannot_be_added_in_the_admin_which_names_the_staff_page(client, admin_request):
    addable = []
    for model, model_admin in admin.site._registry.items():
        made_by_service = _owned(model) or (model._meta.app_label, model._meta.model_name) in MADE_BY_SERVICES
        if made_by_service and model_admin.has_add_permission(admin_request):
            addable.append(model._meta.label)
    assert addable == []

    assert client.get("/admin/registry/feeschedule/add/").status_code == 403
    fees = client.get("/admin/registry/feeschedule/")
    assert reverse("registry:fee_schedules") in fees.content.decode()


def _post_change_form(client, url, **changes):
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() if form[name].value() is not None else "" for name in form.fields}
    data.update(changes)
    return client.post(url, data)


def test_editing_a_member_s_province_in_the_admin_neither_moves_them_nor_skips_the_transfer(
    client, administrator, dpd_jabar, django_capture_on_commit_callbacks
):
    application = submitted_application()
    with django_capture_on_commit_callbacks(execute=True):
        member = services.verify_application(actor=dpd_jabar, application=application, version=application.version)
    elsewhere = province("35")
    before = (member.province_id, member.category, member.card_valid_until, member.credential_id)

    response = _post_change_form(
        client, f"/admin/registry/member/{member.pk}/change/", province=str(elsewhere.pk), category="rekan"
    )

    assert response.status_code in {302, 403}
    member.refresh_from_db()
    assert (member.province_id, member.category, member.card_valid_until, member.credential_id) == before
    assert not Transfer.objects.filter(member=member).exists()


def test_a_payment_s_status_does_not_change_in_the_admin(client, administrator, dpd_jabar, django_capture_on_commit_callbacks):
    application = submitted_application()
    with django_capture_on_commit_callbacks(execute=True):
        member = services.verify_application(actor=dpd_jabar, application=application, version=application.version)
    invoice = member.invoices.get()
    payment = services.record_payment(actor=dpd_jabar, invoice=invoice, amount=1000, paid_on=datetime.date.today())
    payment.refresh_from_db()
    before = payment.status

    response = _post_change_form(client, f"/admin/registry/duespayment/{payment.pk}/change/", status=DuesPayment.Status.REJECTED)

    assert response.status_code in {302, 403}
    payment.refresh_from_db()
    assert payment.status == before
