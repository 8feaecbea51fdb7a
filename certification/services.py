"""Operations of competency certification. Each runs in one transaction, checks the actor's
permission through accounts.policy and raises core.errors.DomainError: nothing half-saved."""

from __future__ import annotations

import datetime
import logging

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts import policy
from core import audit, files, numbering
from core import renewals as core_renewals
from core.dates import format_local, register_day
from core.errors import DomainError, NotAllowed
from core.models import AuditEvent
from credentials.models import Credential
from credentials.services import change_status, checked_category, issue_credential, mark_renewed

from . import eligibility
from .models import (
    LSP,
    Appeal,
    ApplicationEvidence,
    Assessment,
    AssessmentEvent,
    Certificate,
    CertificateRenewalRequest,
    CertificationApplication,
    CompetencyAssessor,
    CompetencyUnit,
    EligibilityRuleSet,
    PracticeField,
    Scheme,
    UnitResult,
    certificate_number,
    certificate_series,
)

log = logging.getLogger(__name__)
Status = CertificationApplication.Status


# --- helpers -------------------------------------------------------------------------------


def own_person(user):
    from registry.models import Person

    if not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.filter(user=user).first()


def _member_of(person):
    from registry.models import Member

    return Member.objects.filter(person=person).first() if person else None


def _locked(application: CertificationApplication) -> CertificationApplication:
    """Re-read the application inside the transaction (row lock on PostgreSQL) so that two
    officers acting at once cannot both move it."""
    return (
        CertificationApplication.objects.select_for_update(of=("self",))
        .select_related("scheme__lsp", "person")
        .get(pk=application.pk)
    )


def _save(obj, actor, reason: str = "") -> None:
    obj._history_user = actor if getattr(actor, "is_authenticated", False) else None
    if reason:
        obj._change_reason = reason[:100]
    obj.save()


def _notify(application: CertificationApplication, subject: str, body: str) -> None:
    """In-app message and e-mail (after commit) to the applicant, in Indonesian."""
    user = application.person.user
    if user is None:
        return
    from accounts.notifications import notify

    url = reverse("certification:my_application", args=[application.pk])
    notify(user, subject=subject, body=body, url=url)


def _notify_text(application: CertificationApplication, message: str) -> tuple[str, str]:
    with translation.override("id"):
        subject = _("Certification application %(scheme)s: %(status)s") % {
            "scheme": application.scheme.code,
            "status": application.get_status_display(),
        }
        body = str(message)
    return subject, body


def _tell(application, message_id: str, **params) -> None:
    with translation.override("id"):
        message = _(message_id) % params if params else _(message_id)
    subject, body = _notify_text(application, message)
    _notify(application, subject, body)


# --- portfolio and eligibility -------------------------------------------------------------


def prefill_portfolio(person) -> dict:
    """What the registry profile says, copied into the application so that later edits of the
    profile do not change what was submitted."""
    return {
        "name": person.full_name,
        "educations": [
            {
                "level": e.level,
                "study_field": e.study_field,
                "programme": e.study_programme,
                "institution": e.institution,
                "graduation_year": e.graduation_year,
                "document": bool(e.diploma),
            }
            for e in person.educations.all()
        ],
        "experiences": [
            {
                "employer": x.employer,
                "position": x.position,
                "practice_field": x.practice_field,
                "started_on": x.started_on.isoformat(),
                "ended_on": x.ended_on.isoformat() if x.ended_on else None,
                "document": bool(x.evidence),
            }
            for x in person.experiences.all()
        ],
        "trainings": [
            {
                "title": t.title,
                "organiser": t.organiser,
                "hours": t.hours,
                "held_on": t.held_on.isoformat(),
                "document": bool(t.certificate),
            }
            for t in person.trainings.all()
        ],
    }


def judge_person(person, on: datetime.date | None = None) -> eligibility.EligibilityAnswer:
    return eligibility.evaluate(eligibility.input_from_person(person, on))


def _with_application_evidence(
    inp: eligibility.EligibilityInput, application: CertificationApplication
) -> eligibility.EligibilityInput:
    """Documents attached to the application count as evidence for the matching records."""
    kinds = {e.kind for e in application.evidence.all()}
    if "diploma" in kinds:
        inp.educations = [eligibility.EducationEntry(e.level, e.study_field, e.graduated_year, True) for e in inp.educations]
    if "work_letter" in kinds:
        inp.practice_periods = [eligibility.PracticePeriod(p.start, p.end, True) for p in inp.practice_periods]
    if "training" in kinds:
        inp.training_hours_evidenced = None
    return inp


def judge_application(application: CertificationApplication, on: datetime.date | None = None) -> eligibility.EligibilityAnswer:
    inp = eligibility.input_from_person(application.person, on)
    return eligibility.evaluate(_with_application_evidence(inp, application))


# --- applications --------------------------------------------------------------------------


def start_application(*, actor, scheme: Scheme) -> CertificationApplication:
    """A registered member chooses a scheme; the portfolio is pre-filled from their profile."""
    person = own_person(actor)
    member = _member_of(person)
    if member is None:
        raise DomainError(
            _("Only registered IPSPI members can apply for certification. Register as a member first."), code="not_member"
        )
    if member.status not in ("active", "lapsed"):
        raise DomainError(
            _("Your membership is %(status)s; certification needs an active membership.")
            % {"status": member.get_status_display()}
        )
    if not scheme.active or not scheme.lsp.active:
        raise DomainError(_("This scheme is not open for applications."))
    held = Certificate.objects.valid_for(person).filter(scheme=scheme).first()
    if held is not None:
        raise DomainError(
            _("You already hold a valid certificate for this scheme (%(number)s). Ask the LSP to renew it before it expires.")
            % {"number": held.number},
            code="already_certified",
        )
    with transaction.atomic():
        from registry.models import Person

        Person.objects.select_for_update().filter(pk=person.pk).first()  # one start per person at a time
        if CertificationApplication.objects.open().filter(person=person, scheme=scheme).exists():
            raise DomainError(
                _("You already have an open application for %(scheme)s. Continue that one instead of applying twice.")
                % {"scheme": scheme.title},
                code="duplicate",
            )
        application = CertificationApplication(person=person, member=member, scheme=scheme, portfolio=prefill_portfolio(person))
        try:
            with transaction.atomic():  # the unique constraint on open applications decides a race
                _save(application, actor, gettext_noop("started"))
        except IntegrityError:
            raise DomainError(
                _("You already have an open application for %(scheme)s. Continue that one instead of applying twice.")
                % {"scheme": scheme.title},
                code="duplicate",
            ) from None
    return application


def _require_applicant(actor, application: CertificationApplication) -> None:
    if application.person.user_id != getattr(actor, "pk", None):
        raise NotAllowed()


