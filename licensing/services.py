"""STR issuance and practice licences under both regimes."""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed

from accounts import policy
from accounts.models import RoleAssignment
from accounts.notifications import notify
from accounts.roles import Role
from certification.models import Certificate
from core import audit, files
from core.dates import period_end, register_day
from core.errors import DomainError, NotAllowed
from core.models import AuditEvent
from credentials.models import Credential
from credentials.services import change_status, checked_category, issue_credential, mark_renewed

from . import renewals
from .models import (
    LICENCE_NUMBER,
    NATIONAL_LICENCE_NUMBER,
    STATUS_ACTIONS,
    STR_NUMBER,
    Licence,
    LicenceApplication,
    LicensingAuthority,
    LicensingRuleSet,
    Status,
    Str,
    StrApplication,
    licence_claims,
)

log = logging.getLogger(__name__)
IPSPI = "Independen Pekerja Sosial Profesional Indonesia (IPSPI)"


def rule_set_on(day: datetime.date) -> LicensingRuleSet:
    rule_set = LicensingRuleSet.objects.in_force(day).order_by("-valid_from").first()
    if rule_set is None:
        raise DomainError(_("No licensing rules are in force on %(day)s.") % {"day": day.isoformat()})
    return rule_set


def _person_of(actor):
    person = getattr(actor, "person", None) if getattr(actor, "is_authenticated", False) else None
    if person is None:
        raise DomainError(_("Complete your social-worker profile first."))
    return person


def _step(obj, transition: str, **kwargs) -> None:
    try:
        getattr(obj, transition)(**kwargs)
    except TransitionNotAllowed:
        raise DomainError(
            _("This step is not possible in the current status (%(status)s).") % {"status": obj.get_status_display()}
        ) from None


def _valid_certificate(person, certificate: Certificate, day: datetime.date) -> Certificate:
    if certificate.person_id != person.pk or not Certificate.objects.valid_for(person, day).filter(pk=certificate.pk).exists():
        raise DomainError(_("A valid competency certificate of your own is required."), field="certificate")
    return certificate


# --- renewal -----------------------------------------------------------------------------------------
def rule_set_in_force_today() -> LicensingRuleSet | None:
    return LicensingRuleSet.objects.in_force(register_day()).order_by("-valid_from").first()


def publish_validity(
    *,
    actor,
    valid_from: datetime.date,
    source: str,
    str_validity_years: int | None = None,
    licence_validity_years: int | None = None,
) -> LicensingRuleSet:
    """A new version of the rule set in force, from ``valid_from`` (today or later), copied with
    the new validity periods; the version in force is closed the day before and otherwise left
    as it was (an STR or licence already decided keeps the period it was decided under). The
    DPP sets the STR's period, the ministry the licence's; a value left empty is copied."""
    with transaction.atomic():
        changes = {}
        if str_validity_years is not None:
            policy.require(actor, "licensing.set_str_validity")
            changes["str_validity_years"] = str_validity_years
        if licence_validity_years is not None:
            policy.require(actor, "licensing.set_licence_validity")
            changes["licence_validity_years"] = licence_validity_years
        if not changes:
            raise DomainError(_("Enter the new validity period."))
        if any(years < 1 for years in changes.values()):
            raise DomainError(_("A validity period is at least one year."), field=next(iter(changes)))
        today = register_day()
        if valid_from is None or valid_from < today:
            raise DomainError(_("A new version starts today or later, never in the past."), field="valid_from")
        source = (source or "").strip()
        if not source:
            raise DomainError(_("Say where this setting comes from (e.g. the decree)."), field="source")
        current = LicensingRuleSet.objects.select_for_update().in_force(today).order_by("-valid_from").first()
        if current is None:
            raise DomainError(_("No licensing rule set is in force today."))
        if LicensingRuleSet.objects.filter(regime=current.regime, valid_from__gte=valid_from).exists():
            raise DomainError(
                _("A new version starts after the latest one; a version already set from this date or later exists."),
                field="valid_from",
            )
        if LicensingRuleSet.objects.filter(regime=current.regime, valid_from__gt=current.valid_from).exists():
            raise DomainError(_("A next version is already published; it takes effect first."), field="valid_from")
        version = LicensingRuleSet(
            code=f"{current.code[:38]}-{valid_from:%Y%m%d}",
            name=current.name,
            regime=current.regime,
            str_validity_years=current.str_validity_years,
            licence_validity_years=current.licence_validity_years,
            renewal_window_days=current.renewal_window_days,
            valid_from=valid_from,
            source=source[:255],
            source_url="",
            set_by=actor,
        )
        for field, value in changes.items():
            setattr(version, field, value)
        current.valid_until = valid_from - datetime.timedelta(days=1)
        current.save(update_fields=["valid_until"])
        version.save()
        audit.record(
            actor,
            AuditEvent.Action.SENSITIVE_ACTION,
            version,
            summary=f"licensing validity from {valid_from.isoformat()}",
            previous=current.pk,
            valid_from=valid_from.isoformat(),
            **changes,
        )
        return version


