"""Ethics complaints from lodging to the last step: each a typed function taking an `actor`, in
one transaction, raising DomainError with nothing changed. Sanctions act on the membership
through registry.services.council_member_status (the card credential follows); a revocation's
STR part goes to the DPP as a recommendation, never carried out here."""

from __future__ import annotations

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts import policy
from accounts.notifications import notify
from core.dates import add_months, format_id, register_day
from core.errors import DomainError
from core.files import validate_document

from .models import (
    REFERENCE,
    SANCTION_KINDS,
    AppealPeriod,
    Complaint,
    Evidence,
    Hearing,
    Outcome,
    PublicationRule,
    Sanction,
    StrRecommendation,
)

MAX_EVIDENCE_FILES = 5

# Why each step changed the complaint, as its history keeps it: English msgids that the history
# table reads in the reader's language (core's `change_reason` filter), so no value is written in
# the words of whoever made the step.
DECIDED = {
    Outcome.UNFOUNDED: gettext_noop("decided: unfounded"),
    Outcome.WARNING: gettext_noop("decided: warning"),
    Outcome.SUSPENSION: gettext_noop("decided: suspension"),
    Outcome.REVOCATION: gettext_noop("decided: revocation"),
}
APPEAL_DECIDED = {
    Complaint.AppealOutcome.UPHELD: gettext_noop("appeal decided: upheld"),
    Complaint.AppealOutcome.ANNULLED: gettext_noop("appeal decided: annulled"),
}


def _required(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field=field)
    return value


def _council_members():
    from accounts.models import RoleAssignment
    from accounts.roles import Role

    return {a.user for a in RoleAssignment.objects.active().filter(role=Role.ETHICS_COUNCIL).select_related("user")}


def _dpp_officers():
    from accounts.models import RoleAssignment
    from accounts.roles import Role

    return {a.user for a in RoleAssignment.objects.active().filter(role=Role.DPP_OFFICER).select_related("user")}


def _save(complaint: Complaint, actor, why: str) -> None:
    complaint._history_user = actor if getattr(actor, "is_authenticated", False) else None
    complaint._change_reason = why[:100]
    complaint.save()


def _tell_member(complaint: Complaint, subject: str, body: str) -> None:
    user = getattr(complaint.respondent, "user", None) if complaint.respondent_id else None
    if user is not None:
        notify(user, subject=subject, body=body, url=reverse("ethics:my_case", args=[complaint.pk]))


def _tell_complainant(complaint: Complaint) -> None:
    """The outcome's category only (the member's data stay the member's): by the inbox and e-mail
    when they lodged it signed in; otherwise they read it on the status page with their token."""
    if complaint.lodged_by_id is None:
        return
    notify(
        complaint.lodged_by,
        subject=_("Ethics complaint %(reference)s: outcome") % {"reference": complaint.reference},
        body=_("The ethics council has concluded your complaint %(reference)s: %(outcome)s.")
        % {"reference": complaint.reference, "outcome": complaint.public_outcome()},
    )