def add_evidence(*, actor, application: CertificationApplication, kind: str, file, title: str = "") -> ApplicationEvidence:
    _require_applicant(actor, application)
    if not application.allows("evidence"):
        raise DomainError(_("Evidence can only be added while the application is a draft or returned for correction."))
    from django.core.exceptions import ValidationError

    evidence = ApplicationEvidence(application=application, kind=kind, file=file, title=title[:200], uploaded_by=actor)
    try:
        evidence.full_clean()
    except ValidationError as exc:
        messages = [m for msgs in exc.message_dict.values() for m in msgs]
        raise DomainError(" ".join(messages), field="file")
    with transaction.atomic():
        _save(evidence, actor, gettext_noop("evidence added"))
    return evidence


def submit_application(
    *, actor, application: CertificationApplication, today: datetime.date | None = None
) -> CertificationApplication:
    """Submit: required documents must be attached; the application is judged by the rule sets
    in force today and records which one."""
    _require_applicant(actor, application)
    today = today or timezone.localdate()
    with transaction.atomic():
        application = _locked(application)
        if not application.editable_by_applicant:
            raise DomainError(_("This application has already been submitted."))
        missing = application.missing_documents()
        if missing:  # the state machine's condition on `submit`, said with what is missing
            raise DomainError(
                _("Attach the required documents first: %(docs)s.") % {"docs": ", ".join(missing)}, code="missing_documents"
            )
        answer = judge_application(application, today)  # raises when no rule set is in force
        application.portfolio = prefill_portfolio(application.person)
        rule_set = next(rs for rs in eligibility.rule_sets_in_force(today) if rs.pk == answer.chosen.rule_set_id)
        application.submit(rule_set=rule_set, eligibility=answer.as_dict())
        _save(application, actor)
    _tell(
        application,
        gettext_noop("Your application was received and will be checked by %(lsp)s."),
        lsp=application.scheme.lsp.name,
    )
    _tell_officers(application)
    return application


def _tell_officers(application: CertificationApplication) -> None:
    """The LSP's officers hear of a new application to check."""
    from django.contrib.contenttypes.models import ContentType

    from accounts.models import RoleAssignment
    from accounts.notifications import notify
    from accounts.roles import Role

    lsp = application.scheme.lsp
    officers = (
        RoleAssignment.objects.active()
        .filter(role=Role.LSP_OFFICER, organisation_type=ContentType.objects.get_for_model(LSP), organisation_id=lsp.pk)
        .select_related("user")
    )
    with translation.override("id"):
        subject = _("New certification application: %(scheme)s") % {"scheme": application.scheme.code}
        body = _("%(name)s submitted an application for %(scheme)s; it awaits the administrative check.") % {
            "name": application.person.full_name,
            "scheme": application.scheme.title,
        }
    url = reverse("certification:application_detail", args=[application.pk])
    for assignment in officers:
        notify(
            assignment.user,
            subject=subject,
            body=body,
            url=url,
            dedupe_key=f"certification-submitted-{application.pk}-{application.submitted_at:%Y%m%d%H%M%S}",
        )


def withdraw_application(*, actor, application: CertificationApplication) -> CertificationApplication:
    _require_applicant(actor, application)
    with transaction.atomic():
        application = _locked(application)
        if not application.allows("withdraw"):
            raise DomainError(_("This application can no longer be withdrawn."))
        application.withdraw()
        _save(application, actor)
    return application


def accept_application(*, actor, application: CertificationApplication) -> CertificationApplication:
    """Administrative check passed: the candidate is eligible. Refused while the judgement
    recorded at submission has unmet criteria (reject as ineligible instead)."""
    policy.require(actor, "certification.check_application", application)
    with transaction.atomic():
        application = _locked(application)
        if not application.allows("accept"):
            raise DomainError(_("Only a submitted application can be accepted."))
        failed = [c for c in application.eligibility.get("criteria", []) if c.get("status") == "not_met"]
        if failed:
            raise DomainError(
                _("The candidate does not meet: %(criteria)s. Reject the application as ineligible or return it for correction.")
                % {"criteria": "; ".join(c["explanation"] for c in failed)}
            )
        application.accept(by=actor)
        _save(application, actor)
    _tell(
        application,
        gettext_noop("Your application passed the administrative check. You will be scheduled for the competency assessment."),
    )
    return application


def return_application(*, actor, application: CertificationApplication, reason: str) -> CertificationApplication:
    policy.require(actor, "certification.check_application", application)
    if not reason.strip():
        raise DomainError(_("Say what the candidate must correct."), field="reason")
    with transaction.atomic():
        application = _locked(application)
        if not application.allows("return"):
            raise DomainError(_("Only a submitted application can be returned."))
        application.return_for_correction(by=actor, reason=reason.strip())
        _save(application, actor)
    _tell(application, gettext_noop("Your application was returned for correction: %(reason)s"), reason=reason.strip())
    return application


def reject_as_ineligible(*, actor, application: CertificationApplication, reason: str = "") -> CertificationApplication:
    """Ineligible, with the failed criteria of the recorded judgement stored on the application."""
    policy.require(actor, "certification.check_application", application)
    with transaction.atomic():
        application = _locked(application)
        if not application.allows("reject"):
            raise DomainError(_("Only a submitted application can be rejected."))
        failed = [c for c in application.eligibility.get("criteria", []) if c.get("status") != "met"]
        if not failed and not reason.strip():
            raise DomainError(_("Every criterion is met; give the reason for finding the candidate ineligible."), field="reason")
        application.reject_ineligible(by=actor, reason=reason.strip(), failed=failed)
        _save(application, actor)
    why = "; ".join(c["explanation"] for c in failed) or reason.strip()
    _tell(application, gettext_noop("Your application was found ineligible: %(why)s"), why=why)
    return application


# --- events, scheduling, assessors ---------------------------------------------------------


def create_event(
    *, actor, lsp: LSP, held_on: datetime.date, mode: str, place: str, capacity: int, scheme: Scheme | None = None
) -> AssessmentEvent:
    policy.require(actor, "certification.manage_lsp", lsp)
    if scheme is not None and scheme.lsp_id != lsp.pk:
        raise DomainError(_("The scheme belongs to another LSP."), field="scheme")
    if capacity < 1:
        raise DomainError(_("The capacity must be at least 1."), field="capacity")
    if held_on < timezone.localdate():
        raise DomainError(_("An assessment event cannot be in the past."), field="held_on")
    with transaction.atomic():
        event = AssessmentEvent(lsp=lsp, scheme=scheme, held_on=held_on, mode=mode, place=place.strip(), capacity=capacity)
        _save(event, actor, gettext_noop("created"))
    return event


