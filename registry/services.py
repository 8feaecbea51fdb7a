"""Operations on the member register. Each runs in one transaction, checks the actor's
permission through accounts.policy and raises core.errors.DomainError: nothing half-saved."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts import policy
from core import audit, numbering
from core.dates import period_end, register_day
from core.errors import DomainError, NotAllowed
from core.models import AuditEvent
from credentials.models import Credential
from credentials.services import change_status, checked_category, issue_credential, mark_renewed

from .models import (
    RECEIPT_NUMBER,
    CardValidity,
    Category,
    DuesInvoice,
    DuesPayment,
    Education,
    FeeSchedule,
    Member,
    MembershipApplication,
    PaymentInstructions,
    Person,
    Training,
    Transfer,
    WorkExperience,
    member_number,
    member_number_series,
)

log = logging.getLogger(__name__)

ISSUER_NAME = "Independen Pekerja Sosial Profesional Indonesia (IPSPI)"
CLAIM_SALT = "registry.claim"
CLAIM_MAX_AGE = 3 * 24 * 3600


def _validation_message(exc: ValidationError) -> tuple[str, str | None]:
    if hasattr(exc, "error_dict"):
        field, errors = next(iter(exc.error_dict.items()))
        return " ".join(str(m) for e in errors for m in e.messages), (None if field == "__all__" else field)
    return " ".join(exc.messages), None


def _full_clean(obj, **kwargs) -> None:
    try:
        obj.full_clean(**kwargs)
    except ValidationError as exc:
        message, field = _validation_message(exc)
        raise DomainError(message, field=field) from None


# --- Profile ---------------------------------------------------------------------------------


def own_person(user) -> Person | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.filter(user=user).select_related("province", "regency").first()


def _require_owner(actor, person: Person) -> None:
    if person.user_id is None or person.user_id != actor.pk:
        raise NotAllowed()


def _require_editable(person: Person) -> None:
    if person.profile_locked:
        raise DomainError(
            _("Your application is being verified. You can change your data after the decision, or when it is returned to you.")
        )


def save_profile(*, actor, person: Person) -> Person:
    """Create or update the actor's own profile (a draft may be incomplete)."""
    with transaction.atomic():
        if person.pk is None:
            if Person.objects.filter(user=actor).exists():
                raise DomainError(_("You already have a profile."))
            person.user = actor
            person.source = Person.SELF
        _require_owner(actor, person)
        _require_editable(person)
        if person.email and Person.objects.filter(email__iexact=person.email, user__isnull=False).exclude(pk=person.pk).exists():
            raise DomainError(_("This e-mail address is already used in another member's profile."), field="email")
        _full_clean(person, exclude=["user"])
        person.save()
        return person


def save_profile_item(*, actor, item: Education | WorkExperience | Training) -> models.Model:
    with transaction.atomic():
        _require_owner(actor, item.person)
        _require_editable(item.person)
        _full_clean(item)
        item.save()
        return item


def remove_profile_item(*, actor, item: Education | WorkExperience | Training) -> None:
    with transaction.atomic():
        _require_owner(actor, item.person)
        _require_editable(item.person)
        item.delete()


# --- Membership applications -------------------------------------------------------------------


def start_application(*, actor, person: Person, channel: str, province=None) -> MembershipApplication:
    """Open (or reuse) a draft application through the chosen channel."""
    with transaction.atomic():
        _require_owner(actor, person)
        if hasattr(person, "member"):
            raise DomainError(_("You are already a registered member."))
        if channel not in MembershipApplication.Channel.values:
            raise DomainError(_("Choose the DPD of a province or the DPP."), field="channel")
        province = province or person.province
        if channel == MembershipApplication.Channel.DPP:
            province = person.province
        if province is None:
            raise DomainError(_("Choose the province of your DPD (and fill in your province in the profile)."), field="province")
        open_app = person.applications.filter(
            status__in=[MembershipApplication.Status.DRAFT, MembershipApplication.Status.RETURNED]
        ).first()
        if person.applications.filter(status=MembershipApplication.Status.SUBMITTED).exists():
            raise DomainError(_("You already have an application being verified."))
        application = open_app or MembershipApplication(person=person)
        application.channel = channel
        application.province = province
        application.category = person.suggested_category()
        application.from_claim = person.claimed
        if application.pk:
            application.claim_version()  # an officer's form opened on the earlier draft is now stale
        application.save()
        return application


def submit_application(*, actor, application: MembershipApplication) -> MembershipApplication:
    with transaction.atomic():
        application = (
            MembershipApplication.objects.select_for_update(of=("self",)).select_related("person").get(pk=application.pk)
        )
        person = application.person
        _require_owner(actor, person)
        if not application.editable_by_applicant:
            raise DomainError(_("This application has already been submitted or decided."))
        missing = person.missing_for_application()
        if missing:
            raise DomainError(_("Complete your profile first: %(fields)s.") % {"fields": ", ".join(missing)})
        if not person.educations.exists():
            raise DomainError(_("Add at least one education entry before you apply."))
        _full_clean(person, exclude=["user"])
        application.category = person.suggested_category()
        application.submit()
        application.claim_version()
        application.save()
        return application


def _decide(actor, application: MembershipApplication, version: int) -> MembershipApplication:
    locked = (
        MembershipApplication.objects.select_for_update(of=("self",)).select_related("person", "province").get(pk=application.pk)
    )
    policy.require(actor, "registry.decide_application", locked)
    locked.claim_version(version)
    if locked.status != MembershipApplication.Status.SUBMITTED:
        raise DomainError(
            _("Only a submitted application can be decided; this one is “%(status)s”.") % {"status": locked.get_status_display()}
        )
    return locked


def verify_application(*, actor, application: MembershipApplication, version: int, category: str | None = None) -> Member:
    """Verify an application: allocate the member number, create the member, issue the member
    card credential and the first dues invoice. The card PDF and the e-mail follow the commit."""
    with transaction.atomic():
        application = _decide(actor, application, version)
        person = application.person
        if Member.objects.filter(person=person).exists():
            raise DomainError(_("This person is already a member."))
        category = category or application.category
        if category not in Category.values:
            raise DomainError(_("Choose a membership category."), field="category")
        today = timezone.localdate()
        province = application.province
        serial = numbering.allocate(member_number_series(province.code, today.year))
        number = member_number(province.code, today.year, serial)
        application.verify(by=actor)
        application.category = category
        application._history_user = actor
        application.save()
        member = Member.objects.create(
            person=person,
            number=number,
            category=category,
            province=province,
            joined_on=today,
            card_valid_until=card_valid_until(today),
            application=application,
            status_reason=_("Verified by %(board)s.") % {"board": _board_name(application)},
        )
        member.credential = _issue_card_credential(actor, member)
        member.save(update_fields=["credential"])
        fee = _fee_for(category, today.year, today)
        if fee is not None:
            _create_invoice(member, fee, issued_on=today)
        _after_commit_card(member)
        _after_commit_notify(application)
        return member


def return_application(*, actor, application: MembershipApplication, version: int, reason: str) -> MembershipApplication:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say what the applicant must correct."), field="reason")
    with transaction.atomic():
        application = _decide(actor, application, version)
        application.return_for_correction(by=actor, reason=reason)
        application._history_user = actor
        application.save()
        _after_commit_notify(application)
        return application