def renewal_opens_on(record, rule_set: LicensingRuleSet) -> datetime.date:
    return record.valid_until - datetime.timedelta(days=rule_set.renewal_window_days)


def _continues_after(renewed, day: datetime.date) -> datetime.date:
    """A renewal starts the day after the record it renews ends, so validity never overlaps or
    lapses; a renewal of something already ended starts on the decision day."""
    if renewed is not None and renewed.status == Status.VALID and renewed.valid_until >= day:
        return renewed.valid_until + datetime.timedelta(days=1)
    return day


def _mark_renewed(actor, previous, successor) -> None:
    """The record a renewal continues stays valid to its last day and then reads as ended by
    renewal (credentials.models.standing), on its own page and on its credential."""
    if (
        previous is None
        or previous.status != Status.VALID
        or successor.valid_from != previous.valid_until + datetime.timedelta(days=1)
    ):
        return
    previous.status_category = Credential.StatusCategory.RENEWED
    previous.status_reason = (_("Renewed by %(number)s.") % {"number": successor.number})[:255]
    previous._history_user = actor
    previous._change_reason = "renewed"
    previous.save(update_fields=["status_reason", "status_category"])
    if previous.credential_id and successor.credential_id:
        mark_renewed(actor=actor, credential=previous.credential, successor=successor.credential)


# --- STR ---------------------------------------------------------------------------------------------
def _str_waiting_message():
    return _("You already have an STR application waiting for a decision.")


def _waiting_str_application(person) -> StrApplication | None:
    return StrApplication.objects.filter(person=person, status=StrApplication.State.SUBMITTED).first()


def check_may_apply_for_str(person, today: datetime.date) -> tuple[LicensingRuleSet, Str | None]:
    """Whether `person` may apply for an STR today, whichever certificate they name: the page
    offers the application exactly when this passes, and the application checks it again.
    Returns the rules in force and the STR a new one would renew."""
    rule_set = rule_set_on(today)
    if not rule_set.requires_str:
        raise DomainError(_("The STR exists under UU 14/2019; the rules in force on this date do not provide for it."))
    if not Certificate.objects.valid_for(person, today).exists():
        raise DomainError(_("A valid competency certificate of your own is required."), field="certificate")
    if _waiting_str_application(person) is not None:
        raise DomainError(_str_waiting_message())
    # Holding a valid STR, a new application is its renewal, open only near its end.
    current = Str.objects.valid(today).filter(person=person).order_by("-valid_until").first()
    if current is not None and today < renewal_opens_on(current, rule_set):
        raise DomainError(
            _("Your STR %(number)s is valid until %(date)s; its renewal opens on %(opens)s.")
            % {
                "number": current.number,
                "date": current.valid_until.isoformat(),
                "opens": renewal_opens_on(current, rule_set).isoformat(),
            }
        )
    return rule_set, current


def may(check, *args) -> bool:
    """Whether `check` passes (for a page deciding what to offer)."""
    try:
        check(*args)
    except DomainError:
        return False
    return True