def schedule_application(*, actor, application: CertificationApplication, event: AssessmentEvent) -> CertificationApplication:
    policy.require(actor, "certification.assign_assessor", application)
    with transaction.atomic():
        application = _locked(application)
        event = AssessmentEvent.objects.select_for_update().get(pk=event.pk)
        if event.lsp_id != application.scheme.lsp_id:
            raise DomainError(_("The event belongs to another LSP."), field="event")
        if event.scheme_id and event.scheme_id != application.scheme_id:
            raise DomainError(_("The event is for another scheme."), field="event")
        if event.held_on < timezone.localdate():
            raise DomainError(_("The event has already taken place."), field="event")
        if not application.allows("schedule"):
            if application.status == Status.NOT_YET_COMPETENT:
                raise DomainError(_("An appeal is pending; decide it first."))
            raise DomainError(_("Only an eligible (or not-yet-competent) candidate can be scheduled."))
        if event.seats_taken() >= event.capacity:
            raise DomainError(_("The event is full (%(n)s places).") % {"n": event.capacity}, field="event")
        application.schedule(event=event)
        _save(application, actor)
    _tell(
        application,
        gettext_noop("You are scheduled for the competency assessment on %(date)s (%(place)s)."),
        date=event.held_on.isoformat(),
        place=event.place,
    )
    return application


def _current_employers(person, on: datetime.date) -> set[str]:
    from registry.models import normalise_name

    return {
        normalise_name(x.employer)
        for x in person.experiences.all()
        if x.started_on <= on and (x.ended_on is None or x.ended_on >= on)
    }


def conflicts_of_interest(
    assessor: CompetencyAssessor, application: CertificationApplication, on: datetime.date | None = None
) -> list[str]:
    """Why this assessor may not assess this candidate (empty: no conflict)."""
    from registry.models import normalise_name

    on = on or timezone.localdate()
    reasons = []
    if assessor.person_id == application.person_id or (assessor.user_id and assessor.user_id == application.person.user_id):
        reasons.append(_("the assessor is the candidate"))
    if assessor.declared_relatives.filter(pk=application.person_id).exists():
        reasons.append(_("the candidate is a declared relative of the assessor"))
    if normalise_name(assessor.employer) in _current_employers(application.person, on):
        reasons.append(
            _("the assessor and the candidate work for the same employer (%(employer)s)") % {"employer": assessor.employer}
        )
    return reasons


def qualification_problems(assessor: CompetencyAssessor, scheme: Scheme, on: datetime.date | None = None) -> list[str]:
    on = on or timezone.localdate()
    problems = []
    if not assessor.active:
        problems.append(_("the assessor is not active"))
    if assessor.lsp_id != scheme.lsp_id:
        problems.append(_("the assessor assesses for another LSP"))
    if not assessor.registration_valid(on):
        problems.append(_("the assessor registration has expired"))
    fields = (
        {scheme.practice_field, PracticeField.UMUM} if scheme.practice_field == PracticeField.UMUM else {scheme.practice_field}
    )
    if not Certificate.objects.valid(on).filter(person_id=assessor.person_id, practice_field__in=fields).exists():
        problems.append(
            _("the assessor has no valid certificate of their own in %(field)s")
            % {"field": PracticeField(scheme.practice_field).label}
        )
    return problems


def _open_load(assessor: CompetencyAssessor) -> int:
    return Assessment.objects.filter(assessor=assessor, recommendation="").count()


def _units_for_next_attempt(application: CertificationApplication) -> tuple[list[CompetencyUnit], set[int]]:
    """All units the first time and after an upheld appeal; otherwise only the units not yet
    found competent. Also returns the assessors who may not take this attempt."""
    units = list(application.scheme.units.all())
    previous = list(application.assessments.prefetch_related("results"))
    excluded: set[int] = set()
    upheld = application.appeals.filter(status=Appeal.Status.UPHELD).select_related("assessment").order_by("-decided_at").first()
    if not previous:
        return units, excluded
    if upheld and upheld.decided_at and upheld.decided_at > max(a.assigned_at for a in previous):
        excluded.add(upheld.assessment.assessor_id)
        return units, excluded
    competent = {r.unit_id for a in previous for r in a.results.all() if r.result == UnitResult.Result.K}
    return [u for u in units if u.pk not in competent], excluded


def eligible_assessors(application: CertificationApplication) -> list[tuple[CompetencyAssessor, list[str]]]:
    """Every assessor of the LSP with the reasons they cannot take this candidate, least loaded first."""
    _units, excluded = _units_for_next_attempt(application)
    rows = []
    for assessor in CompetencyAssessor.objects.filter(lsp=application.scheme.lsp).select_related("person").with_open_load():
        problems = qualification_problems(assessor, application.scheme) + conflicts_of_interest(assessor, application)
        if assessor.pk in excluded:
            problems.append(_("the assessor's result is under appeal"))
        if assessor.open_load >= assessor.max_open_assessments:
            problems.append(_("the assessor already has %(n)s open assessments") % {"n": assessor.open_load})
        rows.append((assessor, problems))
    rows.sort(key=lambda row: (bool(row[1]), row[0].open_load, row[0].pk))
    return rows


def assign_assessor(*, actor, application: CertificationApplication, assessor: CompetencyAssessor | None = None) -> Assessment:
    """Assign an assessor to a scheduled candidate. Without a choice, the least-loaded assessor
    without conflict is taken (workload balancing). A conflicted assessor is refused."""
    policy.require(actor, "certification.assign_assessor", application)
    with transaction.atomic():
        application = _locked(application)
        current = application.current_assessment
        if not application.allows("assign"):
            if application.status == Status.SCHEDULED and current is not None:
                raise DomainError(_("An assessor is already assigned: %(assessor)s.") % {"assessor": current.assessor})
            raise DomainError(_("Schedule the candidate for an assessment event first."))
        units, excluded = _units_for_next_attempt(application)
        if not units:
            raise DomainError(_("The scheme has no competency units to assess."))
        candidates = eligible_assessors(application)
        if assessor is None:
            free = [a for a, problems in candidates if not problems]
            if not free:
                raise DomainError(_("No assessor without a conflict of interest is available for this candidate."))
            assessor = free[0]
        else:
            problems = next((p for a, p in candidates if a.pk == assessor.pk), None)
            if problems is None:
                problems = [_("the assessor assesses for another LSP")]
            if problems:
                raise DomainError(
                    _("%(assessor)s cannot assess this candidate: %(reasons)s.")
                    % {"assessor": assessor, "reasons": "; ".join(problems)},
                    field="assessor",
                    code="conflict",
                )
        assessment = Assessment(
            application=application,
            attempt=(current.attempt + 1 if current else 1),
            assessor=assessor,
            event=application.event,
            assigned_by=actor,
        )
        _save(assessment, actor, gettext_noop("assigned"))
        assessment.units.set(units)
    from accounts.notifications import notify

    with translation.override("id"):
        notify(
            assessor.user,
            subject=_("New assessment assignment: %(scheme)s") % {"scheme": application.scheme.code},
            body=_("You are assigned to assess %(name)s (%(n)s units).")
            % {"name": application.person.full_name, "n": len(units)},
            url=reverse("certification:assignment", args=[assessment.pk]),
        )
    return assessment


