import datetime
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts import policy
from core import audit, exports
from core.dates import register_day
from core.errors import DomainError
from core.files import serve_private
from core.models import AuditEvent
from core.money import format_rupiah
from core.paging import page_without_count
from core.ratelimit import AddressLimit, public_rate_limit
from regions.models import Province

from . import documents, importer, selectors, services
from .forms import (
    ITEM_FORMS,
    ApplicationForm,
    CardValidityForm,
    ClaimForm,
    DecisionForm,
    FeeScheduleForm,
    ImportForm,
    MemberFilterForm,
    MemberStatusForm,
    PaymentInstructionsForm,
    PaymentProofForm,
    PersonForm,
    ReasonForm,
    RecordPaymentForm,
    TransferForm,
)
from .forms_cpd import CategoryForm
from .models import (
    CardValidity,
    Category,
    ClaimRequest,
    DuesInvoice,
    DuesPayment,
    FeeSchedule,
    ImportBatch,
    Member,
    MembershipApplication,
    PaymentInstructions,
    Person,
)

ITEM_FIELDS = {
    "education": ("educations", "diploma"),
    "experience": ("experiences", "evidence"),
    "training": ("trainings", "certificate"),
}


def _form_error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, str(exc))


def _pdf_response(content: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- Self-service ------------------------------------------------------------------------------


@login_required
def my_membership(request):
    person = services.own_person(request.user)
    context = {"person": person}
    if person is not None:
        member = Member.objects.filter(person=person).select_related("province", "credential").first()
        application = person.applications.select_related("province").order_by("-pk").first()
        context.update(
            member=member,
            application=application,
            educations=person.educations.all(),
            experiences=person.experiences.all(),
            trainings=person.trainings.all(),
            missing=person.missing_for_application(),
            application_form=ApplicationForm(
                initial={
                    "channel": application.channel if application else "dpd",
                    "province": application.province_id if application else person.province_id,
                }
            ),
            invoices=member.invoices.with_totals().prefetch_related("payments") if member else [],
            profile_locked=person.profile_locked,
            derived=services.derived_status(member) if member else None,
            arrears=member.arrears() if member else 0,
            transfers=member.transfers.select_related("from_province", "to_province") if member else [],
            card_checklist=_card_checklist_if_due(member),
        )
    return render(request, "registry/my_membership.html", context)


def _card_checklist_if_due(member):
    """From 90 days before the card ends, the member reads what its renewal needs."""
    from core.renewals import window_open

    from .renewals import card_checklist

    today = register_day()
    if member is None or not window_open(member.card_valid_until, today):
        return None
    return card_checklist(member, today)


# The profile form must refuse a NIK already on the register, which tells whether its holder is
# there: a few NIKs an hour per account and per network, counted whether or not they are taken.
NIK_TRIES_PER_ACCOUNT = AddressLimit("registry-nik-account", "10/h")
NIK_TRIES_PER_ADDRESS = AddressLimit("registry-nik-address", "30/h")


def _nik_wait(request, person) -> float | None:
    from regions.nik import normalise_nik

    nik = normalise_nik(request.POST.get("nik", ""))
    if not nik or (person is not None and nik == person.nik):
        return None
    return _account_and_network_wait(request, NIK_TRIES_PER_ACCOUNT, NIK_TRIES_PER_ADDRESS)


def _account_and_network_wait(request, per_account: AddressLimit, per_network: AddressLimit) -> float | None:
    """Count one attempt against the account's and the network's limit (both, always); the
    longer wait when either is spent."""
    waits = [per_account.hit(request, key=f"user:{request.user.pk}"), per_network.hit(request)]
    waits = [w for w in waits if w is not None]
    return max(waits) if waits else None


def _too_many_attempts(request, wait: float, message: str, template: str, context: dict):
    """429 with the form again and `message` naming the time the window ends; nothing changed."""
    until = timezone.localtime(timezone.now() + datetime.timedelta(seconds=wait))
    messages.error(request, message % {"time": until.strftime("%H:%M")})
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(max(1, round(wait)))
    return response


def _locked_profile(request, person):
    """While an application awaits its decision the forms are not offered (the service would
    refuse the change): back to the membership page, saying why."""
    if person is not None and person.profile_locked:
        messages.info(
            request,
            _("Your application is being verified. You can change your data after the decision, or when it is returned to you."),
        )
        return redirect("registry:my_membership")
    return None


@login_required
def profile_edit(request):
    person = services.own_person(request.user)
    if (locked := _locked_profile(request, person)) is not None:
        return locked
    initial = {} if person else {"full_name": request.user.name, "email": request.user.email}
    if request.method == "POST" and (wait := _nik_wait(request, person)) is not None:
        message = _("Too many NIK attempts from this account or network. Nothing was saved. Try again after %(time)s.")
        form = PersonForm(instance=person, initial=initial)
        return _too_many_attempts(request, wait, message, "registry/profile_form.html", {"form": form, "person": person})
    form = PersonForm(request.POST or None, request.FILES or None, instance=person, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_profile(actor=request.user, person=form.instance)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Your profile was saved. You can come back and complete it at any time."))
            return redirect("registry:my_membership")
    return render(request, "registry/profile_form.html", {"form": form, "person": person})


def _own_item(request, kind: str, pk: int | None):
    if kind not in ITEM_FORMS:
        raise Http404
    person = services.own_person(request.user)
    if person is None:
        return None, None
    related, _field = ITEM_FIELDS[kind]
    item = get_object_or_404(getattr(person, related), pk=pk) if pk else ITEM_FORMS[kind]._meta.model(person=person)
    return person, item


@login_required
def item_edit(request, kind: str, pk: int | None = None):
    person, item = _own_item(request, kind, pk)
    if person is None:
        messages.info(request, _("Fill in your profile first."))
        return redirect("registry:profile_edit")
    if (locked := _locked_profile(request, person)) is not None:
        return locked
    form = ITEM_FORMS[kind](request.POST or None, request.FILES or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_profile_item(actor=request.user, item=form.instance)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("registry:my_membership")
    return render(request, "registry/item_form.html", {"form": form, "kind": kind, "item": item})


@login_required
@require_POST
def item_delete(request, kind: str, pk: int):
    person, item = _own_item(request, kind, pk)
    if person is None:
        raise Http404
    try:
        services.remove_profile_item(actor=request.user, item=item)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Removed."))
    return redirect("registry:my_membership")


@login_required
def own_document(request, kind: str, pk: int):
    """A person's own uploads (photo: kind "photo", pk ignored)."""
    person = services.own_person(request.user)
    if person is None:
        raise Http404
    if kind == "photo":
        return serve_private(person.photo)
    if kind not in ITEM_FIELDS:
        raise Http404
    related, field_name = ITEM_FIELDS[kind]
    item = get_object_or_404(getattr(person, related), pk=pk)
    return serve_private(getattr(item, field_name))


@login_required
@require_POST
def apply(request):
    person = services.own_person(request.user)
    if person is None:
        return redirect("registry:profile_edit")
    form = ApplicationForm(request.POST)
    if form.is_valid():
        try:
            application = services.start_application(
                actor=request.user,
                person=person,
                channel=form.cleaned_data["channel"],
                province=form.cleaned_data.get("province"),
            )
            if "submit" in request.POST:
                services.submit_application(actor=request.user, application=application)
                messages.success(request, _("Your application was submitted. You will receive an e-mail when it is decided."))
            else:
                messages.success(request, _("Your application was saved as a draft."))
        except DomainError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Choose the DPD of a province or the DPP."))
    return redirect("registry:my_membership")


@login_required
def my_card(request):
    person = services.own_person(request.user)
    member = get_object_or_404(Member.objects.select_related("person"), person=person) if person else None
    if member is None:
        raise Http404
    if member.card_pdf:
        return serve_private(member.card_pdf, download_name=f"KTA-{member.number}.pdf")
    return _pdf_response(documents.member_card_pdf(member), f"KTA-{member.number}.pdf")


@login_required
def pay_dues(request, pk: int):
    invoice = get_object_or_404(
        DuesInvoice.objects.with_totals().select_related("member__person", "member__province"),
        pk=pk,
        member__person__user=request.user,
    )
    form = PaymentProofForm(
        request.POST or None,
        request.FILES or None,
        initial={"amount": invoice.outstanding_total, "paid_on": register_day()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_payment_proof(actor=request.user, invoice=invoice, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request, _("Your proof of payment was sent. The DPD confirms it and you can then download the receipt.")
            )
            return redirect("registry:my_membership")
    instructions = PaymentInstructions.objects.filter(province_id=invoice.member.province_id).first()
    return render(
        request,
        "registry/pay_dues.html",
        {
            "form": form,
            "invoice": invoice,
            "instructions": instructions,
            "province": invoice.member.province,
            "reference": invoice.payment_reference_for(instructions),
        },
    )


@login_required
def receipt(request, pk: int):
    payment = get_object_or_404(
        DuesPayment.objects.select_related("invoice__member__person", "invoice__member__province"),
        pk=pk,
        status=DuesPayment.Status.CONFIRMED,
    )
    member = payment.invoice.member
    if member.person.user_id != request.user.pk:
        if not policy.allows(request.user, "registry.view_member", member):
            raise Http404
        audit.record(request.user, AuditEvent.Action.DOWNLOAD_DOCUMENT, payment, summary="dues receipt", request=request)
    return _pdf_response(documents.receipt_pdf(payment), f"kuitansi-{payment.receipt_number}.pdf")


@public_rate_limit("receipt-check", "60/m")
@require_GET
def receipt_check(request, public_id: str):
    """The page a dues receipt's QR code opens, for anyone: whether the receipt stands or was
    cancelled, and what it is for (number, DPD, year, amount, dates). Nothing about the payer:
    no name, NIK or contact, and not the payment's bank reference."""
    payment = selectors.receipt_to_check(public_id[:32])
    if payment is None:
        response = render(request, "registry/receipt_check.html", {"public_id": public_id[:32]}, status=404)
    else:
        response = render(
            request,
            "registry/receipt_check.html",
            {
                "payment": payment,
                "invoice": payment.invoice,
                "province": payment.invoice.member.province_on(payment.decided_at or timezone.now()),
                "issued_on": timezone.localdate(payment.decided_at) if payment.decided_at else None,
                "answer": "valid" if payment.is_receipt_valid else "cancelled",
            },
        )
    # Checked live: a browser must not show a standing it kept from an earlier visit.
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
def my_data_json(request):
    person = services.own_person(request.user)
    if person is None:
        raise Http404
    data = selectors.person_export(person)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="data-anggota-ipspi.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def my_data_pdf(request):

    person = services.own_person(request.user)
    if person is None:
        raise Http404
    content = documents.my_data_pdf(person)
    return _pdf_response(content, "data-anggota-ipspi.pdf")


# One account, and one network, may try a few NIKs an hour: enough for typing mistakes, too few
# to walk the NIKs of a district and find out who is on the old lists.
CLAIM_LIMIT_PER_ACCOUNT = AddressLimit("registry-claim-account", "5/h")
CLAIM_LIMIT_PER_ADDRESS = AddressLimit("registry-claim-address", "20/h")


@login_required
def claim_start(request):
    if request.method == "POST":
        wait = _account_and_network_wait(request, CLAIM_LIMIT_PER_ACCOUNT, CLAIM_LIMIT_PER_ADDRESS)
        if wait is not None:
            message = _(
                "Too many claim attempts from this account or network. Nothing was sent or saved. Try again after %(time)s."
            )
            return _too_many_attempts(request, wait, message, "registry/claim_start.html", {"form": ClaimForm()})
    form = ClaimForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.start_claim(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            # The same answer whether a record matched, which way it is confirmed, or none did.
            messages.success(
                request,
                _(
                    "If a record matches this NIK and date of birth, we have sent a confirmation link to the e-mail address on "
                    "the record or, if it has none, passed your document to the IPSPI officers for review; you will find their "
                    "decision in your notifications. If no record matches, nothing changes: you can register a new profile."
                ),
            )
            return redirect("registry:claim_start")
    return render(request, "registry/claim_start.html", {"form": form})


@login_required
def claim_confirm(request, token: str):
    if request.method == "POST":
        try:
            services.confirm_claim(actor=request.user, token=token)
        except DomainError as exc:
            messages.error(request, str(exc))
            return redirect("registry:claim_start")
        messages.success(
            request, _("The record is now yours. Review and complete your data, then submit it as a membership application.")
        )
        return redirect("registry:my_membership")
    return render(request, "registry/claim_confirm.html", {"token": token})


# --- Staff: applications -----------------------------------------------------------------------


@login_required
def application_queue(request):
    if not policy.allows(request.user, "registry.view_applications"):
        raise PermissionDenied
    status = request.GET.get("status") or MembershipApplication.Status.SUBMITTED
    if status not in MembershipApplication.Status.values:
        status = MembershipApplication.Status.SUBMITTED
    qs = (
        selectors.applications_for(request.user)
        .filter(status=status)
        .select_related("person", "province")
        .order_by("submitted_at", "pk")
    )
    page = page_without_count(qs, request.GET.get("page"))
    return render(
        request,
        "registry/staff/application_queue.html",
        {"page": page, "status": status, "statuses": MembershipApplication.Status.choices},
    )


def _staff_application(request, pk: int) -> MembershipApplication:
    application = get_object_or_404(MembershipApplication.objects.select_related("person", "province", "decided_by"), pk=pk)
    if not policy.allows(request.user, "registry.view_applications", application):
        raise Http404
    return application


@login_required
def application_detail(request, pk: int):
    application = _staff_application(request, pk)
    person = application.person
    form = DecisionForm(
        request.POST or None,
        initial={"version": application.version, "category": application.category},
        # A decision posted from a form opened earlier goes to the service, which says why it
        # no longer applies (decided meanwhile, stale version); a fresh form offers only what applies.
        allowed=None if request.method == "POST" else application.allowed_transitions,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "verify":
                member = services.verify_application(
                    actor=request.user, application=application, version=data["version"], category=data.get("category") or None
                )
                messages.success(request, _("Verified. Member number: %(number)s.") % {"number": member.number})
            elif data["decision"] == "return":
                services.return_application(
                    actor=request.user, application=application, version=data["version"], reason=data["reason"]
                )
                messages.success(request, _("The application was returned to the applicant."))
            else:
                services.reject_application(
                    actor=request.user, application=application, version=data["version"], reason=data["reason"]
                )
                messages.success(request, _("The application was rejected."))
        except DomainError as exc:
            if exc.field in form.fields:
                form.add_error(exc.field, str(exc))
            else:
                messages.error(request, str(exc))
        else:
            return redirect("registry:application_detail", pk=application.pk)
    audit.record_private_read(request, person, "membership application")
    return render(
        request,
        "registry/staff/application_detail.html",
        {
            "application": application,
            "person": person,
            "form": form,
            "educations": person.educations.all(),
            "experiences": person.experiences.all(),
            "trainings": person.trainings.all(),
            "experience_years": selectors.experience_years(person),
            "training_hours": person.training_hours(),
        },
    )


@login_required
def staff_document(request, person_pk: int, kind: str, pk: int):
    person = get_object_or_404(Person.objects.select_related("member"), pk=person_pk)
    allowed = policy.allows(request.user, "registry.view_member", person) or any(
        policy.allows(request.user, "registry.view_applications", a) for a in person.applications.all()
    )
    if not allowed:
        raise Http404
    if kind == "photo":
        fieldfile = person.photo
    elif kind in ITEM_FIELDS:
        related, field_name = ITEM_FIELDS[kind]
        fieldfile = getattr(get_object_or_404(getattr(person, related), pk=pk), field_name)
    else:
        raise Http404
    audit.record(request.user, AuditEvent.Action.DOWNLOAD_DOCUMENT, person, summary=f"{kind} document", request=request)
    return serve_private(fieldfile)


# --- Staff: members ----------------------------------------------------------------------------


def _member_filter(request):
    provinces = policy.narrowed(request.user, "registry.view_members", Province)
    form = MemberFilterForm(request.GET or None, provinces=provinces)
    qs = selectors.members_for(request.user).filtered(**form.filters())
    return form, qs


@login_required
def member_list(request):
    if not policy.allows(request.user, "registry.view_members"):
        raise PermissionDenied
    form, qs = _member_filter(request)
    page = page_without_count(qs.with_related().order_by("number"), request.GET.get("page"))
    return render(request, "registry/staff/member_list.html", {"page": page, "form": form, "query": request.GET.urlencode()})


EXPORT_HEADER = [
    "nomor_anggota",
    "nama_lengkap",
    "kategori",
    "status",
    "alasan_status",
    "provinsi",
    "anggota_sejak",
    "email",
    "no_hp",
]


def _export_rows(qs):
    """The rows of EXPORT_HEADER, read as plain values (a national export is a million rows),
    with the labels of categories and statuses in the language of the request."""
    categories = {value: str(label) for value, label in Category.choices}
    statuses = {value: str(label) for value, label in Member.Status.choices}
    rows = qs.order_by("number").values_list(
        "number",
        "person__full_name",
        "category",
        "status",
        "status_reason",
        "province__name",
        "joined_on",
        "person__email",
        "person__phone",
    )
    return (
        [
            number,
            name,
            categories.get(category, category),
            statuses.get(status, status),
            reason,
            province,
            joined_on.isoformat(),
            email,
            phone,
        ]
        for number, name, category, status, reason, province, joined_on, email, phone in rows.iterator(chunk_size=2000)
    )


@login_required
def member_export(request, fmt: str):
    if not policy.allows(request.user, "registry.export_members"):
        raise PermissionDenied
    form, qs = _member_filter(request)
    audit.record(
        request.user,
        AuditEvent.Action.EXPORT,
        None,
        summary=f"member list {fmt}",
        request=request,
        filters={k: str(v) for k, v in form.filters().items() if v},
    )
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        return exports.streaming_csv(f"anggota-ipspi-{stamp}.csv", EXPORT_HEADER, _export_rows(qs))
    if fmt == "xlsx":
        response = HttpResponse(
            exports.xlsx_bytes(EXPORT_HEADER, _export_rows(qs)),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="anggota-ipspi-{stamp}.xlsx"'
        response["Cache-Control"] = "private, no-store"
        return response
    raise Http404


def _staff_member(request, pk: int) -> Member:
    member = get_object_or_404(Member.objects.select_related("person", "province", "credential"), pk=pk)
    if not policy.allows(request.user, "registry.view_member", member):
        raise Http404
    return member


@login_required
def member_detail(request, pk: int):
    member = _staff_member(request, pk)
    audit.record_private_read(request, member.person, "member record")
    return render(
        request,
        "registry/staff/member_detail.html",
        {
            "member": member,
            "person": member.person,
            "invoices": member.invoices.with_totals().prefetch_related("payments"),
            "transfers": member.transfers.select_related("from_province", "to_province", "recorded_by"),
            "derived": services.derived_status(member),
            "arrears": member.arrears(),
            "status_form": MemberStatusForm(),
            "category_form": CategoryForm(initial={"category": member.category}, auto_id="category_%s"),
            "transfer_form": TransferForm(),
            "payment_form": RecordPaymentForm(initial={"paid_on": register_day()}),
            "educations": member.person.educations.all(),
            "experiences": member.person.experiences.all(),
            "trainings": member.person.trainings.all(),
        },
    )


@login_required
@require_POST
def member_status(request, pk: int):
    member = _staff_member(request, pk)
    form = MemberStatusForm(request.POST)
    if form.is_valid():
        try:
            services.change_member_status(actor=request.user, member=member, **form.cleaned_data)
            messages.success(request, _("The member's status was changed."))
        except DomainError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Choose a decision and give the reason."))
    return redirect("registry:member_detail", pk=member.pk)


@login_required
@require_POST
def member_transfer(request, pk: int):
    member = _staff_member(request, pk)
    form = TransferForm(request.POST)
    if form.is_valid():
        try:
            services.transfer_member(actor=request.user, member=member, **form.cleaned_data)
            messages.success(request, _("The member was transferred; the member number stays the same."))
        except DomainError as exc:
            messages.error(request, str(exc))
            return redirect("registry:member_detail", pk=member.pk)
        if not policy.allows(request.user, "registry.view_member", Member.objects.get(pk=member.pk)):
            return redirect("registry:member_list")
    else:
        messages.error(request, _("Choose the new province and give the reason."))
    return redirect("registry:member_detail", pk=member.pk)


@login_required
@require_POST
def invoice_record_payment(request, pk: int):
    invoice = get_object_or_404(DuesInvoice.objects.select_related("member"), pk=pk)
    if not policy.allows(request.user, "registry.view_member", invoice.member):
        raise Http404
    form = RecordPaymentForm(request.POST)
    if form.is_valid():
        try:
            payment = services.record_payment(actor=request.user, invoice=invoice, **form.cleaned_data)
            messages.success(request, _("Payment recorded; receipt %(number)s.") % {"number": payment.receipt_number})
            _tell_outstanding(request, payment)
        except DomainError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("registry:member_detail", pk=invoice.member_id)


def _tell_outstanding(request, payment: DuesPayment) -> None:
    owed = payment.invoice.outstanding()
    if owed:
        messages.info(
            request,
            _("The %(year)s invoice of %(number)s is not settled yet: %(owed)s still owed.")
            % {"year": payment.invoice.year, "number": payment.invoice.member.number, "owed": format_rupiah(owed)},
        )


@login_required
def payment_queue(request):
    if not policy.allows(request.user, "registry.confirm_payment"):
        raise PermissionDenied
    qs = (
        selectors.payments_for(request.user)
        .filter(status=DuesPayment.Status.SUBMITTED)
        .with_invoice_totals()
        .select_related("invoice__member__person", "invoice__member__province")
        .order_by("created_at")
    )
    page = page_without_count(qs, request.GET.get("page"))
    return render(request, "registry/staff/payment_queue.html", {"page": page, "reject_form": ReasonForm()})


def _staff_payment(request, pk: int) -> DuesPayment:
    payment = get_object_or_404(DuesPayment.objects.select_related("invoice__member__person", "invoice__member__province"), pk=pk)
    if not policy.allows(request.user, "registry.confirm_payment", payment):
        raise Http404
    return payment


@login_required
@require_POST
def payment_decide(request, pk: int, decision: str):
    payment = _staff_payment(request, pk)
    try:
        if decision == "confirm":
            payment = services.confirm_payment(actor=request.user, payment=payment)
            messages.success(request, _("Payment confirmed; receipt %(number)s.") % {"number": payment.receipt_number})
            _tell_outstanding(request, payment)
        elif decision == "reject":
            services.reject_payment(actor=request.user, payment=payment, reason=request.POST.get("reason", ""))
            messages.success(request, _("Payment rejected."))
        elif decision == "cancel":
            payment = services.cancel_receipt(actor=request.user, payment=payment, reason=request.POST.get("reason", ""))
            messages.success(request, _("Receipt %(number)s cancelled.") % {"number": payment.receipt_number})
        else:
            raise Http404
    except DomainError as exc:
        messages.error(request, str(exc))
    if decision == "cancel":  # asked for on the member's page, where the receipt is listed
        return redirect("registry:member_detail", pk=payment.invoice.member_id)
    return redirect("registry:payment_queue")


@login_required
def payment_proof(request, pk: int):
    payment = _staff_payment(request, pk)
    audit.record(request.user, AuditEvent.Action.DOWNLOAD_DOCUMENT, payment, summary="proof of payment", request=request)
    return serve_private(payment.proof)


# --- Staff: claims of imported records ---------------------------------------------------------


@login_required
def claim_requests(request):
    if not policy.allows(request.user, "registry.decide_claim"):
        raise PermissionDenied
    qs = (
        selectors.claim_requests_for(request.user)
        .open()
        .select_related("person__province", "claimant")
        .order_by("created_at", "pk")
    )
    page = page_without_count(qs, request.GET.get("page"))
    return render(request, "registry/staff/claim_requests.html", {"page": page})


def _staff_claim(request, pk: int) -> ClaimRequest:
    claim = get_object_or_404(
        ClaimRequest.objects.select_related("person__province", "person__member", "claimant", "decided_by"), pk=pk
    )
    if not policy.allows(request.user, "registry.decide_claim", claim):
        raise Http404
    return claim


@login_required
def claim_request_detail(request, pk: int):
    claim = _staff_claim(request, pk)
    audit.record_private_read(request, claim.person, "record claim")
    return render(
        request, "registry/staff/claim_request_detail.html", {"claim": claim, "person": claim.person, "reject_form": ReasonForm()}
    )


@login_required
@require_POST
def claim_request_decide(request, pk: int, decision: str):
    claim = _staff_claim(request, pk)
    try:
        if decision == "approve":
            services.approve_claim_request(actor=request.user, claim=claim)
            messages.success(request, _("Claim approved: the record now belongs to the claimant's account."))
        elif decision == "reject":
            services.reject_claim_request(actor=request.user, claim=claim, reason=request.POST.get("reason", ""))
            messages.success(request, _("Claim rejected; the claimant was told the reason."))
        else:
            raise Http404
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("registry:claim_request_detail", pk=claim.pk)
    return redirect("registry:claim_requests")


@login_required
def claim_request_document(request, pk: int):
    claim = _staff_claim(request, pk)
    audit.record(
        request.user,
        AuditEvent.Action.DOWNLOAD_DOCUMENT,
        claim.person,
        summary="identity document of a record claim",
        request=request,
    )
    return serve_private(claim.document)


# --- Staff: legacy import ----------------------------------------------------------------------


@login_required
def import_upload(request):
    if not policy.allows(request.user, "registry.import_legacy"):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.preview_import(
                actor=request.user,
                upload=form.cleaned_data["file"],
                source=form.cleaned_data["source"],
                source_kind=form.cleaned_data["source_kind"],
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            return redirect("registry:import_detail", pk=batch.pk)
    batches = page_without_count(ImportBatch.objects.select_related("uploaded_by"), request.GET.get("page"), 20)
    columns = {"base": importer.HEADERS[: -len(importer.MEMBERSHIP_FIELDS)], "history": importer.MEMBERSHIP_FIELDS}
    return render(request, "registry/staff/import_upload.html", {"form": form, "page": batches, "columns": columns})


@login_required
def import_detail(request, pk: int):
    if not policy.allows(request.user, "registry.import_legacy"):
        raise PermissionDenied
    batch = get_object_or_404(ImportBatch, pk=pk)
    if request.method == "POST":
        try:
            batch = services.confirm_import(actor=request.user, batch=batch)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("The list is being imported. You will find the outcome here and in your inbox when it is done.")
            )
        return redirect("registry:import_detail", pk=batch.pk)
    report = batch.report if batch.status == ImportBatch.Status.IMPORTED else batch.preview_report
    kinds = dict(ImportForm.base_fields["source_kind"].choices)
    return render(
        request,
        "registry/staff/import_detail.html",
        {"batch": batch, "report": report, "source_kind_label": kinds.get(batch.source_kind, batch.source_kind)},
    )


# --- Staff: fee schedules ----------------------------------------------------------------------


@login_required
def card_validity(request):
    if not policy.allows(request.user, "registry.manage_card_validity"):
        raise PermissionDenied
    form = CardValidityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.publish_card_validity(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The new member card validity was published."))
            return redirect("registry:card_validity")
    versions = CardValidity.objects.select_related("set_by").order_by("-valid_from")
    return render(request, "registry/staff/card_validity.html", {"form": form, "versions": versions})


@login_required
def fee_schedules(request):
    if not policy.allows(request.user, "registry.manage_fees"):
        raise PermissionDenied
    form = FeeScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_fee_schedule(actor=request.user, schedule=form.instance)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The fee schedule was added."))
            return redirect("registry:fee_schedules")
    page = page_without_count(FeeSchedule.objects.order_by("-year", "category", "-valid_from"), request.GET.get("page"))
    return render(
        request,
        "registry/staff/fee_schedules.html",
        {"form": form, "page": page, "notices": services.fee_schedule_notices(request.user)},
    )


# --- Staff: where members pay (per DPD) ---------------------------------------------------------


@login_required
def payment_instructions(request):
    """The provinces whose payment instructions this officer keeps, with what members read."""
    if not policy.allows(request.user, "registry.manage_payment_instructions"):
        raise PermissionDenied
    provinces = policy.visible(request.user, "registry.manage_payment_instructions", Province).order_by("code")
    kept = {i.province_id: i for i in PaymentInstructions.objects.filter(province__in=provinces)}
    rows = [(province, kept.get(province.pk)) for province in provinces]
    return render(request, "registry/staff/payment_instructions.html", {"rows": rows})


@login_required
def payment_instructions_edit(request, code: str):
    province = get_object_or_404(Province, code=code)
    if not policy.allows(request.user, "registry.manage_payment_instructions", province):
        raise Http404
    current = PaymentInstructions.objects.filter(province=province).first()
    form = PaymentInstructionsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_payment_instructions(
                actor=request.user,
                province=province,
                **{
                    k: form.cleaned_data[k] for k in ("bank_name", "account_number", "account_holder", "note", "reference_format")
                },
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The payment instructions were saved; members of the province see them when they pay."))
            return redirect("registry:payment_instructions")
    return render(
        request, "registry/staff/payment_instructions_edit.html", {"form": form, "province": province, "current": current}
    )