def apply_for_str(
    *,
    actor,
    certificate: Certificate,
    health_statement,
    oath_taken: bool,
    code_of_ethics: bool,
    today: datetime.date | None = None,
) -> StrApplication:
    today = today or register_day()
    person = _person_of(actor)
    rule_set, current = check_may_apply_for_str(person, today)
    _valid_certificate(person, certificate, today)
    if not health_statement:
        raise DomainError(_("Attach the physical and mental health statement."), field="health_statement")
    if not (oath_taken and code_of_ethics):
        raise DomainError(_("Both statements (oath and code of ethics) are required by UU 14/2019 Pasal 29."), field="oath_taken")
    try:
        with transaction.atomic():
            application = StrApplication.objects.create(
                person=person,
                certificate=certificate,
                health_statement=health_statement,
                oath_taken=True,
                code_of_ethics=True,
                rule_set=rule_set,
                renewal_of=current,
            )
    except IntegrityError:
        # The only constraint a new application can trip: another one arrived at the same time.
        raise DomainError(_str_waiting_message()) from None
    for officer in RoleAssignment.objects.active().filter(role=Role.DPP_OFFICER).select_related("user"):
        notify(officer.user, subject=_("STR application to decide"), body=str(person), url=f"/lisensi/str/{application.pk}/")
    return application


def _check_renewal_checklist(renewed: Str, today: datetime.date) -> None:
    """A renewal is issued only on a complete checklist (the requirement items in force today:
    certificate, dues, CPD credits, health statement, statements), never on the certificate
    alone; the refusal names what is missing."""
    checklist = renewals.str_checklist(renewed, today)
    if not checklist.complete:
        raise DomainError(
            _("This renewal cannot be issued yet: %(missing)s.") % {"missing": checklist.missing_text()},
            field="renewal_checklist",
        )


def str_decisions(application: StrApplication, today: datetime.date) -> list[str]:
    """The decisions the DPP is offered on `application` today: what its state allows, without
    "issue" for a renewal whose checklist is incomplete (decide_str would refuse it)."""
    decisions = application.decisions()
    if (
        "issue" in decisions
        and application.renewal_of is not None
        and not may(_check_renewal_checklist, application.renewal_of, today)
    ):
        decisions = [d for d in decisions if d != "issue"]
    return decisions


def decide_str(
    *, actor, application: StrApplication, version, approve: bool, reason: str = "", today: datetime.date | None = None
) -> Str | None:
    policy.require(actor, "licensing.decide_str", application)
    today = today or register_day()
    if not approve and not reason.strip():
        raise DomainError(_("Give the reason for the rejection."), field="reason")
    with transaction.atomic():
        application.claim_version(version)
        if not approve:
            _step(application, "reject", by=actor, reason=reason.strip())
            application._history_user = actor
            application.save()
            issued = None
        else:
            certificate = application.certificate
            _valid_certificate(application.person, certificate, today)
            if application.renewal_of is not None:
                _check_renewal_checklist(application.renewal_of, today)
            _step(application, "issue", by=actor)
            application._history_user = actor
            application.save()
            valid_from = _continues_after(application.renewal_of, today)
            valid_until = period_end(valid_from, years=application.rule_set.str_validity_years)
            if certificate.valid_until and certificate.valid_until < valid_until:
                valid_until = certificate.valid_until  # never beyond the certificate it rests on
            if valid_until < valid_from:
                raise DomainError(
                    _("The competency certificate ends before the renewed STR would begin: renew the certificate first.")
                )
            issued = Str.objects.create(
                number=STR_NUMBER.next(year=today.year),
                person=application.person,
                certificate=certificate,
                application=application,
                valid_from=valid_from,
                valid_until=valid_until,
            )
            issued.credential = issue_credential(
                actor=actor,
                kind=Credential.Kind.STR,
                subject=issued,
                holder=application.person,
                number=issued.number,
                holder_name=application.person.full_name,
                issuer_name=IPSPI,
                valid_from=issued.valid_from,
                valid_until=issued.valid_until,
                claims={"certificate": certificate.number, "rule": application.rule_set.source[:120]},
            )
            issued.save(update_fields=["credential"])
            _mark_renewed(actor, application.renewal_of, issued)
            str_pk = issued.pk
            transaction.on_commit(lambda: _enqueue_str_pdf(str_pk))
    if application.person.user:
        subject = (
            _("Your STR was issued: %(number)s") % {"number": issued.number} if issued else _("Your STR application was rejected")
        )
        notify(application.person.user, subject=subject, body=reason or subject, url="/lisensi/")
    return issued


