from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import policy
from core.errors import DomainError

from . import numbers, services
from .api import BULK_LIMIT
from .downloads import FORMATS, download
from .forms import NumbersForm, OpenAccountForm, WebhookForm
from .models import MAX_SUBSCRIPTIONS, Alert, Subscription, Verifier


def _form_error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, str(exc))


@require_http_methods(["GET", "POST"])
def bulk(request):
    """Public: up to 100 numbers of any kind, pasted or uploaded, answered in the order given,
    downloadable as CSV or XLSX. Counted per number against the public register's limit."""
    form = NumbersForm(request.POST, request.FILES) if request.method == "POST" else NumbersForm()
    form.row_limit = numbers.MAX_NUMBERS + 1  # enough to tell the visitor the list is too long
    answers = None
    if request.method == "POST" and form.is_valid():
        try:
            asked = numbers.clean_numbers(form.cleaned_data["found"])
        except DomainError as exc:
            _form_error(form, exc)
        else:
            wait = BULK_LIMIT.hit(request, weight=len(asked))
            if wait is not None:
                response = render(
                    request,
                    "core/rate_limited.html",
                    {"message": _("Too many numbers checked from your address in a short time. Please try again later.")},
                    status=429,
                )
                response["Retry-After"] = str(max(1, round(wait)))
                return response
            answers = numbers.verify_numbers(asked)
            if request.POST.get("format") in FORMATS:
                return download(answers, request.POST["format"])
    response = render(
        request,
        "verifiers/bulk.html",
        {"form": form, "answers": answers, "asked": "\n".join(a.number for a in answers or []), "max": numbers.MAX_NUMBERS},
        status=422 if form.errors else 200,
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _verifier(request) -> Verifier | None:
    return Verifier.objects.filter(user=request.user).first()


@login_required
def subscriptions(request):
    """A verifier's followed numbers, alerts and webhook; for anyone else, how to open a verifier
    account."""
    verifier = _verifier(request)
    if verifier is None or not policy.allows(request.user, "verifiers.follow_numbers"):
        return render(
            request,
            "verifiers/open_account.html",
            {
                "form": OpenAccountForm(initial={"organisation": verifier.organisation if verifier else ""}),
                "may_open": policy.allows(request.user, "verifiers.become_verifier"),
            },
        )
    followed = policy.visible(request.user, "verifiers.manage_subscription", Subscription).filter(ended_at__isnull=True)
    return render(
        request,
        "verifiers/subscriptions.html",
        {
            "verifier": verifier,
            "followed": followed.order_by("number"),
            "alerts": Alert.objects.filter(subscription__verifier=verifier).select_related("subscription", "credential")[:50],
            "attempts": verifier.attempts.select_related("alert")[:50],
            "numbers_form": NumbersForm(),
            "webhook_form": WebhookForm(initial={"webhook_url": verifier.webhook_url}),
            "max": MAX_SUBSCRIPTIONS,
        },
    )


@login_required
@require_POST
def open_account(request):
    if not policy.allows(request.user, "verifiers.become_verifier"):
        raise PermissionDenied
    form = OpenAccountForm(request.POST)
    if form.is_valid():
        try:
            services.become_verifier(actor=request.user, organisation=form.cleaned_data["organisation"])
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your verifier account is open. Add the numbers you want to follow."))
    else:
        messages.error(request, _("Write the name of your organisation."))
    return redirect("verifiers:subscriptions")


@login_required
@require_POST
def subscribe(request):
    if not policy.allows(request.user, "verifiers.follow_numbers"):
        raise PermissionDenied
    form = NumbersForm(request.POST, request.FILES)
    form.row_limit = MAX_SUBSCRIPTIONS + 1
    if form.is_valid():
        try:
            done = services.subscribe(actor=request.user, numbers=form.cleaned_data["found"])
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("%(added)s numbers followed (%(already)s already followed).") % {"added": done.added, "already": done.already},
            )
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("verifiers:subscriptions")


@login_required
@require_POST
def end_subscription(request, pk: int):
    subscription = get_object_or_404(policy.visible(request.user, "verifiers.manage_subscription", Subscription), pk=pk)
    services.end_subscription(actor=request.user, subscription=subscription)
    messages.success(request, _("You no longer follow %(number)s.") % {"number": subscription.number})
    return redirect("verifiers:subscriptions")


@login_required
@require_POST
def webhook(request):
    if not policy.allows(request.user, "verifiers.follow_numbers"):
        raise PermissionDenied
    form = WebhookForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Write a valid https address."))
        if request.POST.get("action") == "new_secret":
            services.new_secret(actor=request.user)
            messages.success(request, _("A new signing secret was made: update your receiving system."))
        elif request.POST.get("action") == "test":
            services.request_test(actor=request.user)
            messages.success(request, _("A test webhook is on its way: see the delivery log."))
        else:
            services.set_webhook(actor=request.user, url=form.cleaned_data["webhook_url"])
            messages.success(request, _("Webhook address saved."))
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("verifiers:subscriptions")


@login_required
def followers(request):
    """A holder's own page: which organisations follow their credentials' numbers."""
    if not hasattr(request.user, "person"):
        messages.info(request, _("Complete your social-worker profile first."))
        return redirect("core:dashboard")
    if not policy.allows(request.user, "verifiers.see_followers"):
        raise PermissionDenied
    return render(request, "verifiers/followers.html", {"followers": services.followers_of(request.user)})