def record_unit_result(*, actor, assessment: Assessment, unit: CompetencyUnit, result: str, notes: str = "") -> UnitResult:
    """Only the assigned assessor records results, only for the units of the assignment."""
    if not policy.allows(actor, "certification.record_results", assessment):
        raise NotAllowed(_("Only the assessor assigned to this candidate can record results."))
    if result not in UnitResult.Result.values:
        raise DomainError(_("Choose Kompeten or Belum Kompeten."), field="result")
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if not assessment.is_open:
            raise DomainError(_("The recommendation has been given; results can no longer change."))
        if assessment.application.status != Status.SCHEDULED:
            raise DomainError(_("The candidate is not scheduled for assessment."))
        if not assessment.units.filter(pk=unit.pk).exists():
            raise DomainError(_("This unit is not part of the assessment."), field="unit")
        _require_examination_held(assessment)
        row = UnitResult.objects.filter(assessment=assessment, unit=unit).first() or UnitResult(assessment=assessment, unit=unit)
        if row.pk and row.result != result and row.notes and notes.strip() == row.notes:
            # A changed result carries its own note: the note of the old result may not stay.
            raise DomainError(
                _("The result changed from %(old)s to %(new)s: write a note for the new result (or clear the old note).")
                % {"old": row.result, "new": result},
                field="notes",
                code="stale_note",
            )
        row.result, row.notes, row.recorded_at = result, notes.strip(), timezone.now()
        _save(row, actor, gettext_noop("result recorded"))
    return row


def _require_examination_held(assessment: Assessment) -> None:
    if not assessment.results_may_be_recorded_on(register_day()):
        raise DomainError(
            _("Results can only be recorded on or after the examination date (%(date)s).")
            % {"date": format_local(assessment.held_on)},
            code="before_examination",
        )


def _refuse_future(day: datetime.date) -> None:
    """Decisions, issues and renewals are dated today or earlier (Jakarta calendar day)."""
    if day > register_day():
        raise DomainError(
            _("The date %(date)s is in the future; a decision can only be dated today or earlier.") % {"date": format_local(day)},
            code="future_date",
        )


def record_recommendation(*, actor, assessment: Assessment, recommendation: str, notes: str = "") -> Assessment:
    if not policy.allows(actor, "certification.record_results", assessment):
        raise NotAllowed(_("Only the assessor assigned to this candidate can record results."))
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update(of=("self",)).select_related("application").get(pk=assessment.pk)
        if not assessment.is_open:
            raise DomainError(_("The recommendation has already been given."))
        _require_examination_held(assessment)
        results = {r.unit_id: r.result for r in assessment.results.all()}
        missing = [u for u in assessment.units.all() if u.pk not in results]
        if missing:
            raise DomainError(
                _("Record a result for every unit first: %(units)s.") % {"units": ", ".join(u.code for u in missing)}
            )
        all_k = all(v == UnitResult.Result.K for v in results.values())
        if recommendation not in Assessment.Recommendation.values:
            raise DomainError(_("Choose a recommendation."), field="recommendation")
        if recommendation == Assessment.Recommendation.COMPETENT and not all_k:
            raise DomainError(
                _("A unit is Belum Kompeten: the recommendation can only be not yet competent."), field="recommendation"
            )
        assessment.recommendation, assessment.recommendation_notes, assessment.recommended_at = (
            recommendation,
            notes.strip(),
            timezone.now(),
        )
        _save(assessment, actor, gettext_noop("recommendation"))
        application = _locked(assessment.application)
        application.mark_assessed()
        _save(application, actor)
    return assessment


def unit_standing(application: CertificationApplication) -> dict[int, str | None]:
    """The latest result per unit of the scheme over all attempts (None: never assessed)."""
    standing: dict[int, str | None] = {u.pk: None for u in application.scheme.units.all()}
    for assessment in application.assessments.order_by("attempt").prefetch_related("results"):
        for r in assessment.results.all():
            standing[r.unit_id] = r.result
    return standing


def decide(
    *, actor, application: CertificationApplication, competent: bool, note: str = "", today: datetime.date | None = None
) -> Certificate | None:
    """The LSP's decision. Every unit needs a result; competent needs every unit Kompeten and
    issues the certificate (number allocated here, credential issued, PDF after commit)."""
    policy.require(actor, "certification.decide", application)
    today = today or register_day()
    _refuse_future(today)
    with transaction.atomic():
        application = _locked(application)
        if not application.allows("decide"):
            raise DomainError(_("Only an assessed candidate can be decided."))
        held = [d for d in (application.event.held_on if application.event else None,) if d]
        held += [a.held_on for a in application.assessments.select_related("event") if a.held_on]
        if held and today < max(held):
            raise DomainError(
                _("The decision cannot be dated before the competency examination (%(date)s).")
                % {"date": format_local(max(held))},
                code="before_examination",
            )
        standing = unit_standing(application)
        if not standing or any(v is None for v in standing.values()):
            raise DomainError(_("Not every competency unit has a result; the decision needs all of them."), code="incomplete")
        if competent and any(v != UnitResult.Result.K for v in standing.values()):
            raise DomainError(_("A unit is Belum Kompeten: the candidate cannot be declared competent."))
        certificate = None
        if competent:
            application.declare_competent(by=actor, note=note)
            _save(application, actor)
            certificate = _issue_certificate(actor, application, today)
        else:
            application.declare_not_yet_competent(by=actor, note=note)
            _save(application, actor)
    if certificate:
        _tell(
            application,
            gettext_noop("You were declared competent. Your certificate %(number)s has been issued."),
            number=certificate.number,
        )
    else:
        _tell(
            application,
            gettext_noop(
                "You were declared not yet competent. You can be re-assessed on the units not yet competent, or appeal (banding)."
            ),
        )
    return certificate


# --- certificates --------------------------------------------------------------------------


def _claims(certificate: Certificate) -> dict:
    """Public fields only (the public registers' privacy rule): never NIK, birth date, address or contacts."""
    claims = {
        "scheme": certificate.scheme.title,
        "level": certificate.get_level_display(),
        "practice_field": certificate.get_practice_field_display(),
        "certifier": certificate.lsp.name,
    }
    if certificate.person.province:
        claims["province"] = certificate.person.province.name
    return claims