def reject_application(*, actor, application: MembershipApplication, version: int, reason: str) -> MembershipApplication:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for the rejection."), field="reason")
    with transaction.atomic():
        application = _decide(actor, application, version)
        application.reject(by=actor, reason=reason)
        application._history_user = actor
        application.save()
        _after_commit_notify(application)
        return application


def _board_name(application: MembershipApplication) -> str:
    if application.channel == MembershipApplication.Channel.DPP:
        return _("DPP IPSPI")
    return _("DPD IPSPI %(province)s") % {"province": application.province.name}


def _issue_card_credential(actor, member: Member, *, valid_from: datetime.date | None = None) -> Credential:
    """`valid_from`: the first day of this card (a renewal's starts the day after the old one
    ends; a first card on the day of joining)."""
    return issue_credential(
        actor=actor,
        kind=Credential.Kind.MEMBER_CARD,
        subject=member,
        holder=member.person,
        number=member.number,
        holder_name=member.person.full_name,
        issuer_name=ISSUER_NAME,
        valid_from=valid_from or member.joined_on,
        valid_until=member.card_valid_until,
        claims={
            "category": member.category,
            "category_label": str(Category(member.category).label),
            "province": member.province.name,
            "province_code": member.province.code,
        },
    )


def _after_commit_card(member: Member) -> None:
    from . import tasks

    member_pk = member.pk
    transaction.on_commit(lambda: tasks.render_member_card.enqueue(member_pk))


def _after_commit_notify(application: MembershipApplication) -> None:
    pk = application.pk
    transaction.on_commit(lambda: notify_applicant(pk))


def _tell_person(person: Person, *, subject: str, body: str, url: str, what: str) -> None:
    """A decision reaches the person in their in-app inbox and by e-mail (accounts.notifications).
    A record nobody has taken over yet (entered by an officer, imported) has no inbox: it is
    e-mailed to the record's own address, if any."""
    if person.user_id is not None and person.user is not None:
        from accounts.notifications import notify

        notify(person.user, subject=subject, body=body, url=url)
        return
    if not person.email:
        return
    try:
        send_mail(subject, f"{body}\n\n{settings.SITE_URL}{url}", None, [person.email])
    except Exception:  # the decision stands even if the mail server is down; log it
        log.exception("Could not e-mail %s", what)


def notify_applicant(application_pk: int) -> None:
    """Tell the applicant the decision (in Indonesian): inbox and e-mail."""
    application = MembershipApplication.objects.select_related("person__user", "person__member", "province").get(
        pk=application_pk
    )
    person = application.person
    url = reverse("registry:my_membership")
    with translation.override("id"):
        context = {
            "application": application,
            "person": person,
            "member": getattr(person, "member", None) if application.status == MembershipApplication.Status.VERIFIED else None,
            "board": _board_name(application),
            "url": "",
        }
        subject = render_to_string("registry/email/application_subject.txt", context).strip()
        body = render_to_string("registry/email/application_body.txt", context).strip()
    _tell_person(person, subject=subject, body=body, url=url, what=f"applicant {application_pk}")


# --- Member status -----------------------------------------------------------------------------


def derived_status(member: Member, today: datetime.date | None = None) -> tuple[str, str]:
    """(status, reason): suspended and ended are decisions; active/lapsed follow the dues."""
    today = today or timezone.localdate()
    if member.status in {Member.Status.SUSPENDED, Member.Status.ENDED}:
        return member.status, member.status_reason
    overdue = [i for i in member.invoices.all() if i.is_overdue(today)]
    if overdue:
        years = ", ".join(str(i.year) for i in sorted(overdue, key=lambda i: i.year))
        return Member.Status.LAPSED, _("Dues for %(years)s unpaid past the grace period.") % {"years": years}
    return Member.Status.ACTIVE, _("Dues paid up.")


def refresh_member_status(*, member: Member, actor=None, today: datetime.date | None = None) -> Member:
    """Apply the derived status (active ↔ lapsed) and keep the card credential in step."""
    with transaction.atomic():
        member = Member.objects.select_for_update(of=("self",)).get(pk=member.pk)
        status, reason = derived_status(member, today)
        if status == member.status:
            return member
        if status == Member.Status.LAPSED:
            member.lapse(reason=reason)
        else:
            member.reactivate(reason=reason)
        member._history_user = actor
        member.save()
        _sync_credential(actor, member)
        return member


def _sync_credential(actor, member: Member) -> None:
    credential = member.credential
    if credential is None:
        return
    target = {
        Member.Status.ACTIVE: Credential.Status.VALID,
        Member.Status.LAPSED: Credential.Status.SUSPENDED,
        Member.Status.SUSPENDED: Credential.Status.SUSPENDED,
        Member.Status.ENDED: Credential.Status.REVOKED,
    }[Member.Status(member.status)]
    for card in [credential, *_running_predecessors(member)]:
        if card.status in {Credential.Status.REVOKED, Credential.Status.EXPIRED} or card.status == target:
            continue
        change_status(
            actor=actor,
            credential=card,
            status=target,
            reason=member.status_reason or str(member.get_status_display()),
            category=member.status_category or Credential.StatusCategory.OTHER,
        )
        if card.pk != credential.pk and target == Credential.Status.VALID:
            mark_renewed(actor=actor, credential=card, successor=credential)


def _running_predecessors(member: Member) -> list[Credential]:
    """A card renewed ahead of its end still runs until then (its successor not yet valid): a
    decision on the membership reaches it too, or it would read valid while the member is
    suspended."""
    return list(
        Credential.objects.for_subject(member)
        .filter(
            kind=Credential.Kind.MEMBER_CARD,
            status__in=[Credential.Status.VALID, Credential.Status.SUSPENDED],
            valid_until__gte=register_day(),
        )
        .exclude(pk=member.credential_id)
    )


# What each decision makes of the member card, and so whether the public must read a category.
CARD_AFTER = {"suspend": Credential.Status.SUSPENDED, "reinstate": Credential.Status.VALID, "end": Credential.Status.REVOKED}