def lodge_complaint(
    *,
    actor,
    complainant_name: str,
    complainant_contact: str,
    respondent_given: str,
    account: str,
    evidence: list | None = None,
    as_officer: bool = False,
) -> tuple[Complaint, str]:
    """A complaint from the public (the portal form) or from an IPSPI officer. Answers the
    complaint and the secret token the complainant reads its status with (kept only hashed)."""
    complainant_name = _required(complainant_name, "complainant_name", _("Write your name."))
    complainant_contact = _required(complainant_contact, "complainant_contact", _("Write a phone number or e-mail address."))
    respondent_given = _required(
        respondent_given, "respondent_given", _("Write the member number or the name of the social worker.")
    )
    account = _required(account, "account", _("Describe what happened."))
    evidence = list(evidence or [])
    if len(evidence) > MAX_EVIDENCE_FILES:
        raise DomainError(_("Attach at most %(count)s files.") % {"count": MAX_EVIDENCE_FILES}, field="evidence")
    for upload in evidence:
        try:
            validate_document(upload)
        except ValidationError as exc:
            raise DomainError(" ".join(exc.messages), field="evidence") from None
    if as_officer:
        policy.require(actor, "ethics.lodge_as_officer")
    signed_in = getattr(actor, "is_authenticated", False)
    token = secrets.token_urlsafe(18)
    with transaction.atomic():
        complaint = Complaint(
            reference=REFERENCE.next(year=register_day().year),
            token_hash=Complaint.hash_token(token),
            source=Complaint.Source.OFFICER if as_officer else Complaint.Source.PUBLIC,
            lodged_by=actor if signed_in else None,
            complainant_name=complainant_name[:150],
            complainant_contact=complainant_contact[:150],
            respondent_given=respondent_given[:150],
            account=account,
        )
        _save(complaint, actor, gettext_noop("lodged"))
        for upload in evidence:
            Evidence.objects.create(complaint=complaint, file=upload)
        for member in _council_members():
            notify(
                member,
                subject=_("New ethics complaint %(reference)s") % {"reference": complaint.reference},
                body=_("A complaint was lodged and awaits examination."),
                url=reverse("ethics:complaint", args=[complaint.pk]),
            )
        if signed_in:
            notify(
                actor,
                subject=_("Ethics complaint %(reference)s received") % {"reference": complaint.reference},
                body=_("Your complaint was received by the ethics council of IPSPI. You will be told its outcome."),
            )
    return complaint, token


def complaint_for_status(reference: str, token: str) -> Complaint | None:
    """The complaint whose reference and token both match, else None (the same answer whether the
    reference exists or not, so references cannot be probed)."""
    reference, token = (reference or "").strip().upper()[:30], (token or "").strip()[:100]
    if not reference or not token:
        return None
    complaint = Complaint.objects.filter(reference=reference).first()
    if complaint is None or not secrets.compare_digest(complaint.token_hash, Complaint.hash_token(token)):
        return None
    return complaint


def _locked(complaint: Complaint, version) -> Complaint:
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    locked.claim_version(version)
    return locked


def start_examination(*, actor, complaint: Complaint, version, member_number: str) -> Complaint:
    """The council takes the complaint up and names the member it is about."""
    from registry.models import Member

    policy.require(actor, "ethics.examine_complaint", complaint)
    number = _required(member_number, "member_number", _("Write the member number of the social worker complained about."))
    member = Member.objects.select_related("person__user").filter(number=number.upper()).first()
    if member is None:
        raise DomainError(_("No member has this number."), field="member_number")
    with transaction.atomic():
        complaint = _locked(complaint, version)
        if "examine" not in complaint.actions():
            raise DomainError(_("This complaint is no longer waiting to be examined."))
        complaint.examine(respondent=member.person)
        _save(complaint, actor, gettext_noop("examination started"))
        _tell_member(
            complaint,
            _("An ethics complaint about you is being examined"),
            _(
                "The ethics council of IPSPI examines complaint %(reference)s about you. You will be invited to be heard before any decision."
            )
            % {"reference": complaint.reference},
        )
    return complaint


def record_hearing(
    *, actor, complaint: Complaint, version, held_on: datetime.date | None, summary: str, attachment=None
) -> Hearing:
    policy.require(actor, "ethics.examine_complaint", complaint)
    if held_on is None:
        raise DomainError(_("Give the date of the hearing."), field="held_on")
    if held_on > register_day():
        raise DomainError(_("A hearing is recorded once it has been held."), field="held_on")
    summary = _required(summary, "summary", _("Summarise what the member said."))
    if attachment:
        try:
            validate_document(attachment)
        except ValidationError as exc:
            raise DomainError(" ".join(exc.messages), field="attachment") from None
    with transaction.atomic():
        complaint = _locked(complaint, version)
        if complaint.status == Complaint.State.EXAMINATION:
            complaint.hear()
        elif complaint.status != Complaint.State.HEARING:
            raise DomainError(_("Hearings are recorded while the complaint is examined."))
        hearing = Hearing.objects.create(
            complaint=complaint, held_on=held_on, summary=summary, attachment=attachment or "", recorded_by=actor
        )
        _save(complaint, actor, gettext_noop("hearing recorded"))
        _tell_member(
            complaint,
            _("Your hearing was recorded"),
            _("The ethics council recorded your hearing of %(date)s on complaint %(reference)s.")
            % {"date": format_id(held_on), "reference": complaint.reference},
        )
    return hearing