def _issue_certificate(
    actor, application: CertificationApplication, on: datetime.date, renewed_from: Certificate | None = None
) -> Certificate:
    scheme, lsp = application.scheme, application.scheme.lsp
    rule_set = application.rule_set
    serial = numbering.allocate(certificate_series(lsp.code, on.year))
    with translation.override("id"):
        certificate = Certificate(
            number=certificate_number(lsp.code, scheme.level, on.year, serial),
            application=application,
            person=application.person,
            lsp=lsp,
            scheme=scheme,
            level=scheme.level,
            practice_field=scheme.practice_field,
            rule_set=rule_set,
            issued_on=on,
            valid_until=rule_set.certificate_valid_until(on) if rule_set else None,
            issued_by=actor,
            renewed_from=renewed_from,
        )
        _save(certificate, actor, gettext_noop("issued"))
        certificate.credential = issue_credential(
            actor=actor,
            kind=Credential.Kind.CERTIFICATE,
            subject=certificate,
            holder=application.person,
            number=certificate.number,
            holder_name=application.person.full_name,
            issuer_name=lsp.name,
            valid_from=on,
            valid_until=certificate.valid_until,
            claims=_claims(certificate),
        )
    certificate.save(update_fields=["credential"])
    pk = certificate.pk
    transaction.on_commit(lambda: _enqueue_pdf(pk))
    return certificate


def _enqueue_pdf(pk: int) -> None:
    from .tasks import render_certificate_pdf

    try:
        render_certificate_pdf.enqueue(pk)
    except Exception:  # the certificate stands; the nightly `run_scheduled` queues missing PDFs again
        log.exception("Could not render certificate PDF %s", pk)


def change_certificate_status(*, actor, certificate: Certificate, action: str, reason: str, category: str = "") -> Certificate:
    """Suspend, reinstate or revoke: `reason` in the officer's words for the staff, `category`
    (credentials.StatusCategory) for the public; the credential follows."""
    policy.require(actor, "certification.manage_certificate", certificate)
    if not reason.strip():
        raise DomainError(_("Give the reason."), field="reason")
    transitions = {"suspend": "suspend", "reinstate": "reinstate", "revoke": "revoke"}
    if action not in transitions:
        raise DomainError(_("Unknown action."))
    after = {
        "suspend": Certificate.Status.SUSPENDED,
        "reinstate": Certificate.Status.VALID,
        "revoke": Certificate.Status.REVOKED,
    }[action]
    category = checked_category(after, category)
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        method = getattr(certificate, transitions[action])
        if action not in certificate.status_actions():
            raise DomainError(
                _("A %(status)s certificate cannot be changed that way.") % {"status": certificate.get_status_display()}
            )
        method(reason=reason.strip(), category=category)
        _save(certificate, actor)
        if certificate.credential:
            change_status(
                actor=actor,
                credential=certificate.credential,
                status=certificate.status,
                reason=reason.strip(),
                category=category,
            )
    return certificate


def expire_certificates(*, today: datetime.date | None = None) -> int:
    """Nightly: valid or suspended certificates past their end become expired, or ended by
    renewal when a renewal continues them (idempotent)."""
    today = today or timezone.localdate()
    count = 0
    for pk in Certificate.objects.due_for_expiry(today).values_list("pk", flat=True):
        with transaction.atomic():
            certificate = Certificate.objects.select_for_update().get(pk=pk)
            if (
                certificate.status not in (Certificate.Status.VALID, Certificate.Status.SUSPENDED)
                or certificate.valid_until is None
            ):
                continue
            if (
                certificate.status == Certificate.Status.VALID
                and certificate.status_category == Credential.StatusCategory.RENEWED
            ):
                certificate.end_by_renewal(reason=certificate.status_reason)
                status, reason = Credential.Status.RENEWED, "renewed"
            else:
                certificate.expire(reason=_("validity ended on %(date)s") % {"date": certificate.valid_until.isoformat()})
                status, reason = Credential.Status.EXPIRED, "expired"
            _save(certificate, None)
            if certificate.credential:
                change_status(
                    actor=None,
                    credential=certificate.credential,
                    status=status,
                    reason=reason,
                    category=certificate.status_category,
                )
            count += 1
    return count


def certificate_actions(certificate: Certificate, today: datetime.date) -> list[str]:
    """What the LSP's certificate page offers today: the status changes the state machine
    allows, "renew" when `renew_certificate` would issue the renewal, "refuse_renewal" while a
    holder's request waits."""
    from . import renewals

    actions = certificate.status_actions()
    if certificate.renewal_refusal(today) is None and renewals.certificate_checklist(certificate, today).complete:
        actions.append("renew")
    if renewals.waiting_request(certificate) is not None:
        actions.append("refuse_renewal")
    return actions


def _lsp_officers(lsp: LSP) -> list:
    from accounts.models import RoleAssignment
    from accounts.roles import Role

    return [
        a.user
        for a in RoleAssignment.objects.active()
        .for_organisation(lsp)
        .filter(role=Role.LSP_OFFICER, user__is_active=True)
        .select_related("user")
    ]


def request_certificate_renewal(*, actor, certificate: Certificate, portfolio=None) -> CertificateRenewalRequest:
    """The holder asks the LSP to renew, from 90 days before the end, only on a complete
    checklist (the portfolio sent now counts); refused with what is missing, nothing saved."""
    from accounts.notifications import notify

    from . import renewals

    if certificate.person.user_id is None or certificate.person.user_id != getattr(actor, "pk", None):
        raise NotAllowed(_("Only the holder can ask for the renewal of this certificate."))
    today = register_day()
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update(of=("self",)).select_related("lsp", "person").get(pk=certificate.pk)
        refusal = certificate.renewal_refusal(today)
        if refusal:
            raise DomainError(refusal)
        assert certificate.valid_until is not None, "renewal_refusal refuses a certificate without an end"
        if not renewals.renewal_due(certificate, today):
            raise DomainError(
                _("Renewal requests open on %(date)s.")
                % {"date": format_local(core_renewals.window_opens_on(certificate.valid_until))}
            )
        if certificate.renewal_requests.waiting().exists():
            raise DomainError(_("Your renewal request is already waiting for the LSP's decision."))
        request = CertificateRenewalRequest(certificate=certificate, portfolio=portfolio or "", submitted_by=actor)
        checklist = renewals.certificate_checklist(certificate, today, request=request)
        if not checklist.complete:
            raise DomainError(
                _("Your renewal request cannot be sent yet: %(missing)s.") % {"missing": checklist.missing_text()},
                field="portfolio",
            )
        try:
            with transaction.atomic():
                _save(request, actor, gettext_noop("submitted"))
        except IntegrityError:  # a second request sent at the same moment
            raise DomainError(_("Your renewal request is already waiting for the LSP's decision.")) from None
    url = reverse("certification:certificate_detail", args=[certificate.pk])
    for officer in _lsp_officers(certificate.lsp):
        with translation.override("id"):
            notify(
                officer,
                subject=_("Certificate renewal to decide: %(number)s") % {"number": certificate.number},
                body=certificate.person.full_name,
                url=url,
            )
    return request