def change_member_status(*, actor, member: Member, action: str, reason: str, category: str = "") -> Member:
    """Suspend, reinstate or end a membership (decisions of the board): `reason` in the officer's
    words for the staff, `category` (credentials.StatusCategory) for the public."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for this decision."), field="reason")
    if action not in CARD_AFTER:
        raise DomainError(_("Unknown action."))
    category = checked_category(CARD_AFTER[action], category)
    with transaction.atomic():
        member = Member.objects.select_for_update(of=("self",)).select_related("credential").get(pk=member.pk)
        policy.require(actor, "registry.manage_member", member)
        transitions = {"suspend": member.suspend, "reinstate": member.reinstate, "end": member.end}
        if action not in transitions:
            raise DomainError(_("Unknown action."))
        from django_fsm import can_proceed

        if not can_proceed(transitions[action]):
            raise DomainError(
                _("A member who is “%(status)s” cannot be changed this way.") % {"status": member.get_status_display()}
            )
        transitions[action](reason=reason, category=category)
        member._history_user = actor
        member.save()
        _sync_credential(actor, member)
        if action == "reinstate":
            transaction.on_commit(lambda: refresh_member_status(member=member, actor=actor))
        return member


COUNCIL_ACTIONS = ("suspend", "end", "lift")


def council_member_status(*, member: Member, action: str, reason: str, actor=None) -> bool:
    """Carry out a decision of the ethics council on a membership: "suspend", "end", or "lift"
    (a suspension's term is over, or an appeal annulled it). The public reads the category
    "by decision of the ethics council"; the card follows. `actor` None is the nightly run
    carrying out a decision already taken. Only a suspension made on that ground is lifted, so
    one since made on another ground stays. Answers whether anything changed (run twice, once)."""
    if action not in COUNCIL_ACTIONS:
        raise DomainError(_("Unknown action."))
    category = Credential.StatusCategory.ETHICS_COUNCIL
    with transaction.atomic():
        member = Member.objects.select_for_update(of=("self",)).select_related("credential").get(pk=member.pk)
        if actor is not None:
            policy.require(actor, "registry.sanction_member", member)
        if action == "lift":
            if member.status != Member.Status.SUSPENDED or member.status_category != category:
                return False
            member.reinstate(reason=reason)
        elif action == "end":
            if member.status == Member.Status.ENDED:
                return False
            member.end(reason=reason, category=category)
        else:
            if member.status not in (Member.Status.ACTIVE, Member.Status.LAPSED):
                raise DomainError(
                    _("A member who is “%(status)s” cannot be suspended.") % {"status": member.get_status_display()}
                )
            member.suspend(reason=reason, category=category)
        member._history_user = actor
        member._change_reason = reason[:100]
        member.save()
        _sync_credential(actor, member)
        if action == "lift":
            transaction.on_commit(lambda: refresh_member_status(member=member, actor=actor))
        return True


def transfer_member(*, actor, member: Member, to_province, reason: str) -> Transfer:
    """Mutasi to another province: the number stays, the move is recorded."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for the transfer."), field="reason")
    with transaction.atomic():
        member = Member.objects.select_for_update(of=("self",)).select_related("province").get(pk=member.pk)
        policy.require(actor, "registry.transfer_member", member)
        if member.status == Member.Status.ENDED:
            raise DomainError(_("An ended membership cannot be transferred."))
        if to_province is None or to_province.pk == member.province_id:
            raise DomainError(_("Choose a different province."), field="to_province")
        transfer = Transfer(
            member=member, from_province=member.province, to_province=to_province, reason=reason, recorded_by=actor
        )
        _full_clean(transfer)
        transfer.save()
        member.province = to_province
        member._history_user = actor
        member._change_reason = gettext_noop("transfer to another province")
        member.save(update_fields=["province"])
        _reissue_card(actor, member, reason=_("Card reissued after transfer to %(province)s.") % {"province": to_province.name})
        _after_commit_card(member)
        return transfer


def _reissue_card(actor, member: Member, *, reason: str) -> None:
    """The card shows the province and the category: a transfer or a change of category issues a
    new card credential (same number, same period) and revokes the old one, so a verifier never
    reads the old province or category as current."""
    old = member.credential
    valid_from = old.valid_from if old is not None else None
    if old is not None and old.status != Credential.Status.REVOKED:
        change_status(
            actor=actor,
            credential=old,
            status=Credential.Status.REVOKED,
            reason=reason,
            category=Credential.StatusCategory.REPLACED,
        )
    member.credential = _issue_card_credential(actor, member, valid_from=valid_from)
    member.save(update_fields=["credential"])
    _sync_credential(actor, member)


def change_member_category(*, actor, member: Member, category: str, reason: str) -> Member:
    """A member moves to another category (e.g. from associate to full member): the card shows
    the category, so it is reissued. Later invoices follow the new category's fee schedule."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for this decision."), field="reason")
    if category not in Category.values:
        raise DomainError(_("Choose a membership category."), field="category")
    with transaction.atomic():
        member = Member.objects.select_for_update(of=("self",)).select_related("credential", "province").get(pk=member.pk)
        policy.require(actor, "registry.manage_member", member)
        if member.status == Member.Status.ENDED:
            raise DomainError(_("An ended membership cannot be changed."))
        if category == member.category:
            raise DomainError(_("Choose a different category."), field="category")
        member.category = category
        member._history_user = actor
        member._change_reason = reason[:100]
        member.save(update_fields=["category"])
        _reissue_card(
            actor,
            member,
            reason=_("Card reissued after a change of category to %(category)s.") % {"category": Category(category).label},
        )
        _after_commit_card(member)
        return member


# --- Dues --------------------------------------------------------------------------------------


def _fee_for(category: str, year: int, on: datetime.date | None = None) -> FeeSchedule | None:
    on = on or datetime.date(year, 1, 1)
    return FeeSchedule.objects.in_force(on).filter(category=category, year=year).order_by("-valid_from").first() or (
        FeeSchedule.objects.filter(category=category, year=year).order_by("-valid_from").first()
    )


def _create_invoice(member: Member, fee: FeeSchedule, *, issued_on: datetime.date) -> DuesInvoice:
    due_on = max(fee.due_on(), issued_on + datetime.timedelta(days=30))
    invoice, _created = DuesInvoice.objects.get_or_create(
        member=member,
        year=fee.year,
        defaults={
            "fee_schedule": fee,
            "amount": fee.amount,
            "due_on": due_on,
            "grace_until": due_on + datetime.timedelta(days=fee.grace_days),
        },
    )
    return invoice


def issue_yearly_invoices(*, actor, year: int, today: datetime.date | None = None) -> int:
    """One invoice per active or lapsed member for the year (idempotent). Returns how many
    were created."""
    if actor is not None:
        policy.require(actor, "registry.issue_invoices")
    today = today or timezone.localdate()
    created = 0
    found = {c: _fee_for(c, year) for c in Category.values}
    missing = [str(Category(c).label) for c, fee in found.items() if fee is None]
    if missing:
        raise DomainError(
            _("There is no fee schedule for %(year)s (%(categories)s). The DPP sets it first.")
            % {"year": year, "categories": ", ".join(missing)}
        )
    fees = {c: fee for c, fee in found.items() if fee is not None}
    members = Member.objects.filter(status__in=[Member.Status.ACTIVE, Member.Status.LAPSED]).exclude(invoices__year=year)
    for member in members.iterator(chunk_size=1000):
        with transaction.atomic():
            _create_invoice(member, fees[member.category], issued_on=today)
            created += 1
    return created


def missing_fee_schedules(today: datetime.date | None = None) -> list[tuple[int, list[str]]]:
    """(year, categories) whose fee schedule is missing: this year, and the coming year from
    `FEE_SCHEDULE_NOTICE_DAYS` before it starts, so the DPP sets it before invoices are due."""
    today = today or register_day()
    years = [today.year]
    if (datetime.date(today.year + 1, 1, 1) - today).days <= fee_schedule_notice_days():
        years.append(today.year + 1)
    found = []
    for year in years:
        missing = [c for c in Category.values if _fee_for(c, year) is None]
        if missing:
            found.append((year, missing))
    return found


def fee_schedule_notice_days() -> int:
    """How long before a year its missing fee schedule is reported: the longest reminder step."""
    return max(settings.PEKSOS_REMINDER_DAYS)


def missing_fee_schedule_message(year: int, categories: list[str], today: datetime.date) -> str:
    days = (datetime.date(year, 1, 1) - today).days
    names = ", ".join(str(Category(c).label) for c in categories)
    if days > 0:
        return _(
            "The fee schedule for %(year)s is not set (%(categories)s): the year starts in %(days)s days and its dues invoices cannot be issued without it."
        ) % {"year": year, "categories": names, "days": days}
    return _("The fee schedule for %(year)s is not set (%(categories)s): the dues invoices of this year cannot be issued.") % {
        "year": year,
        "categories": names,
    }


def fee_schedule_notices(user) -> list[dict]:
    """The dashboard's notices for whoever sets fee schedules (registry.manage_fees)."""
    if not policy.allows(user, "registry.manage_fees"):
        return []
    today = register_day()
    url = reverse("registry:fee_schedules")
    return [
        {"text": missing_fee_schedule_message(year, categories, today), "url": url}
        for year, categories in missing_fee_schedules(today)
    ]