def _enqueue_str_pdf(pk: int) -> None:
    from .tasks import render_str_pdf

    try:
        render_str_pdf.enqueue(pk)
    except Exception:  # the STR stands; its page renders the document when first asked for
        log.exception("Could not render STR PDF %s", pk)


# --- licences ------------------------------------------------------------------------------------------
def check_not_in_future(day: datetime.date, today: datetime.date, *, field: str) -> None:
    """A decision is recorded on or after the day it was made: a decree, decision or issue date
    later than today (in Jakarta) is refused, as the ministry's own form refuses it."""
    if day > today:
        raise DomainError(
            _("The date %(date)s is in the future: a decision can only be recorded on or after the day it was made.")
            % {"date": day.isoformat()},
            field=field,
        )


def authority_for(rule_set: LicensingRuleSet, regency) -> LicensingAuthority:
    if rule_set.regime == LicensingRuleSet.Regime.PERMENSOS_2009:
        return LicensingAuthority.objects.get(level=LicensingAuthority.Level.NATIONAL)
    return LicensingAuthority.objects.get(regency=regency)


WAITING = [LicenceApplication.State.SUBMITTED, LicenceApplication.State.RECOMMENDED]


def _waiting_licence_application(person, authority) -> LicenceApplication | None:
    return LicenceApplication.objects.filter(person=person, authority=authority, status__in=WAITING).first()


def _licence_waiting_message(authority) -> str:
    return _(
        "Your licence application to %(authority)s is already waiting for a decision: one application per authority at a time."
    ) % {"authority": authority}


def check_may_apply_for_licence(person, today: datetime.date) -> LicensingRuleSet:
    """Whether `person` holds what any licence application needs today (a valid certificate,
    and under UU 14/2019 a valid STR): the page offers the application exactly then."""
    rule_set = rule_set_on(today)
    if not Certificate.objects.valid_for(person, today).exists():
        raise DomainError(_("A valid competency certificate of your own is required."), field="certificate")
    if rule_set.requires_str and not Str.objects.valid(today).filter(person=person).exists():
        raise DomainError(
            _("A valid STR is required before applying for a practice licence (UU 14/2019 Pasal 28)."), field="str_record"
        )
    return rule_set


def apply_for_licence(
    *,
    actor,
    certificate: Certificate,
    setting: str,
    place: str,
    regency,
    field: str,
    str_record: Str | None = None,
    authority: LicensingAuthority | None = None,
    today: datetime.date | None = None,
) -> LicenceApplication:
    today = today or register_day()
    person = _person_of(actor)
    rule_set = check_may_apply_for_licence(person, today)
    _valid_certificate(person, certificate, today)
    if setting not in LicenceApplication.Setting.values:
        raise DomainError(_("Choose the practice setting."), field="setting")
    if not place.strip() or regency is None:
        raise DomainError(_("Name the practice place and its regency/city."), field="place")
    if rule_set.requires_str:
        if (
            str_record is None
            or str_record.person_id != person.pk
            or not Str.objects.valid(today).filter(pk=str_record.pk).exists()
        ):
            raise DomainError(
                _("A valid STR is required before applying for a practice licence (UU 14/2019 Pasal 28)."), field="str_record"
            )
    correct = authority_for(rule_set, regency)
    if authority is not None and authority.pk != correct.pk:
        raise DomainError(
            _("%(authority)s does not license practice in %(regency)s; apply to %(correct)s.")
            % {"authority": authority, "regency": regency, "correct": correct},
            field="authority",
        )
    if _waiting_licence_application(person, correct) is not None:
        raise DomainError(_licence_waiting_message(correct))
    try:
        with transaction.atomic():
            application = LicenceApplication.objects.create(
                person=person,
                rule_set=rule_set,
                certificate=certificate,
                str_record=str_record if rule_set.requires_str else None,
                setting=setting,
                place=place.strip(),
                regency=regency,
                field=field.strip()[:60],
                authority=correct,
            )
    except IntegrityError:
        # The only constraint a new application can trip: another one to the same authority
        # arrived at the same time (one_waiting_licence_application_per_person_and_authority).
        raise DomainError(_licence_waiting_message(correct)) from None
    return application