def _publication(kind: str, starts_on: datetime.date, ends_on: datetime.date | None):
    """The publication rule in force on the decision's date and the period it gives."""
    rule = PublicationRule.objects.in_force(starts_on).filter(kind=kind).order_by("-valid_from").first()
    if rule is None:
        raise DomainError(_("No publication rule is in force for this sanction: the DPP must set one first."))
    if not rule.shown_publicly:
        return rule, None, None
    return rule, starts_on, (add_months(ends_on, rule.months_after_end) if ends_on else None)


def _impose(actor, complaint: Complaint, today: datetime.date) -> Sanction:
    """Put the decided sanction in force from `today` (its publication period fixed now)."""
    from registry import services as registry

    member = complaint.respondent.member
    kind = complaint.outcome
    ends_on = complaint.suspension_until if kind == Outcome.SUSPENSION else None
    rule, public_from, public_until = _publication(kind, today, ends_on)
    why = _("Decision of the ethics council on complaint %(reference)s") % {"reference": complaint.reference}
    if kind == Outcome.SUSPENSION:
        registry.council_member_status(member=member, action="suspend", reason=why, actor=actor)
    elif kind == Outcome.REVOCATION:
        registry.council_member_status(member=member, action="end", reason=why, actor=actor)
        _recommend_str_revocation(complaint)
    sanction = Sanction(
        complaint=complaint,
        member=member,
        kind=kind,
        starts_on=today,
        ends_on=ends_on,
        rule=rule,
        public_category=rule.public_category if public_from else "",
        public_from=public_from,
        public_until=public_until,
    )
    sanction._history_user = actor
    sanction.save()
    return sanction


def _recommend_str_revocation(complaint: Complaint) -> None:
    from credentials.models import Credential

    numbers = ", ".join(
        Credential.objects.filter(
            kind=Credential.Kind.STR, holder_id=complaint.respondent_id, status=Credential.Status.VALID
        ).values_list("number", flat=True)
    )
    recommendation = StrRecommendation.objects.create(complaint=complaint, str_numbers=numbers[:255])
    for officer in _dpp_officers():
        notify(
            officer,
            subject=_("Recommendation to revoke an STR (%(reference)s)") % {"reference": complaint.reference},
            body=_(
                "The ethics council revoked the membership of %(member)s and recommends revoking their STR (%(numbers)s). The decision to revoke it is the DPP's."
            )
            % {"member": complaint.respondent.member.number, "numbers": numbers or "—"},
            url=reverse("ethics:recommendations") + f"#r{recommendation.pk}",
        )