def dated_rules() -> list:
    """The registry's dated rules whose absence for the coming days is reported (core.rule_gaps)."""
    from django.utils.translation import gettext_lazy

    from accounts.roles import Role
    from core.rule_gaps import DatedRule

    return [
        DatedRule(
            key="registry.card_validity",
            what=gettext_lazy("member card validity"),
            versions=CardValidity.objects.all(),
            perm="registry.manage_card_validity",
            roles=(Role.DPP_OFFICER,),
            url_name="registry:card_validity",
        )
    ]


def report_missing_fee_schedules(*, today: datetime.date) -> list[str]:
    """The nightly check: each missing schedule is logged as an error and told to every DPP
    officer (who sets fee schedules) in the inbox and by e-mail, once per reminder step (90, 30
    and 7 days before the year, and once when it has begun). Returns the messages (English)."""
    from accounts.models import RoleAssignment
    from accounts.notifications import notify
    from accounts.roles import Role
    from core.reminders import threshold_for

    problems: list[str] = []
    missing = missing_fee_schedules(today)
    if not missing:
        return problems
    officers = [a.user for a in RoleAssignment.objects.active().filter(role=Role.DPP_OFFICER).select_related("user")]
    for year, categories in missing:
        with translation.override("en"):
            problems.append(missing_fee_schedule_message(year, categories, today))
        log.error("Dues: %s", problems[-1])
        days = (datetime.date(year, 1, 1) - today).days
        step = threshold_for(days) if days > 0 else "started"
        if step is None:
            continue
        key = f"registry:fee-schedule-missing:{year}:{step}"
        with translation.override("id"):
            subject = _("Fee schedule for %(year)s not set") % {"year": year}
            body = missing_fee_schedule_message(year, categories, today)
        for officer in {o.pk: o for o in officers}.values():
            notify(officer, subject=subject, body=body, url=reverse("registry:fee_schedules"), dedupe_key=key)
    return problems


def _check_amount(invoice: DuesInvoice, amount, paid_on) -> None:
    if invoice.status != DuesInvoice.Status.OPEN:
        raise DomainError(_("This invoice is already settled."))
    if not isinstance(amount, int) or amount <= 0:
        raise DomainError(_("The amount must be a whole number of rupiah above zero."), field="amount")
    if amount > invoice.outstanding():
        raise DomainError(
            _("The amount is more than what is still owed (Rp %(owed)s).")
            % {"owed": f"{invoice.outstanding():,}".replace(",", ".")},
            field="amount",
        )
    if paid_on is None:
        raise DomainError(_("Give the payment date."), field="paid_on")
    # The date's own rules (not in the future, not before the invoice period) are DuesPayment.clean's.


def submit_payment_proof(
    *, actor, invoice: DuesInvoice, amount: int, paid_on: datetime.date, proof, reference: str = ""
) -> DuesPayment:
    with transaction.atomic():
        invoice = DuesInvoice.objects.select_for_update(of=("self",)).select_related("member__person").get(pk=invoice.pk)
        _require_owner(actor, invoice.member.person)
        _check_amount(invoice, amount, paid_on)
        if not proof:
            raise DomainError(_("Upload the proof of payment."), field="proof")
        if invoice.payments.filter(status=DuesPayment.Status.SUBMITTED).exists():
            raise DomainError(_("A proof of payment for this invoice is already awaiting confirmation."))
        payment = DuesPayment(
            invoice=invoice, amount=amount, paid_on=paid_on, method=DuesPayment.Method.PROOF, proof=proof, reference=reference
        )
        _full_clean(payment, exclude=["receipt_number"])
        payment.save()
        return payment


def record_payment(*, actor, invoice: DuesInvoice, amount: int, paid_on: datetime.date, reference: str = "") -> DuesPayment:
    """An officer records a payment received (cash, transfer): it is confirmed at once."""
    with transaction.atomic():
        invoice = DuesInvoice.objects.select_for_update(of=("self",)).select_related("member__province").get(pk=invoice.pk)
        policy.require(actor, "registry.record_payment", invoice)
        _check_amount(invoice, amount, paid_on)
        payment = DuesPayment(
            invoice=invoice,
            amount=amount,
            paid_on=paid_on,
            method=DuesPayment.Method.OFFICER,
            reference=reference,
            recorded_by=actor,
        )
        _full_clean(payment, exclude=["receipt_number"])
        payment.save()
        return _confirm(actor, payment, invoice)


def confirm_payment(*, actor, payment: DuesPayment) -> DuesPayment:
    with transaction.atomic():
        payment = (
            DuesPayment.objects.select_for_update(of=("self",)).select_related("invoice__member__province").get(pk=payment.pk)
        )
        policy.require(actor, "registry.confirm_payment", payment)
        if payment.status != DuesPayment.Status.SUBMITTED:
            raise DomainError(_("This payment has already been decided."))
        invoice = DuesInvoice.objects.select_for_update(of=("self",)).get(pk=payment.invoice_id)
        if payment.amount > invoice.outstanding():
            raise DomainError(
                _("The amount is more than what is still owed (Rp %(owed)s).")
                % {"owed": f"{invoice.outstanding():,}".replace(",", ".")}
            )
        return _confirm(actor, payment, invoice)


def _confirm(actor, payment: DuesPayment, invoice: DuesInvoice) -> DuesPayment:
    member = invoice.member
    year = timezone.localdate().year
    payment.confirm(by=actor, receipt_number=RECEIPT_NUMBER.next(province=member.province.code, year=year))
    payment._history_user = actor
    payment.save()
    _after_commit_payment_notice(payment)
    if invoice.outstanding() == 0:
        invoice.status = DuesInvoice.Status.PAID
        invoice.paid_on = payment.paid_on
        invoice._history_user = actor
        invoice.save(update_fields=["status", "paid_on"])
    refresh_member_status(member=member, actor=actor)
    return payment


def reject_payment(*, actor, payment: DuesPayment, reason: str) -> DuesPayment:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for the rejection."), field="reason")
    with transaction.atomic():
        payment = DuesPayment.objects.select_for_update(of=("self",)).select_related("invoice__member").get(pk=payment.pk)
        policy.require(actor, "registry.confirm_payment", payment)
        if payment.status != DuesPayment.Status.SUBMITTED:
            raise DomainError(_("This payment has already been decided."))
        payment.reject(by=actor, reason=reason)
        payment._history_user = actor
        payment.save()
        _after_commit_payment_notice(payment)
        return payment