def renew_licence(*, actor, licence: Licence, today: datetime.date | None = None) -> LicenceApplication:
    """The holder asks to renew a licence near or after its end: a new application for the same
    practice, on the certificate and STR valid today and the rules in force today."""
    today = today or register_day()
    person = _person_of(actor)
    if licence.person_id != person.pk:
        raise NotAllowed()
    certificate, str_record, previous = check_may_renew_licence(licence, today)
    with transaction.atomic():
        application = apply_for_licence(
            actor=actor,
            certificate=certificate,
            str_record=str_record,
            setting=previous.setting,
            place=previous.place,
            regency=previous.regency,
            field=previous.field,
            today=today,
        )
        application.renewal_of = licence
        application.save(update_fields=["renewal_of"])
    return application


def check_may_renew_licence(licence: Licence, today: datetime.date):
    """Whether the holder may renew `licence` today: the page offers "Renew" exactly when this
    passes. Returns the certificate, STR and application the renewal rests on."""
    rule_set = rule_set_on(today)
    if licence.status not in (Status.VALID, Status.EXPIRED):
        raise DomainError(_("A %(status)s licence cannot be renewed.") % {"status": licence.get_status_display()})
    if today < renewal_opens_on(licence, rule_set):
        raise DomainError(
            _("Renewal of %(number)s opens on %(date)s.")
            % {"number": licence.number, "date": renewal_opens_on(licence, rule_set).isoformat()}
        )
    if LicenceApplication.objects.filter(renewal_of=licence, status__in=WAITING).exists():
        raise DomainError(_("The renewal of %(number)s is already waiting for a decision.") % {"number": licence.number})
    person = licence.person
    certificate = Certificate.objects.valid_for(person, today).order_by("-valid_until").first()
    if certificate is None:
        raise DomainError(_("A valid competency certificate of your own is required."))
    str_record = (
        Str.objects.valid(today).filter(person=person).order_by("-valid_until").first() if rule_set.requires_str else None
    )
    previous = licence.application
    if previous is None:
        raise DomainError(
            _("%(number)s was issued before Peksos: apply for a new licence, naming your practice place.")
            % {"number": licence.number}
        )
    if rule_set.requires_str and str_record is None:
        raise DomainError(_("A valid STR is required before applying for a practice licence (UU 14/2019 Pasal 28)."))
    if _waiting_licence_application(person, authority_for(rule_set, previous.regency)) is not None:
        raise DomainError(_licence_waiting_message(authority_for(rule_set, previous.regency)))
    return certificate, str_record, previous


def recommend_licence(*, actor, application: LicenceApplication, version, text: str) -> LicenceApplication:
    policy.require(actor, "licensing.recommend_licence", application)
    if not application.needs_lsp_recommendation:
        raise DomainError(_("Under the current rules the LSP does not forward licence applications."))
    if not text.strip():
        raise DomainError(_("Write the LSP's recommendation."), field="text")
    with transaction.atomic():
        application.claim_version(version)
        _step(application, "recommend", by=actor, text=text.strip())
        application._history_user = actor
        application.save()
    return application