def decide(
    *,
    actor,
    complaint: Complaint,
    version,
    outcome: str,
    reason: str,
    suspension_until: datetime.date | None = None,
    today: datetime.date | None = None,
) -> Complaint:
    """The council's decision. A sanction needs the member heard first. A warning or suspension is
    in force from the decision; a revocation once final (no appeal by the deadline, or upheld)."""
    today = today or register_day()
    policy.require(actor, "ethics.examine_complaint", complaint)
    if outcome not in Outcome.values:
        raise DomainError(_("Choose the decision."), field="outcome")
    reason = _required(reason, "reason", _("Give the grounds of the decision."))
    if outcome == Outcome.SUSPENSION:
        if suspension_until is None or suspension_until <= today:
            raise DomainError(_("Give the last day of the suspension, after today."), field="suspension_until")
    else:
        suspension_until = None
    period = AppealPeriod.objects.in_force(today).order_by("-valid_from").first()
    if outcome in SANCTION_KINDS and period is None:
        raise DomainError(_("No appeal period is in force: the DPP must set one first."))
    with transaction.atomic():
        complaint = _locked(complaint, version)
        if "decide" not in complaint.actions():
            raise DomainError(_("This complaint cannot be decided in its present state."))
        if outcome in SANCTION_KINDS and not complaint.hearings.exists():
            raise DomainError(_("Hear the member before deciding a sanction."), field="outcome")
        if outcome in SANCTION_KINDS and not hasattr(complaint.respondent, "member"):
            raise DomainError(_("The person complained about holds no membership to sanction."), field="outcome")
        sanctioned = outcome in SANCTION_KINDS
        complaint.decide(
            by=actor,
            outcome=outcome,
            reason=reason,
            suspension_until=suspension_until,
            appeal_period=period if sanctioned else None,
            appeal_until=today + datetime.timedelta(days=period.days) if sanctioned else None,
        )
        _save(complaint, actor, DECIDED[Outcome(outcome)])
        if outcome in (Outcome.WARNING, Outcome.SUSPENSION):
            _impose(actor, complaint, today)
        if sanctioned:
            _tell_member(
                complaint,
                _("Decision of the ethics council on complaint %(reference)s") % {"reference": complaint.reference},
                _("The council decided: %(outcome)s. You may appeal once, until %(date)s.")
                % {"outcome": Outcome(outcome).label, "date": format_id(complaint.appeal_until)},
            )
        else:
            _tell_member(
                complaint,
                _("Decision of the ethics council on complaint %(reference)s") % {"reference": complaint.reference},
                _("The council found the complaint unfounded."),
            )
        _tell_complainant(complaint)
    return complaint


def appeal(*, actor, complaint: Complaint, grounds: str) -> Complaint:
    """The member's one appeal, within the deadline."""
    policy.require(actor, "ethics.appeal", complaint)
    grounds = _required(grounds, "grounds", _("Give the grounds of your appeal."))
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if complaint.appealed_at is not None:
            raise DomainError(_("A decision can be appealed only once."))
        if not complaint.may_appeal():
            raise DomainError(_("This decision can no longer be appealed."))
        complaint.appeal(grounds=grounds)
        complaint.version += 1
        _save(complaint, actor, gettext_noop("appeal lodged"))
        for member in _council_members():
            notify(
                member,
                subject=_("Appeal against decision %(reference)s") % {"reference": complaint.reference},
                body=_("The member appealed the decision."),
                url=reverse("ethics:complaint", args=[complaint.pk]),
            )
        _tell_member(
            complaint,
            _("Your appeal was received"),
            _("The ethics council received your appeal on complaint %(reference)s.") % {"reference": complaint.reference},
        )
    return complaint


def decide_appeal(*, actor, complaint: Complaint, version, outcome: str, reason: str) -> Complaint:
    """Upheld: the sanction stays (a revocation now takes effect). Annulled: the sanction ends now,
    a suspension is lifted and nothing more is shown publicly; its history stays."""
    from registry import services as registry

    policy.require(actor, "ethics.examine_complaint", complaint)
    if outcome not in Complaint.AppealOutcome.values:
        raise DomainError(_("Choose the decision on the appeal."), field="appeal_outcome")
    reason = _required(reason, "reason", _("Give the grounds of the decision."))
    today = register_day()
    with transaction.atomic():
        complaint = _locked(complaint, version)
        if "decide_appeal" not in complaint.actions():
            raise DomainError(_("No appeal is waiting on this complaint."))
        complaint.decide_appeal(by=actor, outcome=outcome, reason=reason)
        _save(complaint, actor, APPEAL_DECIDED[Complaint.AppealOutcome(outcome)])
        sanction = Sanction.objects.filter(complaint=complaint).first()
        if outcome == Complaint.AppealOutcome.UPHELD:
            if complaint.outcome == Outcome.REVOCATION and sanction is None:
                _impose(actor, complaint, today)
        elif sanction is not None and sanction.state == Sanction.State.IN_FORCE:
            if sanction.kind == Outcome.SUSPENSION:
                registry.council_member_status(
                    member=sanction.member,
                    action="lift",
                    reason=_("Decision %(reference)s annulled on appeal") % {"reference": complaint.reference},
                    actor=actor,
                )
            _end_sanction(sanction, actor, Sanction.State.ANNULLED, today)
        _tell_member(
            complaint,
            _("Decision on your appeal (%(reference)s)") % {"reference": complaint.reference},
            _("The ethics council decided your appeal: %(outcome)s.") % {"outcome": Complaint.AppealOutcome(outcome).label},
        )
        _tell_complainant(complaint)
    return complaint