def cancel_receipt(*, actor, payment: DuesPayment, reason: str) -> DuesPayment:
    """Withdraw a confirmed payment and its receipt (a transfer that bounced, a payment recorded
    twice): the receipt keeps its number and its public page says it is cancelled; the invoice
    owes again what the payment had settled, and the member's status follows the dues."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for cancelling the receipt."), field="reason")
    with transaction.atomic():
        payment = DuesPayment.objects.select_for_update(of=("self",)).select_related("invoice__member").get(pk=payment.pk)
        policy.require(actor, "registry.confirm_payment", payment)
        if payment.status != DuesPayment.Status.CONFIRMED:
            raise DomainError(_("Only a confirmed payment's receipt can be cancelled."))
        invoice = DuesInvoice.objects.select_for_update(of=("self",)).get(pk=payment.invoice_id)
        payment.cancel(reason=reason)
        payment._history_user = actor
        payment.save()
        if invoice.status == DuesInvoice.Status.PAID and invoice.outstanding() > 0:
            invoice.status = DuesInvoice.Status.OPEN
            invoice.paid_on = None
            invoice._history_user = actor
            invoice._change_reason = gettext_noop("receipt cancelled")
            invoice.save(update_fields=["status", "paid_on"])
        refresh_member_status(member=invoice.member, actor=actor)
        _after_commit_payment_notice(payment)
        return payment


def _after_commit_payment_notice(payment: DuesPayment) -> None:
    pk = payment.pk
    transaction.on_commit(lambda: notify_payment(pk))


def notify_payment(payment_pk: int) -> None:
    """Tell the member the DPD's decision on their proof of payment (in Indonesian): inbox and
    e-mail, with what the invoice still owes."""
    payment = DuesPayment.objects.select_related("invoice__member__person__user").get(pk=payment_pk)
    person = payment.invoice.member.person
    with translation.override("id"):
        context = {"payment": payment, "person": person, "url": "", "outstanding": payment.invoice.outstanding()}
        subject = render_to_string("registry/email/payment_subject.txt", context).strip()
        body = render_to_string("registry/email/payment_body.txt", context).strip()
    _tell_person(
        person, subject=subject, body=body, url=reverse("registry:my_membership"), what=f"member about payment {payment_pk}"
    )


# --- Claiming a legacy record ------------------------------------------------------------------


def start_claim(*, actor, nik: str, birth_date: datetime.date, document) -> None:
    """Ask to take over an imported record. The answer is the same whether a record matches or
    not (nothing is returned): a record with its own e-mail address is sent a confirmation link
    there, after the request (so the time to answer does not tell either); a record without one
    gets a claim request with the claimant's identity document, for its DPD officer to review.
    Never the claimant's own address: anyone can read the date of birth from the NIK."""
    from regions.nik import normalise_nik

    from . import tasks
    from .models import ClaimRequest

    if Person.objects.filter(user=actor).exists():
        raise DomainError(_("Your account already has a profile; a record can only be claimed by an account without one."))
    with transaction.atomic():
        person = Person.objects.legacy_unclaimed().filter(nik=normalise_nik(nik), birth_date=birth_date).first()
        if person is None:
            return
        if person.email:
            person_pk, user_pk = person.pk, actor.pk
            transaction.on_commit(lambda: tasks.send_claim_link.enqueue(person_pk, user_pk))
            return
        if ClaimRequest.objects.open().filter(person=person, claimant=actor).exists():
            return
        claim = ClaimRequest(person=person, claimant=actor)
        claim.document.save(document.name, document, save=False)
        claim._history_user = actor
        claim._change_reason = gettext_noop("submitted")
        claim.save()


def send_claim_link(person_pk: int, user_pk: int) -> None:
    """E-mail the confirmation link to the record's own address. The link names that address, so
    it stops working if the record's address changes before it is used."""
    person = Person.objects.legacy_unclaimed().filter(pk=person_pk).exclude(email="").first()
    if person is None:
        return
    token = signing.dumps({"person": person.pk, "user": user_pk, "email": person.email}, salt=CLAIM_SALT)
    with translation.override("id"):
        context = {
            "person": person,
            "url": settings.SITE_URL + reverse("registry:claim_confirm", args=[token]),
            "days": CLAIM_MAX_AGE // 86400,
        }
        subject = render_to_string("registry/email/claim_subject.txt", context).strip()
        body = render_to_string("registry/email/claim_body.txt", context)
    send_mail(subject, body, None, [person.email])


def _take_over(person: Person, user, *, by, reason: str) -> None:
    """Link an imported record to the account of the person it belongs to."""
    person.user = user
    person.claimed = True
    person.claimed_at = timezone.now()
    if not person.email:
        person.email = user.email
    person._history_user = by
    person._change_reason = reason
    person.save()


def _close_other_claims(person: Person, *, by, keep=None) -> None:
    """Once a record is someone's, the other claims of it are answered, not left waiting."""
    from .models import ClaimRequest

    with translation.override("id"):
        reason = _("The record was taken over by another account after its identity was confirmed.")
    others = ClaimRequest.objects.select_for_update(of=("self",)).open().filter(person=person).select_related("claimant")
    for claim in others.exclude(pk=getattr(keep, "pk", None)):
        claim.reject(by=by, reason=reason)
        claim._history_user = by
        claim.save()
        _notify_claimant(claim)


def _notify_claimant(claim) -> None:
    from accounts.notifications import notify

    from .models import ClaimRequest

    with translation.override("id"):
        if claim.status == ClaimRequest.Status.APPROVED:
            subject = _("Your claim of an IPSPI record was approved")
            body = _(
                "An officer compared your identity document with the record “%(name)s” and confirmed it is yours. Review and complete your data, then submit it as a membership application."
            ) % {"name": claim.person.full_name}
            url = reverse("registry:my_membership")
        else:
            subject = _("Your claim of an IPSPI record was not approved")
            body = _("Reason: %(reason)s") % {"reason": claim.reason}
            url = reverse("registry:claim_start")
    notify(claim.claimant, subject=subject, body=body, url=url)


def _locked_claim(claim):
    from .models import ClaimRequest

    return ClaimRequest.objects.select_for_update(of=("self",)).select_related("person", "claimant").get(pk=claim.pk)


def approve_claim_request(*, actor, claim) -> Person:
    """The officer confirmed from the document that the record is the claimant's: the record
    becomes theirs exactly as through a confirmation link."""
    from .models import ClaimRequest

    with transaction.atomic():
        claim = _locked_claim(claim)
        policy.require(actor, "registry.decide_claim", claim)
        if claim.status != ClaimRequest.Status.SUBMITTED:
            raise DomainError(_("This claim has already been decided."))
        if not claim.document:
            raise DomainError(
                _(
                    "The identity document of this claim is no longer held, so it cannot be checked. Reject this claim with a reason."
                )
            )
        person = Person.objects.select_for_update(of=("self",)).get(pk=claim.person_id)
        if person.user_id is not None:
            raise DomainError(_("This record has already been claimed. Reject this claim with a reason."))
        if Person.objects.filter(user=claim.claimant).exists():
            raise DomainError(_("The claimant's account already has a profile of its own. Reject this claim with a reason."))
        claim.approve(by=actor)
        claim._history_user = actor
        claim.save()
        _take_over(person, claim.claimant, by=actor, reason=_("legacy record claimed (identity document checked)"))
        _close_other_claims(person, by=actor, keep=claim)
        claim.person = person
        _notify_claimant(claim)
        return person