def decide_licence(
    *,
    actor,
    application: LicenceApplication,
    version,
    grant: bool,
    decree_number: str = "",
    decree_date: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    reason: str = "",
) -> Licence | None:
    policy.require(actor, "licensing.decide_licence", application)
    if grant and application.grant_waits_for_recommendation():
        raise DomainError(_("Under Permensos 108/HUK/2009 the LSP must forward the application with its recommendation first."))
    if not grant:
        if not reason.strip():
            raise DomainError(_("Give the reason for the refusal."), field="reason")
        with transaction.atomic():
            application.claim_version(version)
            _step(application, "refuse", by=actor, reason=reason.strip())
            application._history_user = actor
            application.save()
        if application.person.user:
            notify(
                application.person.user, subject=_("Your licence application was refused"), body=reason.strip(), url="/lisensi/"
            )
        return None
    if not decree_number.strip() or decree_date is None:
        raise DomainError(_("Enter the decree number and date."), field="decree_number")
    today = register_day()
    check_not_in_future(decree_date, today, field="decree_date")
    basis_end = application.certificate.valid_until
    if application.str_record is not None:
        basis_end = min(d for d in (basis_end, application.str_record.valid_until) if d)
    if application.renewal_of is not None:
        # A renewal rests on the holder's certificate and STR as renewed by then: each renewal
        # starts the day after the one before, so the latest end is the end of cover.
        ends = [
            Certificate.objects.filter(person=application.person, status=Certificate.Status.VALID, valid_until__gte=today)
            .order_by("-valid_until")
            .values_list("valid_until", flat=True)
            .first()
        ]
        if application.str_record is not None:
            ends.append(
                Str.objects.filter(person=application.person, status=Status.VALID, valid_until__gte=today)
                .order_by("-valid_until")
                .values_list("valid_until", flat=True)
                .first()
            )
        basis_end = min((d for d in ends if d), default=basis_end)
    valid_from = _continues_after(application.renewal_of, decree_date)
    default_end = period_end(valid_from, years=application.rule_set.licence_validity_years)
    allowed_end = min(d for d in (default_end, basis_end) if d)
    if allowed_end < valid_from:
        raise DomainError(_("The certificate or STR ends before the renewed licence would begin: renew them first."))
    if valid_until is not None and valid_until < valid_from:
        raise DomainError(
            _("The licence cannot end before it begins (%(date)s).") % {"date": valid_from.isoformat()}, field="valid_until"
        )
    if valid_until is not None and valid_until > allowed_end:
        raise DomainError(
            _("The licence cannot be valid beyond %(date)s (its certificate or STR ends then, or the rule allows no more).")
            % {"date": allowed_end.isoformat()},
            field="valid_until",
        )
    with transaction.atomic():
        application.claim_version(version)
        _valid_certificate(application.person, application.certificate, today)
        _step(application, "grant", by=actor)
        application._history_user = actor
        application.save()
        authority = application.authority
        year = decree_date.year
        if authority.level == LicensingAuthority.Level.NATIONAL:
            number = NATIONAL_LICENCE_NUMBER.next(year=year)
        else:
            assert authority.regency is not None, "a kabupaten/kota authority is set up with its regency"
            number = LICENCE_NUMBER.next(regency=authority.regency.nik_code, year=year)
        licence = Licence.objects.create(
            number=number,
            person=application.person,
            application=application,
            authority=authority,
            decree_number=decree_number.strip(),
            decree_date=decree_date,
            valid_from=valid_from,
            valid_until=valid_until or allowed_end,
        )
        licence.credential = issue_credential(
            actor=actor,
            kind=Credential.Kind.LICENCE,
            subject=licence,
            holder=application.person,
            number=number,
            holder_name=application.person.full_name,
            issuer_name=authority.name,
            valid_from=licence.valid_from,
            valid_until=licence.valid_until,
            claims=licence_claims(field=application.field, setting=application.setting, regency=application.regency.name),
        )
        licence.save(update_fields=["credential"])
        _mark_renewed(actor, application.renewal_of, licence)
    if application.person.user:
        notify(
            application.person.user,
            subject=_("Your practice licence was granted: %(number)s") % {"number": number},
            body=authority.name,
            url="/lisensi/",
        )
    return licence


def _set_status(record, status: str, reason: str, category: str, actor=None) -> None:
    """`reason` in the officer's words for the staff, `category` for the public."""
    category = checked_category(status, category)
    record.status = status
    record.status_reason = reason[:255]
    record.status_category = category
    record._history_user = actor
    record._change_reason = reason[:100]
    record.save(update_fields=["status", "status_reason", "status_category"])
    if record.credential_id and record.credential.status != status:
        change_status(actor=actor, credential=record.credential, status=status, reason=reason, category=category)


