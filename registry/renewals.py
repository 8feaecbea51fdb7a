"""Member card renewal (automatic for an active, paid-up member), dues and card reminders, and
the officers' list of cards ending without renewal. The checklist is core.renewals' with the
requirement items the DPP publishes for the kind "member_card"."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import RoleAssignment
from accounts.notifications import notify
from accounts.roles import Role
from core import renewals
from core.dates import format_id
from core.reminders import remind_before
from credentials.models import Credential
from credentials.services import mark_renewed

from .models import DuesInvoice, Member

CARD = "member_card"


def _membership_active(member: Member, day: datetime.date) -> tuple[bool, str]:
    if member.status == Member.Status.ACTIVE:
        return True, ""
    return False, _("membership is %(status)s") % {"status": member.get_status_display()}


def unpaid_invoices(member: Member, day: datetime.date) -> list[DuesInvoice]:
    """Invoices still open past their due date on `day` (read from a prefetched list when the
    caller prefetched `invoices`)."""
    return [i for i in member.invoices.all() if i.status == DuesInvoice.Status.OPEN and i.due_on < day]


def _dues_paid(member: Member, day: datetime.date) -> tuple[bool, str]:
    unpaid = unpaid_invoices(member, day)
    if not unpaid:
        return True, ""
    years = ", ".join(str(i.year) for i in sorted(unpaid, key=lambda i: i.year))
    return False, _("dues for %(years)s unpaid") % {"years": years}


def membership_in_good_standing(member: Member | None, day: datetime.date) -> tuple[bool, str]:
    """The membership item of another body's renewal checklist (the STR's, the certificate's):
    an active IPSPI member whose dues are paid up to date on `day`."""
    if member is None:
        return False, _("not an IPSPI member")
    for check in (_membership_active, _dues_paid):
        done, missing = check(member, day)
        if not done:
            return done, missing
    return True, ""


CARD_CHECKS = {
    "membership_active": renewals.Check(gettext_lazy("Active membership"), _membership_active),
    "dues_paid": renewals.Check(gettext_lazy("Dues paid up to date"), _dues_paid),
}


def card_checklist(member: Member, day: datetime.date, codes=None) -> renewals.Checklist:
    return renewals.checklist(CARD, member, day, CARD_CHECKS, codes)


def lead_days() -> int:
    """How many days before its end a card of a paid-up member is renewed: the DPP's setting
    (PEKSOS_CARD_RENEWAL_DAYS), at most the renewal window."""
    return min(int(getattr(settings, "PEKSOS_CARD_RENEWAL_DAYS", 30)), renewals.WINDOW_DAYS)


def renew_card(*, member: Member, today: datetime.date, actor=None) -> Credential | None:
    """Issue the next card of `member` if it is due and the checklist is complete: a new
    credential from the day after the old one ends (from today if it already ended), valid for the
    period in force on that day; the old one stays valid to its end and then reads as renewed.
    Returns the new credential, or None when nothing was due (so a second run does nothing)."""
    from . import services

    with transaction.atomic():
        member = (
            Member.objects.select_for_update(of=("self",))
            .select_related("credential", "province", "person")
            .prefetch_related("invoices")
            .get(pk=member.pk)
        )
        end = member.card_valid_until
        if end is None or (end - today).days > lead_days():
            return None
        if not card_checklist(member, today).complete:
            return None
        old = member.credential
        valid_from = max(end + datetime.timedelta(days=1), today)
        member.card_valid_until = services.card_valid_until(valid_from)
        member._history_user = actor
        member._change_reason = "card renewed"
        member.save(update_fields=["card_valid_until"])
        new = services._issue_card_credential(actor, member, valid_from=valid_from)
        member.credential = new
        member.save(update_fields=["credential"])
        if old is not None:
            mark_renewed(actor=actor, credential=old, successor=new)
        services._after_commit_card(member)
        if member.person.user_id:
            notify(
                member.person.user,
                subject=_("Your member card was renewed"),
                body=_("Your member card %(number)s is renewed: valid from %(start)s until %(end)s.")
                % {"number": member.number, "start": format_id(valid_from), "end": format_id(member.card_valid_until)},
                url="/anggota/saya/",
                dedupe_key=f"card-renewed:{member.pk}:{valid_from.isoformat()}",
            )
        return new


def renew_cards(*, today: datetime.date, actor=None, progress=None) -> int:
    """Nightly: every card due for renewal whose member is active (paid-up is checked per card)."""
    due = Member.objects.filter(
        status=Member.Status.ACTIVE,
        card_valid_until__isnull=False,
        card_valid_until__lte=today + datetime.timedelta(days=lead_days()),
    ).order_by("pk")
    ids = list(due.values_list("pk", flat=True))
    iterator = progress(ids) if progress is not None else ids
    renewed = 0
    for pk in iterator:
        if renew_card(member=Member(pk=pk), today=today, actor=actor) is not None:
            renewed += 1
    return renewed


def dpd_officers(province_id: int):
    return [
        a.user
        for a in RoleAssignment.objects.active()
        .filter(role=Role.DPD_OFFICER, province_id=province_id, user__is_active=True)
        .select_related("user")
    ]


def _card_message(member: Member, days_left: int, today: datetime.date):
    checklist = card_checklist(member, today)
    subject = _("Your member card %(number)s ends in %(days)s days") % {"number": member.number, "days": days_left}
    if checklist.complete:
        body = _("Your member card is valid until %(date)s; it will be renewed automatically while your dues are paid.")
    else:
        body = _("Your member card is valid until %(date)s and cannot be renewed yet: %(missing)s.")
    body = body % {"date": format_id(member.card_valid_until), "missing": checklist.missing_text()}
    return subject, body, "/anggota/saya/"


def _card_officer_message(member: Member, days_left: int, today: datetime.date):
    checklist = card_checklist(member, today)
    subject = _("Member card ends without renewal: %(number)s") % {"number": member.number}
    body = _("%(name)s (%(number)s): the card ends on %(date)s. Missing: %(missing)s.") % {
        "name": member.person.full_name,
        "number": member.number,
        "date": format_id(member.card_valid_until),
        "missing": checklist.missing_text() or "—",
    }
    return subject, body, "/anggota/perpanjangan/"


def remind_cards(*, today: datetime.date) -> int:
    """90/30/7 days before a card ends (holder); at the last threshold also the DPD officers of
    the province, if the card cannot renew itself by then."""
    horizon = today + datetime.timedelta(days=max(settings.PEKSOS_REMINDER_DAYS))
    ending = (
        Member.objects.filter(card_valid_until__gte=today, card_valid_until__lte=horizon)
        .exclude(status=Member.Status.ENDED)
        .select_related("person__user")
        .prefetch_related("invoices")
    )

    def officers(member):
        return [] if card_checklist(member, today).complete else dpd_officers(member.province_id)

    return remind_before(
        ending,
        today=today,
        end_of=lambda m: m.card_valid_until,
        purpose="card",
        recipients=lambda m: [m.person.user],
        message=lambda m, days: _card_message(m, days, today),
        officers=officers,
        officer_message=lambda m, days: _card_officer_message(m, days, today),
    )


def remind_dues(*, today: datetime.date) -> int:
    """An open invoice: 7 days before it falls due, then 30 and 7 days before the member lapses
    (the end of the grace period)."""
    open_invoices = DuesInvoice.objects.filter(status=DuesInvoice.Status.OPEN, grace_until__gte=today).select_related(
        "member__person__user"
    )

    def due_message(invoice, days_left):
        subject = _("Dues %(year)s fall due on %(date)s") % {"year": invoice.year, "date": format_id(invoice.due_on)}
        body = _("Your IPSPI dues for %(year)s (Rp %(amount)s) fall due on %(date)s.") % {
            "year": invoice.year,
            "amount": f"{invoice.amount:,}".replace(",", "."),
            "date": format_id(invoice.due_on),
        }
        return subject, body, "/anggota/saya/"

    def lapse_message(invoice, days_left):
        subject = _("Pay the dues %(year)s before %(date)s to keep your membership active") % {
            "year": invoice.year,
            "date": format_id(invoice.grace_until),
        }
        body = _(
            "Your IPSPI dues for %(year)s are still unpaid. After %(date)s your membership lapses and your member card "
            "is suspended until they are paid."
        ) % {"year": invoice.year, "date": format_id(invoice.grace_until)}
        return subject, body, "/anggota/saya/"

    def holder(invoice):
        return [invoice.member.person.user]

    sent = remind_before(
        open_invoices.filter(due_on__gte=today),
        today=today,
        end_of=lambda i: i.due_on,
        thresholds=(7,),
        purpose="dues-due",
        recipients=holder,
        message=due_message,
    )
    sent += remind_before(
        open_invoices,
        today=today,
        end_of=lambda i: i.grace_until,
        thresholds=(30, 7),
        purpose="dues-lapse",
        recipients=holder,
        message=lapse_message,
    )
    return sent


def ending_without_renewal(members, *, today: datetime.date) -> list[tuple[Member, renewals.Checklist]]:
    """Cards ending within the renewal window (or ended) whose checklist is not complete, each
    with its checklist: the officers' list. `members` is already scoped to the viewer."""
    codes = renewals.requirements_in_force(CARD, today)
    rows = (
        members.filter(
            card_valid_until__lte=today + datetime.timedelta(days=renewals.WINDOW_DAYS),
            card_valid_until__gte=today - datetime.timedelta(days=renewals.WINDOW_DAYS),
        )
        .exclude(status=Member.Status.ENDED)
        .select_related("person", "province")
        .prefetch_related("invoices")
        .order_by("card_valid_until", "pk")
    )
    found = []
    for member in rows:
        checklist = card_checklist(member, today, codes)
        if not checklist.complete:
            found.append((member, checklist))
    return found