def reject_claim_request(*, actor, claim, reason: str):
    from .models import ClaimRequest

    reason = (reason or "").strip()
    with transaction.atomic():
        claim = _locked_claim(claim)
        policy.require(actor, "registry.decide_claim", claim)
        if not reason:
            raise DomainError(_("Give the reason: the claimant is told it."), field="reason")
        if claim.status != ClaimRequest.Status.SUBMITTED:
            raise DomainError(_("This claim has already been decided."))
        claim.reject(by=actor, reason=reason)
        claim._history_user = actor
        claim.save()
        _notify_claimant(claim)
        return claim


def confirm_claim(*, actor, token: str) -> Person:
    try:
        data = signing.loads(token, salt=CLAIM_SALT, max_age=CLAIM_MAX_AGE)
    except signing.SignatureExpired:
        raise DomainError(_("This confirmation link has expired. Start the claim again.")) from None
    except signing.BadSignature:
        raise DomainError(_("This confirmation link is not valid.")) from None
    if data.get("user") != actor.pk:
        raise DomainError(
            _("This confirmation link was made for another account. Sign in with the account that started the claim.")
        )
    with transaction.atomic():
        person = Person.objects.select_for_update(of=("self",)).filter(pk=data.get("person")).first()
        if person is None or person.user_id is not None:
            raise DomainError(_("This record has already been claimed."))
        # Only a link sent to the record's own, unchanged address proves the claim (links of
        # earlier versions went to the claimant's address when the record had none).
        if not person.email or data.get("email") != person.email:
            raise DomainError(_("This confirmation link is no longer valid. Start the claim again."))
        if Person.objects.filter(user=actor).exists():
            raise DomainError(_("Your account already has a profile."))
        _take_over(person, actor, by=actor, reason=_("legacy record claimed"))
        _close_other_claims(person, by=None)
        return person


# --- Legacy import from the staff UI -----------------------------------------------------------


def _check_import(actor, source_kind: str) -> None:
    """Who may import a member list, and what kinds of list there are: the same for the staff
    page and the command line."""
    from .importer import SourceKind

    policy.require(actor, "registry.import_legacy")
    if source_kind not in SourceKind.ALL:
        raise DomainError(_("Choose what the list is."), field="source_kind")


def _store_list(*, actor, upload, name: str, source: str, **fields):
    """The upload record of a list: its file kept privately, with who brought it in."""
    from .models import ImportBatch

    batch = ImportBatch(source=source, original_name=name[:200], uploaded_by=actor, **fields)
    batch.file.save(f"import{'.xlsx' if name.lower().endswith('.xlsx') else '.csv'}", upload, save=False)
    batch._history_user = actor
    batch.save()
    return batch


def preview_import(*, actor, upload, source: str, source_kind: str = "lain"):
    """Store the uploaded list and run it as a dry run: the preview shows what would happen."""
    from .importer import ImportFileError, import_file

    _check_import(actor, source_kind)
    name = upload.name
    try:
        upload.seek(0)
        report = import_file(upload, name, source=source, dry_run=True, source_kind=source_kind, actor=actor)
    except ImportFileError as exc:
        raise DomainError(str(exc), field="file") from None
    upload.seek(0)
    with transaction.atomic():
        return _store_list(actor=actor, upload=upload, name=name, source=source, preview_report=report)


def import_list_now(*, actor, upload, name: str, source: str, source_kind: str, progress=None):
    """The command line's import (`import_members --by EMAIL`): the same upload record as the
    staff page's, already claimed by `actor`, then imported at once in this process by the very
    run a confirmation starts in the task worker (`run_confirmed_import`). A national list is
    checked with `--dry-run` first rather than read twice here. Returns the batch: imported, or
    previewed again with the reason when the file could not be read."""
    from .models import ImportBatch

    _check_import(actor, source_kind)
    source = (source or "").strip()
    if not source or len(source) > 100:  # ImportBatch.source's length
        raise DomainError(_("Name the list in at most 100 characters."), field="source")
    with transaction.atomic():
        batch = _store_list(
            actor=actor,
            upload=upload,
            name=name,
            source=source,
            preview_report={"source_kind": source_kind},
            status=ImportBatch.Status.IMPORTING,
            imported_by=actor,
        )
    run_confirmed_import(batch.pk, progress=progress)
    return ImportBatch.objects.get(pk=batch.pk)


def confirm_import(*, actor, batch):
    """Queue a previewed list for import. The list is claimed first (previewed → importing in
    one conditional UPDATE), so two confirmations, even at the same moment, import it once; the
    import runs in the task worker (`run_confirmed_import`), as a congress list of 100,000 rows
    takes longer than a web request may. Re-uploading the same file creates nothing new."""
    from . import tasks
    from .models import ImportBatch

    policy.require(actor, "registry.import_legacy")
    with transaction.atomic():
        claimed = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.PREVIEWED).update(
            status=ImportBatch.Status.IMPORTING, imported_by=actor, report={}
        )
        if not claimed:
            raise DomainError(_("This list has already been imported."))
        pk = batch.pk
        transaction.on_commit(lambda: tasks.run_member_import.enqueue(pk))
    return ImportBatch.objects.get(pk=pk)


def run_confirmed_import(batch_pk: int, *, progress=None) -> None:
    """Import a claimed list for real, with the list kind it was previewed with; rows commit in
    chunks (see `credentials.importing.run_claimed_list`, which tells the officer the outcome).
    `progress` wraps the rows (the command line's progress bar)."""
    from credentials.importing import run_claimed_list

    from .importer import ImportFileError, import_file
    from .models import ImportBatch

    batch = ImportBatch.objects.filter(pk=batch_pk, status=ImportBatch.Status.IMPORTING).first()
    if batch is None or batch.imported_by is None:
        return  # already done (a retried task) or never claimed

    def run() -> dict:
        policy.require(batch.imported_by, "registry.import_legacy")
        with batch.file.open("rb") as handle:
            return import_file(
                handle,
                batch.original_name or batch.file.name or "",
                source=batch.source,
                dry_run=False,
                source_kind=batch.source_kind,
                actor=batch.imported_by,
                progress=progress,
            )

    report = run_claimed_list(
        batch, run=run, url=reverse("registry:import_detail", args=[batch.pk]), readable_errors=(ImportFileError,)
    )
    if report is not None:
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportBatch.Status.IMPORTED, report=report, imported_at=timezone.now()
        )


def resume_stuck_imports() -> int:
    """Confirmed member lists left "being imported" by a killed worker are queued again and the
    import goes on where its chunks stopped (`credentials.importing.resume_stuck_lists`)."""
    from credentials.importing import resume_stuck_lists

    from . import tasks
    from .models import ImportBatch

    return resume_stuck_lists(ImportBatch, tasks.run_member_import)