def change_licence_status(*, actor, licence: Licence, action: str, reason: str, category: str = "") -> Licence:
    policy.require(actor, "licensing.manage_licence", licence)
    if action not in STATUS_ACTIONS:
        raise DomainError(_("Choose suspend, reinstate or revoke."))
    if not reason.strip():
        raise DomainError(_("Give the reason."), field="reason")
    _sources, target = STATUS_ACTIONS[action]
    if action not in licence.status_actions():
        raise DomainError(_("A %(status)s licence cannot be changed this way.") % {"status": licence.get_status_display()})
    with transaction.atomic():
        _set_status(licence, target, reason.strip(), category, actor)
    _tell_holder(licence, reason.strip())
    return licence


def _tell_holder(record, reason: str) -> None:
    user = record.person.user
    if user is not None:
        subject = _("Your %(what)s %(number)s is now %(status)s") % {
            "what": record._meta.verbose_name,
            "number": record.number,
            "status": record.get_status_display(),
        }
        notify(user, subject=subject, body=reason, url="/lisensi/")


def change_str_status(*, actor, str_record: Str, action: str, reason: str, category: str = "") -> Str:
    policy.require(actor, "licensing.decide_str", str_record)
    if action not in STATUS_ACTIONS or not reason.strip():
        raise DomainError(_("Choose the action and give the reason."))
    _sources, target = STATUS_ACTIONS[action]
    if action not in str_record.status_actions():
        raise DomainError(_("A %(status)s STR cannot be changed this way.") % {"status": str_record.get_status_display()})
    with transaction.atomic():
        _set_status(str_record, target, reason.strip(), category, actor)
        if target in (Status.SUSPENDED, Status.REVOKED):
            suspend_dependent_licences(
                licences=Licence.objects.filter(application__str_record=str_record),
                reason=_("The STR was %(status)s.") % {"status": Status(target).label},
            )
    _tell_holder(str_record, reason.strip())
    return str_record


def suspend_dependent_licences(*, licences, reason: str) -> int:
    """A licence never outlives its basis: valid licences resting on a certificate or STR that
    is suspended or revoked are suspended, and the holder and the authority are told."""
    count = 0
    for licence in licences.filter(status=Status.VALID).select_related("credential", "person__user", "authority"):
        _set_status(licence, Status.SUSPENDED, reason, Credential.StatusCategory.BASIS_NOT_VALID)
        count += 1
        if licence.person.user:
            notify(
                licence.person.user,
                subject=_("Your practice licence %(number)s is suspended") % {"number": licence.number},
                body=reason,
                url="/lisensi/",
            )
        for assignment in (
            RoleAssignment.objects.active()
            .for_organisation(licence.authority)
            .filter(role=Role.LICENSING_OFFICER)
            .select_related("user")
        ):
            notify(
                assignment.user, subject=_("Licence %(number)s suspended automatically") % {"number": licence.number}, body=reason
            )
    return count


def on_certificate_status(certificate: Certificate) -> None:
    """Called when a certificate's credential becomes suspended or revoked."""
    reason = _("The competency certificate %(number)s was %(status)s.") % {
        "number": certificate.number,
        "status": certificate.get_status_display(),
    }
    with transaction.atomic():
        for str_record in Str.objects.filter(certificate=certificate, status=Status.VALID).select_related("credential"):
            _set_status(str_record, Status.SUSPENDED, reason, Credential.StatusCategory.BASIS_NOT_VALID)
        suspend_dependent_licences(licences=Licence.objects.depending_on_certificate(certificate), reason=reason)


def expire(*, today: datetime.date) -> int:
    """Nightly: STRs and licences past their end become expired, or ended by renewal when a
    successor continues them (idempotent)."""
    count = 0
    for model in (Str, Licence):
        for record in model.objects.filter(status=Status.VALID, valid_until__lt=today).select_related("credential"):
            with transaction.atomic():
                if record.status_category == Credential.StatusCategory.RENEWED:
                    _set_status(record, Status.RENEWED, record.status_reason, Credential.StatusCategory.RENEWED)
                else:
                    _set_status(record, Status.EXPIRED, str(_("Validity ended")), Credential.StatusCategory.VALIDITY_ENDED)
            count += 1
    return count


# --- personal data (UU 27/2022) -------------------------------------------------------------