def _mark_renewed(actor, certificate: Certificate, renewal: Certificate) -> None:
    """The certificate stays valid to its last day and then ends as renewed (the nightly run
    records it), on its own page and on its credential: never as expired."""
    certificate.status_category = Credential.StatusCategory.RENEWED
    certificate.status_reason = (_("Renewed by %(number)s.") % {"number": renewal.number})[:255]
    _save(certificate, actor, "renewed")
    if certificate.credential is not None and renewal.credential is not None:
        mark_renewed(actor=actor, credential=certificate.credential, successor=renewal.credential)


def renew_certificate(*, actor, certificate: Certificate, today: datetime.date | None = None) -> Certificate:
    """The LSP's renewal decision inside the window before expiry, only on a complete renewal
    checklist: a new certificate (new number) valid from the day after the old one ends, under
    the rule set in force today; the old one ends as renewed and the holder's request is closed."""
    from . import renewals

    policy.require(actor, "certification.manage_certificate", certificate)
    today = today or register_day()
    _refuse_future(today)
    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update(of=("self",))
            .select_related("application", "scheme__lsp", "credential")
            .get(pk=certificate.pk)
        )
        refusal = certificate.renewal_refusal(today)
        if refusal:
            raise DomainError(refusal)
        checklist = renewals.certificate_checklist(certificate, today)
        if not checklist.complete:
            raise DomainError(
                _("This renewal cannot be issued yet: %(missing)s.") % {"missing": checklist.missing_text()},
                field="renewal_checklist",
            )
        rule_sets = eligibility.rule_sets_in_force(today)
        assert certificate.valid_until is not None, "renewal_refusal refuses a certificate without an end"
        starts = certificate.valid_until + datetime.timedelta(days=1)
        lsp, scheme = certificate.lsp, certificate.scheme
        serial = numbering.allocate(certificate_series(lsp.code, today.year))
        renewal = Certificate(
            number=certificate_number(lsp.code, scheme.level, today.year, serial),
            application=None,
            person=certificate.person,
            lsp=lsp,
            scheme=scheme,
            level=certificate.level,
            practice_field=certificate.practice_field,
            rule_set=rule_sets[0],
            issued_on=starts,
            valid_until=rule_sets[0].certificate_valid_until(starts),
            issued_by=actor,
            renewed_from=certificate,
        )
        _save(renewal, actor, gettext_noop("renewal"))
        with translation.override("id"):
            renewal.credential = issue_credential(
                actor=actor,
                kind=Credential.Kind.CERTIFICATE,
                subject=renewal,
                holder=certificate.person,
                number=renewal.number,
                holder_name=certificate.person.full_name,
                issuer_name=lsp.name,
                valid_from=starts,
                valid_until=renewal.valid_until,
                claims=_claims(renewal),
            )
        renewal.save(update_fields=["credential"])
        _mark_renewed(actor, certificate, renewal)
        request = certificate.renewal_requests.waiting().select_for_update().first()
        if request is not None:
            request.status = CertificateRenewalRequest.State.RENEWED
            request.decided_by, request.decided_at, request.renewal = actor, timezone.now(), renewal
            _save(request, actor, gettext_noop("renewed"))
        pk = renewal.pk
        transaction.on_commit(lambda: _enqueue_pdf(pk))
    _tell_holder(
        certificate,
        gettext_noop("Your competency certificate was renewed: %(number)s"),
        gettext_noop("Your competency certificate %(old)s is renewed as %(number)s, valid from %(start)s until %(end)s."),
        renewal,
    )
    return renewal


def refuse_certificate_renewal(*, actor, request: CertificateRenewalRequest, reason: str) -> CertificateRenewalRequest:
    """The LSP refuses the holder's request with its reason; the holder may send a new one."""
    policy.require(actor, "certification.manage_certificate", request.certificate)
    if not reason.strip():
        raise DomainError(_("Give the reason."), field="reason")
    with transaction.atomic():
        request = CertificateRenewalRequest.objects.select_for_update().select_related("certificate").get(pk=request.pk)
        if not request.waiting:
            raise DomainError(_("This renewal request has already been decided."))
        request.status = CertificateRenewalRequest.State.REFUSED
        request.decided_by, request.decided_at, request.decision_note = actor, timezone.now(), reason.strip()
        _save(request, actor, gettext_noop("refused"))
    _tell_holder(
        request.certificate,
        gettext_noop("Your certificate renewal request was refused"),
        gettext_noop("The LSP refused the renewal of %(old)s: %(reason)s"),
        None,
        reason=reason.strip(),
    )
    return request


def _tell_holder(certificate: Certificate, subject: str, body: str, renewal: Certificate | None, **extra) -> None:
    """`subject` and `body` are message ids (translated here, in Indonesian)."""
    user = certificate.person.user
    if user is None:
        return
    from accounts.notifications import notify

    with translation.override("id"):
        params = {"old": certificate.number, **extra}
        if renewal is not None:
            params.update(
                number=renewal.number,
                start=format_local(renewal.issued_on),
                end=format_local(renewal.valid_until) if renewal.valid_until else "—",
            )
        notify(
            user,
            subject=_(subject) % params,
            body=_(body) % params,
            url=reverse("certification:my_certificate", args=[certificate.pk]),
        )


# --- certificate validity (dated versions of the rule sets) ----------------------------------


def publish_certificate_validity(
    *,
    actor,
    rule_set: EligibilityRuleSet,
    valid_from: datetime.date,
    certificate_validity_months: int,
    renewal_window_months: int,
    source: str,
) -> EligibilityRuleSet:
    """A new version of a certification route in force, from a future day, copied with its
    criteria and carrying the new certificate validity and renewal window; the version in force
    is closed the day before and otherwise left as it was (a certificate keeps the rule set it
    was issued under). Set by the ministry, whose regulations the routes are."""
    policy.require(actor, "certification.set_certificate_validity")
    today = register_day()
    if valid_from is None or valid_from <= today:
        raise DomainError(
            _("A new version starts from tomorrow on: today's certificates are issued under the version in force."),
            field="valid_from",
        )
    if not certificate_validity_months or certificate_validity_months < 1:
        raise DomainError(_("A certificate is valid for at least one month."), field="certificate_validity_months")
    if not renewal_window_months or not 1 <= renewal_window_months < certificate_validity_months:
        raise DomainError(
            _("Renewal opens at least one month before the end, and within the certificate's validity."),
            field="renewal_window_months",
        )
    source = (source or "").strip()
    if not source:
        raise DomainError(_("Say where this setting comes from (e.g. the decree)."), field="source")
    with transaction.atomic():
        current = (
            EligibilityRuleSet.objects.select_for_update()
            .in_force(today)
            .filter(pk=rule_set.pk, purpose=EligibilityRuleSet.Purpose.CERTIFICATION)
            .first()
        )
        if current is None:
            raise DomainError(_("Choose a certification route in force today."), field="rule_set")
        if current.valid_until is not None and valid_from > current.valid_until:
            raise DomainError(
                _("This route ends on %(date)s; a new version must start before that.")
                % {"date": format_local(current.valid_until)},
                field="valid_from",
            )
        if EligibilityRuleSet.objects.filter(
            purpose=current.purpose, name=current.name, valid_from__gt=current.valid_from
        ).exists():
            raise DomainError(_("A next version is already published; it takes effect first."), field="valid_from")
        criteria = list(current.criteria.all())
        version = EligibilityRuleSet(
            code=f"{current.code[:50]}-{valid_from:%Y%m%d}",
            name=current.name,
            purpose=current.purpose,
            description=current.description,
            order=current.order,
            certificate_validity_months=certificate_validity_months,
            renewal_window_months=renewal_window_months,
            education_confers_title=current.education_confers_title,
            valid_from=valid_from,
            valid_until=current.valid_until,
            source=source[:255],
            source_url="",
        )
        if EligibilityRuleSet.objects.filter(code=version.code).exists():
            raise DomainError(_("A version of this route from that day already exists."), field="valid_from")
        current.valid_until = valid_from - datetime.timedelta(days=1)
        _save(current, actor, "closed for a new version")
        _save(version, actor, "new version")
        for criterion in criteria:
            criterion.pk = None
            criterion.rule_set = version
            _save(criterion, actor, "copied to a new version")
        audit.record(
            actor,
            AuditEvent.Action.SENSITIVE_ACTION,
            version,
            summary=f"certificate validity {certificate_validity_months} months from {valid_from.isoformat()}",
            previous=current.pk,
            valid_from=valid_from.isoformat(),
            certificate_validity_months=certificate_validity_months,
            renewal_window_months=renewal_window_months,
        )
    return version