def card_validity_on(day: datetime.date) -> CardValidity:
    """The card validity version in force on ``day`` (a card's issue date). Days before the
    first version read the first one (cards recorded from before Peksos kept the same rule)."""
    version = CardValidity.objects.in_force(day).order_by("-valid_from").first()
    version = version or CardValidity.objects.order_by("valid_from").first()
    if version is None:
        raise DomainError(_("No member card validity has been set; the DPP publishes one first."))
    return version


def pick_card_validity(versions: list[CardValidity], day: datetime.date) -> CardValidity:
    """The version in force on ``day`` among ``versions`` (loaded once, for bulk work); the same
    choice as card_validity_on without a query per card."""
    in_force = [v for v in versions if v.is_in_force(day)]
    if in_force:
        return max(in_force, key=lambda v: v.valid_from)
    if not versions:
        raise DomainError(_("No member card validity has been set; the DPP publishes one first."))
    return min(versions, key=lambda v: v.valid_from)


def card_valid_until(issued_on: datetime.date, version: CardValidity | None = None) -> datetime.date:
    """Last day of a card issued on ``issued_on``, under the version in force that day."""
    version = version or card_validity_on(issued_on)
    return period_end(issued_on, years=version.years)


def publish_card_validity(*, actor, valid_from: datetime.date, years: int, source: str) -> CardValidity:
    """The DPP sets a new card validity from a day (today or later). The version in force stays
    as it was and is closed the day before; cards already issued keep their end dates."""
    with transaction.atomic():
        policy.require(actor, "registry.manage_card_validity")
        today = register_day()
        if valid_from is None or valid_from < today:
            raise DomainError(_("A new version starts today or later, never in the past."), field="valid_from")
        if not years or years < 1:
            raise DomainError(_("A card is valid for at least one year."), field="years")
        source = (source or "").strip()
        if not source:
            raise DomainError(_("Say where this setting comes from (e.g. the DPP decree)."), field="source")
        versions = list(CardValidity.objects.select_for_update().order_by("valid_from"))
        if any(v.valid_from >= valid_from for v in versions):
            raise DomainError(
                _("A new version starts after the latest one; a version already set from this date or later exists."),
                field="valid_from",
            )
        previous = versions[-1] if versions else None
        if previous is not None and (previous.valid_until is None or previous.valid_until >= valid_from):
            previous.valid_until = valid_from - datetime.timedelta(days=1)
            previous._history_user = actor
            previous.save(update_fields=["valid_until"])
        version = CardValidity(valid_from=valid_from, years=years, source=source, set_by=actor)
        _full_clean(version)
        version._history_user = actor
        version.save()
        audit.record(
            actor,
            AuditEvent.Action.SENSITIVE_ACTION,
            version,
            summary=f"card validity {years} years from {valid_from.isoformat()}",
            years=years,
            valid_from=valid_from.isoformat(),
            previous=previous.pk if previous else None,
        )
        return version


def set_payment_instructions(
    *,
    actor,
    province,
    bank_name: str,
    account_number: str,
    account_holder: str,
    note: str = "",
    reference_format: str = "",
) -> PaymentInstructions:
    """The DPD keeps where its members pay dues: one row per province, changed in place (its
    history keeps the earlier accounts)."""
    with transaction.atomic():
        policy.require(actor, "registry.manage_payment_instructions", province)
        instructions = PaymentInstructions.objects.select_for_update(of=("self",)).filter(
            province=province
        ).first() or PaymentInstructions(province=province)
        instructions.bank_name = (bank_name or "").strip()
        instructions.account_number = (account_number or "").strip()
        instructions.account_holder = (account_holder or "").strip()
        instructions.note = (note or "").strip()
        instructions.reference_format = (reference_format or "").strip()
        instructions.updated_by = actor
        _full_clean(instructions)
        instructions._history_user = actor
        instructions.save()
        return instructions


def add_fee_schedule(*, actor, schedule: FeeSchedule) -> FeeSchedule:
    """The DPP sets dues as data: a new row with its period and decree; older rows stay as they
    were (invoices keep pointing at the row they were issued under)."""
    with transaction.atomic():
        policy.require(actor, "registry.manage_fees")
        _full_clean(schedule)
        schedule._history_user = actor
        schedule.save()
        return schedule


# --- Erasure (UU 27/2022) ----------------------------------------------------------------------


def erase_for_user(user, actor) -> str:
    """core.personal_data erase hook. Identity, contacts, address, photo, education, experience
    and training go, from the records, their change history and storage. A member keeps name,
    number and status: the member number is a public register entry and its card stays
    verifiable (the stored card, which shows the photo, is deleted and drawn again on demand).
    Someone who never became a member keeps no name either. The identity document shown for a
    record claim goes; the claim and its decision stay. Applications and their decisions
    stay (decisions of the organisation), and so do dues invoices and payments with their proof
    (financial records, kept for the organisation's accounting retention period)."""
    from core import personal_data

    from .models import AssistedRegistration, ClaimRequest

    person = Person.objects.filter(user=user).first()
    claims = list(ClaimRequest.objects.filter(claimant=user).exclude(document=""))
    if person is None and not claims:
        return ""
    with transaction.atomic():
        # The claim and its decision stay; the identity document shown for it goes.
        for claim in claims:
            personal_data.erase(claim, actor=actor, document="")
        if person is None:
            return _("Member register: identity documents of record claims erased.")
        for item in [*person.educations.all(), *person.experiences.all(), *person.trainings.all()]:
            personal_data.delete(item)
        member = Member.objects.filter(person=person).first()
        if member is not None:
            personal_data.erase(member, actor=actor, card_pdf="")
        # CPD records stay (they count towards the STR); the evidence documents go.
        for activity in person.cpd_activities.exclude(evidence=""):
            personal_data.erase(activity, actor=actor, evidence="")
        assisted = AssistedRegistration.objects.filter(person=person).first()
        if assisted is not None:
            # The consent and its signed form stay as the record of why the IPSPI held the data;
            # the identity document brought to the office and the invitation address go.
            personal_data.erase(assisted, actor=actor, identity_document="", invitation_sent_to="")
        values = {
            "user": None,
            "nik": None,
            "birth_place": "",
            "birth_date": None,
            "sex": "",
            "photo": "",
            "phone": "",
            "email": "",
            "address": "",
            "province": None,
            "regency": None,
            "workforce_category": "",
            "claimed_at": None,
        }
        if member is None:
            values["full_name"] = _("(erased)")
        personal_data.erase(person, actor=actor, **values)
    if member is not None:
        return _(
            "Member register: identity, contacts, address, photo and documents erased, also from the change history; name and member number kept for the register; dues records kept."
        )
    return _("Member register: profile anonymised, documents erased, also from the change history.")


# --- Assisted registration ---------------------------------------------------------------------

# Person.source of a record an officer entered on the person's behalf. Like an imported record, it
# has no account until its person takes it over (by the invitation, or by a claim).
ASSISTED_SOURCE = "assisted"
INVITATION_DAYS = 90
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read aloud and typed from paper


