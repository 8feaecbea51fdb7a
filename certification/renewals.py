"""The competency certificate's renewal checklist (core.renewals, kind "certificate").

The items are dated data (`core.RenewalRequirement`, certification migration 0010) that the LSP
sets: active IPSPI membership with the dues paid, the CPD (PKB) credits of the certificate's
period, and a renewal portfolio sent with the renewal request. No regulation we could reach sets
them: each row's source says it is the LSP's setting, assumed by the consortium until the LSP
sets its own. The holder reads the checklist from 90 days before the end (their certificate page
and dashboard), the request is refused while it is incomplete, the LSP reads it beside its
decision and in its list of certificates ending without renewal."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import renewals

from .models import Certificate, CertificateRenewalRequest

KIND = "certificate"


@dataclass
class Case:
    """What one certificate's checklist is answered from: the certificate, the renewal request
    (the waiting one, or the one being sent) and, for a whole list, what was read once for all."""

    certificate: Certificate
    request: CertificateRenewalRequest | None
    rates: list | None = None


def _member(certificate: Certificate):
    from registry.models import Member

    try:
        return certificate.person.member
    except Member.DoesNotExist:
        return None


def _dues(case: Case, day: datetime.date) -> tuple[bool, str]:
    from registry.renewals import membership_in_good_standing

    return membership_in_good_standing(_member(case.certificate), day)


def _cpd(case: Case, day: datetime.date) -> tuple[bool, str]:
    from registry import cpd

    certificate = case.certificate
    period = (certificate.issued_on, certificate.valid_until or day)
    return cpd.standing(certificate.person, day, period=period, rates=case.rates).checklist_item()


def _portfolio(case: Case, day: datetime.date) -> tuple[bool, str]:
    if case.request is not None and case.request.portfolio:
        return True, ""
    return False, _("attach it to the renewal request")


CHECKS = {
    "dues_paid": renewals.Check(gettext_lazy("Active IPSPI membership with dues paid"), _dues),
    "cpd_credits": renewals.Check(gettext_lazy("CPD credits of the certificate's period"), _cpd),
    "renewal_portfolio": renewals.Check(gettext_lazy("Renewal portfolio (evidence of practice in the period)"), _portfolio),
}


def waiting_request(certificate: Certificate) -> CertificateRenewalRequest | None:
    """The request waiting for the LSP (read from a prefetched list when there is one)."""
    cache = getattr(certificate, "_prefetched_objects_cache", {})
    if "renewal_requests" in cache:
        return next((r for r in certificate.renewal_requests.all() if r.waiting), None)
    return certificate.renewal_requests.waiting().first()


def certificate_checklist(
    certificate: Certificate,
    day: datetime.date,
    codes=None,
    *,
    request: CertificateRenewalRequest | None = None,
    rates: list | None = None,
) -> renewals.Checklist:
    """`request`: the one being sent (not saved yet); otherwise the waiting one counts."""
    case = Case(certificate, request if request is not None else waiting_request(certificate), rates)
    return renewals.checklist(KIND, case, day, CHECKS, codes)


def renewed(certificate: Certificate) -> bool:
    return certificate.renewals.exists()


def renewal_due(certificate: Certificate, today: datetime.date) -> bool:
    """Valid, ending within the window and not renewed yet: the holder's page shows the
    checklist (from 90 days before the end, the window every renewal in Peksos shares)."""
    return (
        certificate.status == Certificate.Status.VALID
        and certificate.valid_until is not None
        and renewals.window_open(certificate.valid_until, today)
        and certificate.valid_until >= today
        and not renewed(certificate)
    )


def ending_without_renewal(certificates, *, today: datetime.date) -> list[tuple[Certificate, renewals.Checklist]]:
    """Certificates (already scoped to the officer's LSPs) ending within the window and not
    renewed, whose checklist is incomplete or whose request waits for the LSP: the LSP's list.
    What every row shares (requirement items, CPD credit rates) is read once; per row the CPD
    credits of its period are counted."""
    from registry.models import CpdCreditRate

    codes = renewals.requirements_in_force(KIND, today)
    rates = list(CpdCreditRate.objects.all())
    rows = (
        certificates.filter(
            status=Certificate.Status.VALID,
            valid_until__gte=today,
            valid_until__lte=today + datetime.timedelta(days=renewals.WINDOW_DAYS),
            renewals__isnull=True,
        )
        .select_related("person__member", "scheme", "lsp")
        .prefetch_related("person__member__invoices", "renewal_requests")
        .order_by("valid_until", "pk")
    )
    found = []
    for certificate in rows:
        checklist = certificate_checklist(certificate, today, codes, rates=rates)
        if not checklist.complete or waiting_request(certificate) is not None:
            found.append((certificate, checklist))
    return found


def holder_notices(user) -> list[dict]:
    """The holder's dashboard: each certificate in its renewal window with what renewal still
    needs, until a request is sent."""
    from django.urls import reverse

    from core.dates import format_local, register_day

    today = register_day()
    certificates = Certificate.objects.filter(
        person__user=user,
        status=Certificate.Status.VALID,
        valid_until__gte=today,
        valid_until__lte=today + datetime.timedelta(days=renewals.WINDOW_DAYS),
        renewals__isnull=True,
    ).prefetch_related("renewal_requests")
    notices = []
    for certificate in certificates:
        if waiting_request(certificate) is not None:
            continue
        checklist = certificate_checklist(certificate, today)
        if checklist.complete:
            text = _("Your competency certificate %(number)s ends on %(date)s: its renewal checklist is complete.")
        else:
            text = _("Your competency certificate %(number)s ends on %(date)s: its renewal still needs %(missing)s.")
        notices.append(
            {
                "text": text
                % {
                    "number": certificate.number,
                    "date": format_local(certificate.valid_until),
                    "missing": checklist.missing_text(),
                },
                "url": reverse("certification:my_certificate", args=[certificate.pk]),
            }
        )
    return notices