def export_for_user(user) -> dict | None:
    """core.personal_data section: the STR and practice licences and their applications. The
    health statement is described (kind, size, day), not included: the person uploaded it and can download it."""
    person = getattr(user, "person", None) if user is not None else None
    if person is None:
        return None
    str_applications = StrApplication.objects.filter(person=person).select_related("certificate", "rule_set", "renewal_of")
    strs = Str.objects.filter(person=person).select_related("credential")
    licence_applications = LicenceApplication.objects.filter(person=person).select_related(
        "authority", "regency", "certificate", "renewal_of"
    )
    licences = Licence.objects.filter(person=person).select_related("authority", "credential")
    if not (str_applications or strs or licence_applications or licences):
        return None
    return {
        "str_applications": [
            {
                "submitted_at": a.submitted_at,
                "status": a.status,
                "certificate": a.certificate.number,
                "rule_set": a.rule_set.name,
                "health_statement": files.described(a.health_statement),
                "oath_taken": a.oath_taken,
                "code_of_ethics": a.code_of_ethics,
                "renews": a.renewal_of.number if a.renewal_of else None,
                "decided_at": a.decided_at,
                "reason": a.reason,
            }
            for a in str_applications
        ],
        "strs": [
            {
                "number": s.number,
                "status": s.current_status(),
                "valid_from": s.valid_from,
                "valid_until": s.valid_until,
                "verification_url": s.credential.verification_url if s.credential else None,
            }
            for s in strs
        ],
        "licence_applications": [
            {
                "submitted_at": a.submitted_at,
                "status": a.status,
                "setting": a.setting,
                "place": a.place,
                "regency": a.regency.name,
                "field": a.field,
                "authority": a.authority.name,
                "certificate": a.certificate.number,
                "renews": a.renewal_of.number if a.renewal_of else None,
                "recommendation": a.recommendation,
                "decided_at": a.decided_at,
                "reason": a.reason,
            }
            for a in licence_applications
        ],
        "licences": [
            {
                "number": licence.number,
                "authority": licence.authority.name,
                "decree_number": licence.decree_number,
                "decree_date": licence.decree_date,
                "status": licence.current_status(),
                "valid_from": licence.valid_from,
                "valid_until": licence.valid_until,
                "verification_url": licence.credential.verification_url if licence.credential else None,
            }
            for licence in licences
        ],
    }


def erase_for_user(user, actor) -> str:
    """core.personal_data erase hook. The health statement (specific personal data, UU 27/2022
    Pasal 4) goes from storage and from the change history; so does the practice place of an
    application no licence was granted on. The STR and licences stay, with their applications
    and decisions: they are public register entries and their credentials stay verifiable (a
    licence's place is part of what it grants)."""
    from core import personal_data

    person = getattr(user, "person", None) if user is not None else None
    if person is None:
        return ""
    with transaction.atomic():
        applications = StrApplication.objects.filter(person=person)
        for application in applications:
            personal_data.erase(application, actor=actor, health_statement="")
        for unused in LicenceApplication.objects.filter(person=person, licence__isnull=True).exclude(place=""):
            personal_data.erase(unused, actor=actor, place="")
    if not applications and not LicenceApplication.objects.filter(person=person).exists():
        return ""
    return _(
        "Practice licences: health statements and unused practice places erased, also from the change history; STR and licences kept as public register entries."
    )


def dated_rules() -> list:
    """Licensing's dated rules whose absence for the coming days is reported (core.rule_gaps):
    one set of versions, kept by two owners (the STR's validity by the DPP, the licence's by
    the ministry)."""
    from django.utils.translation import gettext_lazy

    from accounts.roles import Role
    from core.rule_gaps import DatedRule

    return [
        DatedRule(
            key="licensing.str_validity",
            what=gettext_lazy("STR validity"),
            versions=LicensingRuleSet.objects.all(),
            perm="licensing.set_str_validity",
            roles=(Role.DPP_OFFICER,),
            url_name="licensing:validity",
        ),
        DatedRule(
            key="licensing.licence_validity",
            what=gettext_lazy("practice licence validity"),
            versions=LicensingRuleSet.objects.all(),
            perm="licensing.set_licence_validity",
            roles=(Role.MINISTRY_OFFICER,),
            url_name="licensing:validity",
        ),
    ]