def _invitation_code() -> str:
    import secrets

    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def _code_hash(code: str) -> str:
    import hashlib
    import hmac

    normalised = "".join(c for c in (code or "").upper() if c.isalnum())
    return hmac.new(settings.SECRET_KEY.encode(), f"registry.invitation:{normalised}".encode(), hashlib.sha256).hexdigest()


def _new_invitation(registration) -> str:
    code = _invitation_code()
    registration.invitation_code_hash = _code_hash(code)
    registration.invitation_expires_at = timezone.now() + datetime.timedelta(days=INVITATION_DAYS)
    registration.invitation_sent_to = registration.person.email
    if registration.person.email:
        registration_pk = registration.pk
        transaction.on_commit(lambda: send_invitation(registration_pk, code))
    return code


def register_on_behalf(
    *,
    actor,
    person: Person,
    education: Education,
    consent_given_by: str,
    consent_given_on: datetime.date | None,
    consent_method: str,
    consent_document,
    identity_document=None,
):
    """An officer enters and submits a membership application for someone who applied by e-mail
    or at the office, with the documents they brought and the consent they gave (who, when, how,
    and the signed form or message). A DPD officer enters it for their own province (the DPD
    channel); a DPP officer through the DPP. The person is invited to take the record over as
    their account: by e-mail when they have an address, else with the printed code. Returns the
    registration and the invitation code (shown once: only its hash is kept)."""
    from .models import AssistedRegistration
    from .rules import is_dpp

    consent_given_by = (consent_given_by or "").strip()
    if not consent_given_by:
        raise DomainError(_("Say who gave consent."), field="consent_given_by")
    if consent_method not in AssistedRegistration.Consent.values:
        raise DomainError(_("Choose how consent was given."), field="consent_method")
    if consent_given_on is None or consent_given_on > timezone.localdate():
        raise DomainError(_("Give the date of consent (not in the future)."), field="consent_given_on")
    if not consent_document:
        raise DomainError(_("Upload the signed consent, or the message in which the person gave it."), field="consent_document")
    if person.province_id is None:
        raise DomainError(_("Choose the person's province."), field="province")
    channel = MembershipApplication.Channel.DPP if is_dpp(actor) else MembershipApplication.Channel.DPD
    with transaction.atomic():
        application = MembershipApplication(channel=channel, province_id=person.province_id)
        policy.require(actor, "registry.assist_registration", application)
        if person.nik and Person.objects.filter(nik=person.nik).exists():
            raise DomainError(
                _("A record with this NIK is already in the register: find it in the member list, or let the person claim it."),
                field="nik",
            )
        if person.email and Person.objects.filter(email__iexact=person.email, user__isnull=False).exists():
            raise DomainError(_("This e-mail address is already used in another member's profile."), field="email")
        email_label = str(Person._meta.get_field("email").verbose_name)
        missing = [name for name in person.missing_for_application() if name != email_label]
        if missing:
            raise DomainError(_("Fill in: %(fields)s.") % {"fields": ", ".join(missing)})
        person.user = None
        person.source = ASSISTED_SOURCE
        _full_clean(person, exclude=["user"])
        person._history_user = actor
        person._change_reason = gettext_noop("entered on the person's behalf by an officer")
        person.save()
        education.person = person
        _full_clean(education)
        education._history_user = actor
        education.save()
        application.person = person
        application.category = person.suggested_category()
        application.submit()
        application._history_user = actor
        application._change_reason = gettext_noop("entered on the person's behalf and submitted by an officer")
        application.save()
        registration = AssistedRegistration(
            person=person,
            application=application,
            entered_by=actor,
            consent_given_by=consent_given_by,
            consent_given_on=consent_given_on,
            consent_method=consent_method,
        )
        registration.consent_document.save(consent_document.name, consent_document, save=False)
        if identity_document:
            registration.identity_document.save(identity_document.name, identity_document, save=False)
        _full_clean(registration)
        registration._history_user = actor
        registration.save()
        code = _new_invitation(registration)
        registration.save(update_fields=["invitation_code_hash", "invitation_expires_at", "invitation_sent_to"])
        return registration, code


def reissue_invitation(*, actor, registration) -> str:
    """A new invitation code (the earlier one stops working), e.g. when the printed one was lost."""
    from .models import AssistedRegistration

    with transaction.atomic():
        registration = (
            AssistedRegistration.objects.select_for_update(of=("self",))
            .select_related("person", "application")
            .get(pk=registration.pk)
        )
        policy.require(actor, "registry.assist_registration", registration)
        if registration.taken_over_at or registration.person.user_id:
            raise DomainError(_("The person has already taken over the record."))
        code = _new_invitation(registration)
        registration._history_user = actor
        registration._change_reason = gettext_noop("new invitation code")
        registration.save()
        return code


def send_invitation(registration_pk: int, code: str) -> None:
    """E-mail the person the invitation to take over their record (in Indonesian)."""
    from .models import AssistedRegistration

    registration = AssistedRegistration.objects.select_related("person", "application__province").get(pk=registration_pk)
    recipient = registration.person.email
    if not recipient or registration.taken_over_at:
        return
    with translation.override("id"):
        subject = _("Your IPSPI membership application: take over your account")
        body = _(
            "An officer of %(board)s entered your IPSPI membership application on your behalf, with your consent. "
            "To follow it and receive your member card, create an account on Peksos (or sign in), then open this link:\n\n"
            "%(url)s\n\nor enter the invitation code %(code)s. The invitation is valid until %(until)s."
        ) % {
            "board": _board_name(registration.application),
            "url": settings.SITE_URL + reverse("registry:invitation_accept_code", args=[code]),
            "code": code,
            "until": timezone.localtime(registration.invitation_expires_at).strftime("%d-%m-%Y"),
        }
    try:
        send_mail(subject, body, None, [recipient])
    except Exception:  # the application stands; the officer can print the code instead
        log.exception("Could not e-mail the invitation of assisted registration %s", registration_pk)


def accept_invitation(*, actor, code: str) -> Person:
    """The person takes over the record an officer entered for them: it becomes their account's."""
    from .models import AssistedRegistration

    invalid = _(
        "This invitation code is not valid or has expired. Ask the IPSPI office that entered your application for a new one."
    )
    digest = _code_hash(code)
    with transaction.atomic():
        registration = (
            AssistedRegistration.objects.select_for_update(of=("self",)).filter(invitation_code_hash=digest).first()
            if code and code.strip()
            else None
        )
        if (
            registration is None
            or registration.invitation_expires_at is None
            or registration.invitation_expires_at < timezone.now()
        ):
            raise DomainError(invalid, field="code")
        if Person.objects.filter(user=actor).exists():
            raise DomainError(
                _("Your account already has a profile; an invitation can only be accepted by an account without one.")
            )
        person = Person.objects.select_for_update(of=("self",)).get(pk=registration.person_id)
        if person.user_id is not None:
            raise DomainError(_("This record has already been taken over."))
        _take_over(person, actor, by=actor, reason=_("assisted registration taken over by the person"))
        _close_other_claims(person, by=None)
        registration.taken_over_at = timezone.now()
        registration.invitation_code_hash = ""
        registration._history_user = actor
        registration._change_reason = gettext_noop("invitation accepted")
        registration.save()
        return person