# --- appeals -------------------------------------------------------------------------------


def lodge_appeal(*, actor, application: CertificationApplication, grounds: str) -> Appeal:
    _require_applicant(actor, application)
    if not grounds.strip():
        raise DomainError(_("Give the grounds of the appeal."), field="grounds")
    with transaction.atomic():
        application = _locked(application)
        if not application.allows("appeal"):
            if application.status == Status.NOT_YET_COMPETENT:
                raise DomainError(_("An appeal is already pending."))
            raise DomainError(_("Only a not-yet-competent decision can be appealed."))
        assessment = application.current_assessment
        appeal = Appeal(application=application, assessment=assessment, grounds=grounds.strip(), lodged_by=actor)
        _save(appeal, actor, gettext_noop("lodged"))
    return appeal


def decide_appeal(*, actor, appeal: Appeal, uphold: bool, notes: str) -> Appeal:
    """Decided by an LSP officer who is not the first assessor. Upheld: the candidate is
    re-assessed on every unit by another assessor (schedule and assign as usual)."""
    policy.require(actor, "certification.decide", appeal.application)
    if (
        appeal.assessment.assessor.user_id == actor.pk
        or appeal.application.assessments.filter(attempt=1, assessor__user=actor).exists()
    ):
        raise DomainError(_("The assessor whose result is appealed cannot decide the appeal."), code="conflict")
    if not notes.strip():
        raise DomainError(_("Give the reasons for the decision."), field="notes")
    with transaction.atomic():
        appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
        if appeal.status != Appeal.Status.LODGED:
            raise DomainError(_("This appeal has already been decided."))
        (appeal.uphold if uphold else appeal.dismiss)(by=actor, notes=notes.strip())
        _save(appeal, actor)
    application = appeal.application
    if uphold:
        _tell(application, gettext_noop("Your appeal was upheld: you will be re-assessed on every unit by another assessor."))
    else:
        _tell(application, gettext_noop("Your appeal was dismissed: %(notes)s"), notes=notes.strip())
    return appeal


# --- schemes -------------------------------------------------------------------------------


def save_scheme(*, actor, scheme: Scheme) -> Scheme:
    policy.require(actor, "certification.manage_lsp", scheme.lsp)
    with transaction.atomic():
        if Scheme.objects.filter(lsp=scheme.lsp, code=scheme.code).exclude(pk=scheme.pk).exists():
            raise DomainError(_("This LSP already has a scheme with code %(code)s.") % {"code": scheme.code}, field="code")
        _save(scheme, actor, gettext_noop("saved"))
    return scheme


def add_unit(*, actor, scheme: Scheme, code: str, title: str) -> CompetencyUnit:
    policy.require(actor, "certification.manage_lsp", scheme.lsp)
    if not code.strip() or not title.strip():
        raise DomainError(_("Give the unit's code and title."))
    with transaction.atomic():
        if scheme.units.filter(code=code.strip()).exists():
            raise DomainError(_("The scheme already has unit %(code)s.") % {"code": code.strip()}, field="code")
        unit = CompetencyUnit(scheme=scheme, code=code.strip(), title=title.strip(), order=scheme.units.count() + 1)
        _save(unit, actor, gettext_noop("added"))
    return unit


def set_required_document(*, actor, scheme: Scheme, kind: str, required: bool = True, note: str = ""):
    from .models import SchemeDocument

    policy.require(actor, "certification.manage_lsp", scheme.lsp)
    with transaction.atomic():
        document = SchemeDocument.objects.filter(scheme=scheme, kind=kind).first() or SchemeDocument(scheme=scheme, kind=kind)
        document.required, document.note = required, note
        _save(document, actor, gettext_noop("saved"))
    return document


# --- personal data (UU 27/2022) ------------------------------------------------------------


def export_for_user(user) -> dict | None:
    """What certification holds about this person, for their data-access request: applications
    (documents named, not included), appeals, certificates, and assessor registrations."""
    person = own_person(user)
    applications = (
        CertificationApplication.objects.filter(person=person)
        .with_related()
        .prefetch_related("evidence", "assessments__results__unit", "appeals")
        if person is not None
        else CertificationApplication.objects.none()
    )
    certificates = Certificate.objects.for_person(person).with_related() if person is not None else Certificate.objects.none()
    assessor_posts = CompetencyAssessor.objects.filter(user=user).select_related("lsp")
    if not applications and not certificates and not assessor_posts:
        return None
    return {
        "applications": [
            {
                "scheme": a.scheme.code,
                "lsp": a.scheme.lsp.name,
                "status": a.status,
                "submitted_at": a.submitted_at,
                "rule_set": a.rule_set.name if a.rule_set else None,
                "eligibility": a.eligibility,
                "failed_criteria": a.failed_criteria,
                "reason": a.reason,
                "portfolio": a.portfolio,
                "documents": [
                    {
                        "kind": e.get_kind_display(),
                        "title": e.title,
                        "file": files.described(e.file),
                    }
                    for e in a.evidence.all()
                ],
                "results": [
                    {"attempt": s.attempt, "unit": r.unit.code, "result": r.result, "notes": r.notes}
                    for s in a.assessments.all()
                    for r in s.results.all()
                ],
                "appeals": [{"grounds": p.grounds, "status": p.status, "decision": p.decision_notes} for p in a.appeals.all()],
            }
            for a in applications
        ],
        "certificates": [
            {
                "number": c.number,
                "scheme": c.scheme.code,
                "lsp": c.lsp.name,
                "issued_on": c.issued_on,
                "valid_until": c.valid_until,
                "status": c.status,
                "renewal_requests": [
                    {
                        "submitted_at": r.submitted_at,
                        "status": r.status,
                        "decision": r.decision_note,
                        "portfolio": r.portfolio.name.rsplit("/", 1)[-1] if r.portfolio.name else None,
                    }
                    for r in CertificateRenewalRequest.objects.filter(certificate=c)
                ],
            }
            for c in certificates
        ],
        "assessor_registrations": [
            {"lsp": a.lsp.name, "registration_number": a.registration_number, "employer": a.employer, "active": a.active}
            for a in assessor_posts
        ],
    }