def _end_sanction(sanction: Sanction, actor, state: str, today: datetime.date) -> None:
    from django.utils import timezone

    sanction.state = state
    sanction.ended_at = timezone.now()
    if state == Sanction.State.ANNULLED:
        # An annulled sanction was never due: it leaves the public register at once.
        sanction.public_until = today - datetime.timedelta(days=1) if sanction.public_from else None
        if sanction.public_from and sanction.public_from > sanction.public_until:
            sanction.public_from = sanction.public_until
    sanction._history_user = actor
    sanction.save()


def run_nightly(*, today: datetime.date) -> dict:
    """Lift suspensions whose last day has passed; carry out revocations no one appealed by the
    deadline; close decided complaints whose appeal time is over. Idempotent."""
    from registry import services as registry

    lifted = 0
    for sanction in Sanction.objects.suspensions_ended(today).select_related("member", "complaint"):
        with transaction.atomic():
            registry.council_member_status(
                member=sanction.member,
                action="lift",
                reason=_("Suspension by the ethics council (%(reference)s) ended on %(date)s")
                % {"reference": sanction.complaint.reference, "date": format_id(sanction.ends_on)},
            )
            _end_sanction(sanction, None, Sanction.State.ENDED, today)
            lifted += 1
            _tell_member(
                sanction.complaint,
                _("Your suspension has ended"),
                _("The suspension decided on complaint %(reference)s ended on %(date)s.")
                % {"reference": sanction.complaint.reference, "date": format_id(sanction.ends_on)},
            )
    closed = 0
    due = Complaint.objects.filter(status=Complaint.State.DECIDED).exclude(appeal_until__gte=today)
    for complaint in due.select_related("respondent__member"):
        with transaction.atomic():
            complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
            if complaint.status != Complaint.State.DECIDED:
                continue
            if complaint.outcome == Outcome.REVOCATION and not Sanction.objects.filter(complaint=complaint).exists():
                _impose(None, complaint, today)
            complaint.close()
            complaint.version += 1
            _save(complaint, None, gettext_noop("closed: appeal time over"))
            closed += 1
    return {"suspensions_lifted": lifted, "complaints_closed": closed}


def handle_str_recommendation(*, actor, recommendation: StrRecommendation, note: str) -> StrRecommendation:
    from django.utils import timezone

    policy.require(actor, "ethics.handle_str_recommendation", recommendation)
    note = _required(note, "note", _("Write what the DPP did with the recommendation."))
    with transaction.atomic():
        recommendation = StrRecommendation.objects.select_for_update().get(pk=recommendation.pk)
        if recommendation.handled_at is not None:
            raise DomainError(_("This recommendation was already handled."))
        recommendation.handled_at, recommendation.handled_by, recommendation.handling_note = timezone.now(), actor, note
        recommendation._history_user = actor
        recommendation.save()
    return recommendation


def export_for_user(user) -> dict:
    """A member's complaints about them, as they may read them: never who complained."""
    person = getattr(user, "person", None)
    if person is None:
        return {}
    complaints = Complaint.objects.filter(respondent=person).order_by("lodged_at")
    return {
        "ethics_complaints": [
            {
                "reference": c.reference,
                "status": c.status,
                "decision": c.outcome,
                "decided_at": c.decided_at,
                "appeal_until": c.appeal_until,
                "appeal_decision": c.appeal_outcome,
            }
            for c in complaints
        ]
    }