def erase_for_user(user, actor) -> str:
    """core.personal_data erase hook. The documents uploaded as evidence go, from storage and from
    the change history, and so do the portfolio copied from the profile and the renewal
    portfolios. Applications, results,
    appeals and decisions stay (the LSP's record of how each certificate was decided), and so do
    certificates: public register entries whose credentials stay verifiable. An assessor
    registration with assessments stays (closed), since those assessments rest on it; one
    without goes."""
    from core import personal_data

    person = own_person(user)
    with transaction.atomic():
        applications = list(CertificationApplication.objects.filter(person=person)) if person is not None else []
        for evidence in ApplicationEvidence.objects.filter(application__in=applications):
            personal_data.erase(evidence, actor=actor, file="", title="")
        for application in applications:
            if application.portfolio:
                personal_data.erase(application, actor=actor, portfolio={})
        renewal_requests = list(
            CertificateRenewalRequest.objects.filter(certificate__person=person).exclude(portfolio="")
            if person is not None
            else []
        )
        for renewal_request in renewal_requests:
            personal_data.erase(renewal_request, actor=actor, portfolio="")
        posts = list(CompetencyAssessor.objects.filter(user=user))
        for post in posts:
            if post.assessments.exists():
                post.active = False
                _save(post, actor, gettext_noop("closed on erasure"))
            else:
                personal_data.delete(post)
    if not applications and not posts and not renewal_requests:
        return ""
    return _(
        "Certification: uploaded evidence and portfolios erased, also from the change history; decisions and certificates kept as the LSP's record."
    )


# --- assessors -----------------------------------------------------------------------------


def register_assessor(
    *,
    actor,
    lsp: LSP,
    email: str,
    registration_number: str,
    employer: str,
    registration_valid_until: datetime.date | None = None,
) -> CompetencyAssessor:
    """Register (or update) a competency assessor of this LSP: a registered person with their own
    valid competency certificate and an assessor registration. Grants the assessor role."""
    from accounts.models import RoleAssignment, User
    from accounts.roles import Role
    from registry.models import Person

    policy.require(actor, "certification.manage_lsp", lsp)
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise DomainError(_("No account uses the e-mail address %(email)s.") % {"email": email.strip()}, field="email")
    person = Person.objects.filter(user=user).first()
    if person is None:
        raise DomainError(
            _("%(email)s has no profile in the register; an assessor must be a registered person.") % {"email": user.email},
            field="email",
        )
    if not Certificate.objects.valid_for(person).exists():
        raise DomainError(_("An assessor needs their own valid competency certificate."), field="email")
    if not registration_number.strip():
        raise DomainError(_("Give the assessor registration number."), field="registration_number")
    if not employer.strip():
        raise DomainError(_("Give the assessor's employer: it is used to refuse conflicts of interest."), field="employer")
    with transaction.atomic():
        assessor = CompetencyAssessor.objects.filter(lsp=lsp, user=user).first() or CompetencyAssessor(
            lsp=lsp, user=user, person=person
        )
        assessor.registration_number = registration_number.strip()
        assessor.registration_valid_until = registration_valid_until
        assessor.employer = employer.strip()
        assessor.active = True
        _save(assessor, actor, gettext_noop("registered"))
        from django.contrib.contenttypes.models import ContentType

        lsp_type = ContentType.objects.get_for_model(LSP)
        if (
            not RoleAssignment.objects.active()
            .filter(user=user, role=Role.COMPETENCY_ASSESSOR, organisation_type=lsp_type, organisation_id=lsp.pk)
            .exists()
        ):
            RoleAssignment.objects.create(
                user=user,
                role=Role.COMPETENCY_ASSESSOR,
                organisation_type=lsp_type,
                organisation_id=lsp.pk,
                granted_by=actor,
                note="assessor registration",
            )
    return assessor


def declare_relative(*, actor, assessor: CompetencyAssessor, member_number: str) -> None:
    """A relative the assessor may never assess, named by IPSPI member number. Declared by the
    assessor themself or by an officer of their LSP."""
    from registry.models import Member

    if assessor.user_id != actor.pk:
        policy.require(actor, "certification.manage_lsp", assessor)
    member = Member.objects.select_related("person").filter(number=member_number.strip()).first()
    if member is None:
        raise DomainError(_("No member has the number %(number)s.") % {"number": member_number.strip()}, field="member_number")
    with transaction.atomic():
        assessor.declared_relatives.add(member.person)
        _save(assessor, actor, gettext_noop("relative declared"))


# --- the LSP board -------------------------------------------------------------------------


def add_board_seat(
    *,
    actor,
    lsp: LSP,
    constituency: str,
    member_name: str,
    term_start: datetime.date,
    nominated_by: str = "",
    term_end: datetime.date | None = None,
):
    """A named board member for a constituency and term; the page then shows whether the board
    meets the composition rule in force."""
    from .models import Constituency, LspSeat

    policy.require(actor, "certification.manage_lsp", lsp)
    if constituency not in Constituency.values:
        raise DomainError(_("Choose a constituency."), field="constituency")
    if not member_name.strip():
        raise DomainError(_("Give the board member's name."), field="member_name")
    if term_end and term_end < term_start:
        raise DomainError(_("The term cannot end before it starts."), field="term_end")
    with transaction.atomic():
        seat = LspSeat(
            lsp=lsp,
            constituency=constituency,
            member_name=member_name.strip(),
            nominated_by=nominated_by.strip(),
            term_start=term_start,
            term_end=term_end,
        )
        _save(seat, actor, gettext_noop("appointed"))
    return seat


def end_board_seat(*, actor, seat, term_end: datetime.date):
    """A board member's term ends (nothing is deleted)."""
    policy.require(actor, "certification.manage_lsp", seat.lsp)
    if term_end < seat.term_start:
        raise DomainError(_("The term cannot end before it starts."), field="term_end")
    with transaction.atomic():
        seat.term_end = term_end
        _save(seat, actor, gettext_noop("term ended"))
    return seat
