"""BALKS accreditation: every step from the LKS's request to the Minister's determination."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import gettext_noop
from django_fsm import TransitionNotAllowed, can_proceed, has_transition_perm

from accounts import policy
from accounts.models import RoleAssignment
from accounts.notifications import notify
from accounts.roles import Role
from core import vocabulary
from core.dates import format_local, period_end, register_day
from core.errors import DomainError, NotAllowed
from credentials.models import Credential
from credentials.services import change_status, issue_credential

from .models import (
    ACCREDITATION_NUMBER,
    LKS,
    Accreditation,
    AccreditationApplication,
    Assignment,
    BalksAssessor,
    BoardMember,
    BoardMemberRule,
    BoardPeriod,
    DeterminationBatch,
    GradeBand,
    Indicator,
    Instrument,
    Recommendation,
    Score,
    Standard,
)

MIN_ASSESSORS = 2
TWO_PLACES = Decimal("0.01")


def _claim(application: AccreditationApplication, version) -> None:
    application.claim_version(version)


def _step(application: AccreditationApplication, transition: str, *, actor=None, **kwargs) -> None:
    """Run a workflow transition; a step that the current status does not allow is a domain
    error with a clear message, never a crash. With `actor`, the transition's own permission (the
    one that decides whether the page offers the step) is checked too."""
    method = getattr(application, transition)
    if actor is not None and can_proceed(method) and not has_transition_perm(method, actor):
        raise NotAllowed()
    try:
        method(**kwargs)
    except TransitionNotAllowed:
        raise DomainError(
            _("This step is not possible while the application is “%(status)s”.") % {"status": application.get_status_display()}
        ) from None


def operators_of(lks: LKS):
    return [
        a.user
        for a in RoleAssignment.objects.active().for_organisation(lks).filter(role=Role.LKS_OPERATOR).select_related("user")
    ]


def _tell_operators(lks: LKS, subject: str, body: str, url: str = "") -> None:
    for user in operators_of(lks):
        notify(user, subject=subject, body=body, url=url)


def _instrument_of(application: AccreditationApplication) -> Instrument:
    """The instrument an application is scored with: set when it is submitted, so every
    application an assessor or BALKS works on has one."""
    assert application.instrument is not None, "an application gets its instrument on submission"
    return application.instrument


def instrument_on(day: datetime.date) -> Instrument:
    instrument = Instrument.objects.in_force(day).order_by("-valid_from").first()
    if instrument is None:
        raise DomainError(_("No accreditation instrument is in force on %(day)s.") % {"day": day.isoformat()})
    return instrument


def not_in_future(day: datetime.date, *, field: str = "") -> None:
    """A decision, decree or appointment is dated on the day it was made: never after today in
    Jakarta (the register's day), whatever the time zone of the person entering it."""
    if day > register_day():
        raise DomainError(
            _("The date %(day)s is in the future; enter the date on which it was decided.") % {"day": format_local(day)},
            field=field,
        )


# --- the LKS ---------------------------------------------------------------------------------------
def start_application(*, actor, lks: LKS) -> AccreditationApplication:
    policy.require(actor, "accreditation.apply", lks)
    if lks.applications.open().exists():
        raise DomainError(_("This LKS already has an accreditation application in progress."))
    return AccreditationApplication.objects.get_or_create(lks=lks, status=AccreditationApplication.Status.DRAFT)[0]


def submit_application(
    *, actor, application: AccreditationApplication, version, self_assessment: dict[str, int]
) -> AccreditationApplication:
    """Formulir A (self-assessment per indicator) with Formulir B and the request letter."""
    policy.require(actor, "accreditation.apply", application.lks)
    with transaction.atomic():
        _claim(application, version)
        instrument = instrument_on(timezone.localdate())
        indicators = {str(i.pk): i for i in Indicator.objects.filter(standard__instrument=instrument)}
        missing = [i.code for key, i in indicators.items() if key not in self_assessment]
        if missing:
            raise DomainError(
                _("Score every indicator of the self-assessment (missing: %(codes)s).") % {"codes": ", ".join(missing)}
            )
        for key, value in self_assessment.items():
            if key not in indicators or not instrument.scale_min <= int(value) <= instrument.scale_max:
                raise DomainError(
                    _("Self-assessment scores run from %(min)s to %(max)s.")
                    % {"min": instrument.scale_min, "max": instrument.scale_max}
                )
        if not application.request_letter or not application.evidence:
            raise DomainError(_("Attach the request letter and the documentary evidence (Formulir B) before submitting."))
        application.self_assessment = {k: int(v) for k, v in self_assessment.items()}
        _step(application, "submit", actor=actor, instrument=instrument)
        application._change_reason = gettext_noop("submitted")
        application.save()
    for officer in _dinsos_officers(application.lks):
        notify(
            officer,
            subject=_("Accreditation request to verify"),
            body=str(application.lks),
            url=f"/akreditasi/permohonan/{application.pk}/",
        )
    return application


def save_self_assessment_draft(
    *, actor, application: AccreditationApplication, version, self_assessment: dict[str, int]
) -> AccreditationApplication:
    """Keep the self-assessment as far as the LKS has come (some indicators may be unanswered);
    nothing is submitted. Possible while the application could be submitted (draft or returned)."""
    policy.require(actor, "accreditation.apply", application.lks)
    with transaction.atomic():
        _claim(application, version)
        if not can_proceed(application.submit):
            raise DomainError(
                _("The self-assessment can no longer be changed while the application is “%(status)s”.")
                % {"status": application.get_status_display()}
            )
        instrument = instrument_on(timezone.localdate())
        indicators = {str(pk) for pk in Indicator.objects.filter(standard__instrument=instrument).values_list("pk", flat=True)}
        for key, value in self_assessment.items():
            if key not in indicators or not instrument.scale_min <= int(value) <= instrument.scale_max:
                raise DomainError(
                    _("Self-assessment scores run from %(min)s to %(max)s.")
                    % {"min": instrument.scale_min, "max": instrument.scale_max}
                )
        application.self_assessment = {k: int(v) for k, v in self_assessment.items()}
        application._history_user, application._change_reason = actor, gettext_noop("self-assessment draft saved")
        application.save()
    return application


def _dinsos_officers(lks: LKS):
    return [
        a.user
        for a in RoleAssignment.objects.active().filter(role=Role.DINSOS_OFFICER, regency=lks.regency).select_related("user")
    ]


# --- Dinas Sosial ------------------------------------------------------------------------------------
def recommend(*, actor, application: AccreditationApplication, version, note: str) -> AccreditationApplication:
    policy.require(actor, "accreditation.recommend", application)
    if not note.strip():
        raise DomainError(_("Write the Dinas Sosial's recommendation."), field="note")
    with transaction.atomic():
        _claim(application, version)
        _step(application, "recommend", actor=actor, by=actor, note=note.strip())
        application._history_user, application._change_reason = actor, gettext_noop("recommended by the Dinas Sosial")
        application.save()
    _tell_operators(application.lks, _("Your accreditation request was recommended to BALKS"), note.strip())
    return application


def return_application(*, actor, application: AccreditationApplication, version, reason: str) -> AccreditationApplication:
    policy.require(actor, "accreditation.recommend", application)
    if not reason.strip():
        raise DomainError(_("Say what the LKS must correct."), field="reason")
    with transaction.atomic():
        _claim(application, version)
        _step(application, "return_to_lks", actor=actor, by=actor, reason=reason.strip())
        application._history_user, application._change_reason = actor, gettext_noop("returned by the Dinas Sosial")
        application.save()
    _tell_operators(application.lks, _("Your accreditation request was returned for correction"), reason.strip())
    return application


# --- BALKS -----------------------------------------------------------------------------------------------
def accept(*, actor, application: AccreditationApplication, version) -> AccreditationApplication:
    policy.require(actor, "accreditation.manage", application)
    with transaction.atomic():
        _claim(application, version)
        _step(application, "accept", actor=actor)
        application._history_user, application._change_reason = actor, gettext_noop("accepted by BALKS")
        application.save()
    return application


def return_by_balks(*, actor, application: AccreditationApplication, version, reason: str) -> AccreditationApplication:
    """At acceptance BALKS sends the application back for correction; the LKS corrects and
    submits it again."""
    policy.require(actor, "accreditation.manage", application)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say what the LKS must correct."), field="reason")
    with transaction.atomic():
        _claim(application, version)
        _step(application, "return_by_balks", actor=actor, reason=reason)
        application._history_user, application._change_reason = actor, gettext_noop("returned by BALKS for correction")
        application.save()
    _tell_operators(
        application.lks,
        _("BALKS returned your accreditation request for correction"),
        reason,
        url=f"/akreditasi/permohonan/{application.pk}/",
    )
    return application


def refuse_application(*, actor, application: AccreditationApplication, version, reason: str) -> AccreditationApplication:
    """At acceptance BALKS refuses the application; the refusal is final (the LKS may apply
    again with a new application)."""
    policy.require(actor, "accreditation.manage", application)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for the refusal."), field="reason")
    with transaction.atomic():
        _claim(application, version)
        _step(application, "refuse", actor=actor, reason=reason)
        application._history_user, application._change_reason = actor, gettext_noop("refused by BALKS")
        application.save()
    _tell_operators(
        application.lks,
        _("BALKS refused your accreditation request"),
        reason,
        url=f"/akreditasi/permohonan/{application.pk}/",
    )
    return application


def conflicts(assessor: BalksAssessor, lks: LKS) -> list[str]:
    """Why this assessor may not assess this LKS (empty when free of conflict)."""
    reasons = []
    if assessor.affiliated_lks.filter(pk=lks.pk).exists():
        reasons.append(_("works for or owns this LKS"))
    if lks.legal_entity and assessor.employer and assessor.employer.strip().lower() == lks.legal_entity.strip().lower():
        reasons.append(_("works for the LKS's owner"))
    if lks.regency_id in (assessor.home_regency_id, assessor.work_regency_id):
        reasons.append(_("lives or works in the same regency/city"))
    if assessor.declared_relations.filter(pk=lks.pk).exists():
        reasons.append(_("has declared a relation with this LKS"))
    return reasons


def _workloads():
    open_statuses = [AccreditationApplication.Status.ASSIGNED, AccreditationApplication.Status.DESK_REVIEWED]
    return BalksAssessor.objects.annotate(
        open_work=Count("assignments", filter=Q(assignments__application__status__in=open_statuses))
    )


def propose_assessors(application: AccreditationApplication, count: int = MIN_ASSESSORS) -> list[BalksAssessor]:
    """The least-loaded eligible assessors free of conflict, for an officer to accept or change."""
    today = timezone.localdate()
    proposal = []
    for assessor in _workloads().order_by("open_work", "name"):
        if assessor.is_active(today) and assessor.meets_criteria() and not conflicts(assessor, application.lks):
            proposal.append(assessor)
        if len(proposal) == count:
            break
    return proposal


def assign_assessors(
    *, actor, application: AccreditationApplication, version, assessors: list[BalksAssessor]
) -> AccreditationApplication:
    policy.require(actor, "accreditation.manage", application)
    unique = list({a.pk: a for a in assessors}.values())
    if len(unique) < MIN_ASSESSORS:
        raise DomainError(_("Assign at least two different assessors."), field="assessors")
    today = timezone.localdate()
    for assessor in unique:
        reasons = conflicts(assessor, application.lks)
        if reasons:
            raise DomainError(
                _("%(name)s cannot assess %(lks)s: %(reasons)s.")
                % {"name": assessor.name, "lks": application.lks, "reasons": "; ".join(reasons)},
                field="assessors",
            )
        if not assessor.is_active(today) or not assessor.meets_criteria():
            raise DomainError(
                _("%(name)s is not an active assessor meeting BALKS's criteria.") % {"name": assessor.name}, field="assessors"
            )
    with transaction.atomic():
        _claim(application, version)
        for assessor in unique:
            Assignment.objects.create(application=application, assessor=assessor, assigned_by=actor)
        _step(application, "assign", actor=actor)
        application._history_user, application._change_reason = actor, gettext_noop("assessors assigned")
        application.save()
    for assessor in unique:
        notify(
            assessor.user,
            subject=_("New accreditation assignment"),
            body=str(application.lks),
            url=f"/akreditasi/permohonan/{application.pk}/",
        )
    return application


def record_scores(
    *, actor, application: AccreditationApplication, phase: str, values: dict[int, int], notes: dict[int, str] | None = None
) -> None:
    """An assessor scores every indicator of one phase, independently of the other assessor."""
    assessor = getattr(actor, "balks_assessor", None) if actor.is_authenticated else None
    if assessor is None or not application.assignments.filter(assessor=assessor).exists():
        raise DomainError(_("You are not assigned to this application."), code="forbidden")
    expected_status: dict[str, str] = {
        Score.Phase.DESK: AccreditationApplication.Status.ASSIGNED,
        Score.Phase.VISIT: AccreditationApplication.Status.DESK_REVIEWED,
    }
    notes = notes or {}
    with transaction.atomic():
        # Lock and re-read: the other assessor may have just completed the phase.
        application = (
            AccreditationApplication.objects.select_for_update(of=("self",)).select_related("instrument").get(pk=application.pk)
        )
        if phase not in expected_status or application.status != expected_status[phase]:
            raise DomainError(_("This phase is not open for scoring now."))
        instrument = _instrument_of(application)
        indicators = list(Indicator.objects.filter(standard__instrument=instrument))
        missing = [i.code for i in indicators if i.pk not in values]
        if missing:
            raise DomainError(_("Score every indicator (missing: %(codes)s).") % {"codes": ", ".join(missing)})
        for indicator in indicators:
            if not instrument.scale_min <= int(values[indicator.pk]) <= instrument.scale_max:
                raise DomainError(
                    _("Scores run from %(min)s to %(max)s (%(code)s).")
                    % {"min": instrument.scale_min, "max": instrument.scale_max, "code": indicator.code}
                )
        for indicator in indicators:
            Score.objects.update_or_create(
                application=application,
                assessor=assessor,
                indicator=indicator,
                phase=phase,
                defaults={
                    "value": int(values[indicator.pk]),
                    "note": notes.get(indicator.pk, "")[:300],
                    "recorded_at": timezone.now(),
                },
            )
        _advance_when_all_scored(application, phase, len(indicators))


def _advance_when_all_scored(application: AccreditationApplication, phase: str, indicator_count: int) -> None:
    assessors = application.assignments.count()
    done = application.scores.filter(phase=phase).values("assessor").annotate(n=Count("id")).filter(n=indicator_count).count()
    if done < assessors:
        return
    if phase == Score.Phase.DESK:
        _step(application, "finish_desk_review")
    else:
        compute_result(application)
        _step(application, "finish_visit")
    application._change_reason = (
        gettext_noop("desk review scores complete") if phase == Score.Phase.DESK else gettext_noop("visit scores complete")
    )
    application.save()


def weighted_result(instrument: Instrument, values_by_indicator: dict[int, list]) -> tuple[dict, list, Decimal]:
    """The instrument's weighting: the mean per indicator (of the values given), weighted up to
    standards and the total; indicators whose values differ by more than the threshold are
    flagged. Used for the assessors' visit scores and for the LKS's own self-assessment."""
    standards = {}
    flagged = []
    total = Decimal(0)
    for standard in instrument.standards.prefetch_related("indicators"):
        weight_sum = Decimal(0)
        percent_sum = Decimal(0)
        for indicator in standard.indicators.all():
            values = values_by_indicator.get(indicator.pk, [])
            if not values:
                continue
            if max(values) - min(values) > instrument.reconciliation_threshold:
                flagged.append(indicator.code)
            mean = Decimal(sum(values)) / len(values)
            percent_sum += mean / instrument.scale_max * 100 * indicator.weight
            weight_sum += indicator.weight
        standard_percent = (percent_sum / weight_sum) if weight_sum else Decimal(0)
        standards[standard.code] = {
            "name": standard.name,
            "score": str(standard_percent.quantize(TWO_PLACES, ROUND_HALF_UP)),
            "weight": standard.weight,
        }
        total += standard_percent * standard.weight / 100
    return standards, flagged, total.quantize(TWO_PLACES, ROUND_HALF_UP)


def compute_result(application: AccreditationApplication) -> None:
    """Visit scores decide: the mean per indicator across assessors, by the instrument's weights."""
    instrument = _instrument_of(application)
    by_indicator = defaultdict(list)
    for score in application.scores.filter(phase=Score.Phase.VISIT):
        by_indicator[score.indicator_id].append(score.value)
    application.standard_scores, application.flagged_indicators, application.total_score = weighted_result(
        instrument, by_indicator
    )


@dataclass(frozen=True)
class SelfAssessment:
    """What the LKS said of itself (Formulir A), weighted as the assessors' scores are, and the
    grade that total would earn: shown to the Dinas Sosial, BALKS and the Minister beside the
    assessors' result, so a large gap between the two is visible."""

    rows: list[tuple[str, str, int]]
    standards: dict
    total: Decimal
    grade: object


def self_assessment_of(application: AccreditationApplication) -> SelfAssessment | None:
    if not application.self_assessment or application.instrument is None:
        return None
    instrument = application.instrument
    indicators = Indicator.objects.filter(standard__instrument=instrument).order_by("standard__order", "order", "pk")
    # Formulir A is kept by indicator id (the form's fields are the indicators of its version).
    given = {str(k): v for k, v in application.self_assessment.items()}
    rows, values = [], {}
    for indicator in indicators:
        value = given.get(str(indicator.pk))
        if value is None:
            continue
        rows.append((indicator.code, indicator.text, int(value)))
        values[indicator.pk] = [int(value)]
    standards, _flagged, total = weighted_result(instrument, values)
    return SelfAssessment(rows=rows, standards=standards, total=total, grade=instrument.grade_for(total))


def validate_result(*, actor, application: AccreditationApplication, version, note: str = "") -> AccreditationApplication:
    policy.require(actor, "accreditation.manage", application)
    if application.status != AccreditationApplication.Status.SCORED:
        raise DomainError(_("Only fully scored applications can be validated."))
    if application.flagged_indicators and not note.strip():
        raise DomainError(
            _("Assessors disagree on %(codes)s: record how the difference was reconciled before validating.")
            % {"codes": ", ".join(application.flagged_indicators)},
            field="note",
        )
    with transaction.atomic():
        _claim(application, version)
        _step(application, "validate", actor=actor, by=actor, note=note.strip())
        application._history_user, application._change_reason = actor, gettext_noop("validated")
        application.save()
        generate_recommendations(application)
    return application


def generate_recommendations(application: AccreditationApplication) -> list[Recommendation]:
    """From the weakest standards (below the instrument's threshold, or the two lowest), naming
    the indicators of each that the assessors scored lowest at the visit, the level that would
    raise them and the evidence the instrument asks for; BALKS edits them before they are sent.
    A standard whose indicators all reached the top of the scale gets none."""
    from django.db.models import Avg
    from django.utils.formats import number_format

    application.recommendations.filter(sent_at__isnull=True).delete()
    instrument = _instrument_of(application)
    scored = sorted(application.standard_scores.items(), key=lambda item: Decimal(item[1]["score"]))
    weak = [item for item in scored if Decimal(item[1]["score"]) < instrument.weak_threshold] or scored[:2]
    created = []
    for code, data in weak[:3]:
        rows = (
            Score.objects.filter(
                application=application,
                phase=Score.Phase.VISIT,
                indicator__standard__code=code,
                indicator__standard__instrument=application.instrument,
            )
            .values("indicator__code", "indicator__text", "indicator__evidence_guidance")
            .annotate(mean=Avg("value"))
            .order_by("mean", "indicator__code")
        )
        low = [row for row in rows if row["mean"] < instrument.scale_max][:2]
        if not low:
            continue
        raise_to = [min(int(row["mean"]) + 1, instrument.scale_max) for row in low]
        details = "; ".join(
            _("%(code)s “%(text)s”: scored %(mean)s of %(max)s; reaching %(target)s needs this evidence: %(evidence)s")
            % {
                "code": row["indicator__code"],
                "text": row["indicator__text"],
                "mean": number_format(row["mean"], 1),
                "max": instrument.scale_max,
                "target": target,
                "evidence": row["indicator__evidence_guidance"] or _("the evidence the instrument asks for"),
            }
            for row, target in zip(low, raise_to, strict=True)
        )
        codes = ", ".join(row["indicator__code"] for row in low)
        values = {"standard": data["name"], "score": data["score"], "indicators": details, "codes": codes}
        texts = {
            Recommendation.Addressee.LKS: _("Standard “%(standard)s” (score %(score)s). Raise: %(indicators)s."),
            Recommendation.Addressee.LOCAL_GOVERNMENT: _(
                "Support the LKS on indicators %(codes)s of the standard “%(standard)s” (score %(score)s): %(indicators)s."
            ),
            Recommendation.Addressee.MINISTRY: _(
                "Consider technical assistance on indicators %(codes)s of the standard “%(standard)s” (score %(score)s): %(indicators)s."
            ),
        }
        for addressee, template in texts.items():
            created.append(
                Recommendation.objects.create(
                    application=application, addressee=addressee, standard_code=code, text=template % values
                )
            )
    return created


def edit_recommendation(*, actor, recommendation: Recommendation, text: str) -> Recommendation:
    policy.require(actor, "accreditation.manage", recommendation.application)
    if recommendation.sent_at:
        raise DomainError(_("This recommendation was already sent."))
    if not text.strip():
        raise DomainError(_("A recommendation cannot be empty."), field="text")
    recommendation.text = text.strip()
    recommendation._history_user = actor
    recommendation.save()
    return recommendation


def send_to_minister(*, actor, applications: list[AccreditationApplication]) -> DeterminationBatch:
    if not applications:
        raise DomainError(_("Choose at least one validated result."))
    for application in applications:
        policy.require(actor, "accreditation.manage", application)
        if application.status != AccreditationApplication.Status.VALIDATED:
            raise DomainError(_("%(lks)s has not been validated yet.") % {"lks": application.lks})
    with transaction.atomic():
        batch = DeterminationBatch.objects.create(created_by=actor)
        for application in applications:
            application.claim_version(application.version)
            _step(application, "send_to_minister", actor=actor, batch=batch)
            application._history_user, application._change_reason = (
                actor,
                _("sent to the Minister in batch %(batch)s") % {"batch": batch.pk},
            )
            application.save()
    return batch


def determine(*, actor, batch: DeterminationBatch, decree_number: str, decree_date: datetime.date) -> list[Accreditation]:
    """The Minister's decree makes the grades official: certificate numbers, validity, credentials."""
    policy.require(actor, "accreditation.determine", batch)
    if not decree_number.strip():
        raise DomainError(_("Enter the decree number."), field="decree_number")
    if decree_date is None:
        raise DomainError(_("Enter the decree date."), field="decree_date")
    not_in_future(decree_date, field="decree_date")
    results = []
    with transaction.atomic():
        # Lock first, then look: another officer may have determined this batch since the page
        # was read (the row lock makes the second wait, and it then sees the first's decree).
        batch = DeterminationBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.decree_number:
            raise DomainError(_("This batch has already been determined."))
        if not batch.applications.exists():
            raise DomainError(_("This batch holds no application to determine."))
        batch.decree_number, batch.decree_date, batch.determined_by = decree_number.strip(), decree_date, actor
        batch.save()
        for application in batch.applications.select_related("lks", "instrument"):
            assert application.total_score is not None, "an application joins a batch once reconciled and scored"
            band = _instrument_of(application).grade_for(application.total_score)
            accredited = band.grade != GradeBand.Grade.NOT_ACCREDITED
            number = None
            if accredited:
                number = ACCREDITATION_NUMBER.next(grade=band.grade, year=decree_date.year)
            accreditation = Accreditation.objects.create(
                lks=application.lks,
                application=application,
                grade=band.grade,
                score=application.total_score,
                certificate_number=number,
                decree_number=batch.decree_number,
                decree_date=decree_date,
                valid_from=decree_date,
                valid_until=period_end(decree_date, years=band.validity_years) if accredited else None,
            )
            if number is not None:  # accredited
                accreditation.credential = issue_credential(
                    actor=actor,
                    kind=Credential.Kind.ACCREDITATION,
                    subject=accreditation,
                    holder=application.lks,
                    number=number,
                    holder_name=application.lks.name,
                    issuer_name=str(_("Minister of Social Affairs, on the assessment of BALKS")),
                    valid_from=accreditation.valid_from,
                    valid_until=accreditation.valid_until,
                    claims={
                        "grade": band.grade,
                        "regency": application.lks.regency.name,
                        "province": application.lks.province.name,
                    },
                )
                accreditation.save(update_fields=["credential"])
            _step(application, "determine", actor=actor)
            application._history_user, application._change_reason = (
                actor,
                (_("determined by decree %(decree)s") % {"decree": batch.decree_number})[:100],
            )
            application.save()
            application.recommendations.filter(sent_at__isnull=True).update(sent_at=timezone.now())
            results.append(accreditation)
    for accreditation in results:
        grade = accreditation.get_grade_display()
        _tell_operators(
            accreditation.lks,
            _("Accreditation determined: %(grade)s") % {"grade": grade},
            _("Decree %(decree)s. See the recommendations of BALKS in Peksos.") % {"decree": accreditation.decree_number},
            url=f"/akreditasi/permohonan/{accreditation.application_id}/",
        )
        for officer in _dinsos_officers(accreditation.lks):
            notify(officer, subject=_("Accreditation determined: %(lks)s") % {"lks": accreditation.lks}, body=str(grade))
        _deliver_recommendations(accreditation)
    return results


def _ministry_officers():
    return [a.user for a in RoleAssignment.objects.active().filter(role=Role.MINISTRY_OFFICER).select_related("user")]


def _deliver_recommendations(accreditation: Accreditation) -> None:
    """BALKS's recommendations go to those they are addressed to: the regency's Dinas Sosial (the
    local government) and the ministry's officers, in their inbox and by e-mail (the LKS's own
    are on its application page, of which its operators were told)."""
    if accreditation.application is None:
        return  # an imported accreditation: its recommendations, if any, were given before Peksos
    recommendations = list(accreditation.application.recommendations.all())
    addressees = {
        Recommendation.Addressee.LOCAL_GOVERNMENT: _dinsos_officers(accreditation.lks),
        Recommendation.Addressee.MINISTRY: _ministry_officers(),
    }
    for addressee, officers in addressees.items():
        texts = [r.text for r in recommendations if r.addressee == addressee]
        if not texts:
            continue
        for officer in officers:
            notify(
                officer,
                subject=_("BALKS recommendations for %(addressee)s: %(lks)s")
                % {"addressee": Recommendation.Addressee(addressee).label, "lks": accreditation.lks},
                body="\n\n".join(texts),
                url=f"/akreditasi/permohonan/{accreditation.application_id}/",
            )


def remove_from_batch(*, actor, batch: DeterminationBatch, application: AccreditationApplication, reason: str) -> None:
    """The Minister takes one LKS out of a batch before determining it (with the reason, kept in
    the audit log and the application's history); it is validated again, for a later batch."""
    from core import audit
    from core.models import AuditEvent

    policy.require(actor, "accreditation.determine", batch)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for taking this LKS out of the batch."), field="reason")
    with transaction.atomic():
        batch = DeterminationBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.decree_number:
            raise DomainError(_("This batch has already been determined."))
        application = (
            AccreditationApplication.objects.select_for_update(of=("self",)).select_related("lks").get(pk=application.pk)
        )
        if application.batch_id != batch.pk:
            raise DomainError(_("%(lks)s is not in this batch.") % {"lks": application.lks})
        _step(application, "remove_from_batch", actor=actor)
        application._history_user = actor
        application._change_reason = (_("taken out of batch %(batch)s") % {"batch": batch.pk})[:100]
        application.save()
        audit.record(
            actor,
            AuditEvent.Action.SENSITIVE_ACTION,
            application,
            summary=f"taken out of determination batch {batch.pk}: {reason}",
            batch=batch.pk,
            reason=reason,
        )


def expire_accreditations(*, today: datetime.date) -> int:
    """Nightly: valid accreditations past their end become expired (idempotent)."""
    count = 0
    for accreditation in Accreditation.objects.filter(status=Accreditation.Status.VALID, valid_until__lt=today).select_related(
        "credential"
    ):
        with transaction.atomic():
            accreditation.expire()
            accreditation._change_reason = gettext_noop("validity ended")
            accreditation.save()
            if accreditation.credential and accreditation.credential.status == Credential.Status.VALID:
                change_status(
                    actor=None,
                    credential=accreditation.credential,
                    status=Credential.Status.EXPIRED,
                    reason=str(_("Validity ended")),
                    category=Credential.StatusCategory.VALIDITY_ENDED,
                )
        count += 1
    return count


def add_board_member(
    *,
    actor,
    period,
    name: str,
    position: str,
    education: str,
    birth_date: datetime.date,
    appointed_on: datetime.date,
    **facts,
) -> BoardMember:
    """Permensos 8/2025 Pasal 22: checked against the criteria in force on the appointment date.
    A member of an earlier period (before any recorded criteria) is recorded as the decree says."""
    policy.require(actor, "accreditation.manage_board")
    unknown = set(facts) - set(BOARD_MEMBER_FACTS)
    if unknown:
        raise DomainError(_("These fields cannot be changed here: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    not_in_future(appointed_on, field="appointed_on")
    if period.ends_on is not None and appointed_on > period.ends_on:
        raise DomainError(_("The board period had already ended on the appointment date."), field="appointed_on")
    rule = BoardMemberRule.objects.in_force(appointed_on).order_by("-valid_from").first()
    if rule is not None:
        failed = board_criteria_failed(rule, facts)
        if failed:
            raise DomainError(" ".join(str(f) for f in failed))
        if not vocabulary.at_least(education, rule.min_education):
            raise DomainError(
                _("A BALKS member needs at least %(level)s (%(source)s).") % {"level": rule.min_education, "source": rule.source},
                field="education",
            )
        age = appointed_on.year - birth_date.year - ((appointed_on.month, appointed_on.day) < (birth_date.month, birth_date.day))
        if age > rule.max_age_at_appointment:
            raise DomainError(
                _("A BALKS member may be at most %(age)s years old when appointed (%(source)s).")
                % {"age": rule.max_age_at_appointment, "source": rule.source},
                field="birth_date",
            )
    member = BoardMember(
        period=period,
        name=name,
        position=position,
        education=education,
        birth_date=birth_date,
        appointed_on=appointed_on,
        **facts,
    )
    member._history_user = actor
    member.save()
    return member


BOARD_MEMBER_FACTS = ("citizen", "healthy", "good_conduct", "drug_free", "serious_conviction", "background")


def board_criteria_failed(rule: BoardMemberRule, facts: dict) -> list[str]:
    """The Pasal 22 criteria that the recorded facts do not meet (education and age are checked
    by `add_board_member`)."""
    source = {"source": rule.source}
    failed = []
    if rule.requires_citizenship and not facts.get("citizen"):
        failed.append(_("A BALKS member must be an Indonesian citizen (%(source)s).") % source)
    if rule.requires_health and not facts.get("healthy"):
        failed.append(_("A BALKS member must be certified physically and mentally healthy (%(source)s).") % source)
    if rule.requires_good_conduct and not facts.get("good_conduct"):
        failed.append(_("A BALKS member needs a police good-conduct certificate (%(source)s).") % source)
    if rule.requires_drug_free and not facts.get("drug_free"):
        failed.append(_("A BALKS member needs a narcotics-free certificate (%(source)s).") % source)
    if rule.disqualifying_sentence_years and facts.get("serious_conviction"):
        failed.append(
            _("A person convicted of an offence carrying %(years)s years or more cannot be a BALKS member (%(source)s).")
            % {"years": rule.disqualifying_sentence_years, **source}
        )
    return failed


def open_board_period(*, actor, name: str, decree: str, starts_on: datetime.date, ends_on: datetime.date | None) -> BoardPeriod:
    """Record a BALKS board period from its decree, including earlier ones (e.g. under Kepmensos
    174/HUK/2019), so the history of who sat on the board is complete."""
    from core import audit
    from core.models import AuditEvent

    policy.require(actor, "accreditation.manage_board")
    name, decree = (name or "").strip(), (decree or "").strip()
    if not name or not decree:
        raise DomainError(_("Give the period's name and the decree that set it."), field="decree")
    if ends_on is not None and ends_on < starts_on:
        raise DomainError(_("The period cannot end before it starts."), field="ends_on")
    overlapping = BoardPeriod.objects.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on))
    if ends_on is not None:
        overlapping = overlapping.filter(starts_on__lte=ends_on)
    overlapped = overlapping.first()
    if overlapped is not None:
        raise DomainError(
            _("The period overlaps %(period)s; end that period first.") % {"period": overlapped.name}, field="starts_on"
        )
    with transaction.atomic():
        period = BoardPeriod(name=name, decree=decree, starts_on=starts_on, ends_on=ends_on)
        period._history_user = actor
        period.save()
        audit.record(actor, AuditEvent.Action.SENSITIVE_ACTION, period, summary=f"BALKS board period {name} ({decree}) recorded")
    return period


def end_board_period(*, actor, period: BoardPeriod, ends_on: datetime.date) -> BoardPeriod:
    policy.require(actor, "accreditation.manage_board")
    if ends_on < period.starts_on:
        raise DomainError(_("The period cannot end before it starts."), field="ends_on")
    with transaction.atomic():
        period = BoardPeriod.objects.select_for_update().get(pk=period.pk)
        period.ends_on = ends_on
        period._history_user = actor
        period.save(update_fields=["ends_on"])
    return period


# --- personal data (UU 27/2022) -------------------------------------------------------------


def export_for_user(user) -> dict | None:
    """core.personal_data section: a BALKS assessor's entry in the pool. Institutions' data (LKS,
    applications) is not a person's and is not exported here."""
    assessor = BalksAssessor.objects.filter(user=user).select_related("home_regency", "work_regency").first()
    if assessor is None:
        return None
    return {
        "balks_assessor": {
            "name": assessor.name,
            "education": assessor.education,
            "trained": assessor.trained,
            "years_experience": assessor.years_experience,
            "home_regency": assessor.home_regency.name,
            "work_regency": assessor.work_regency.name,
            "employer": assessor.employer,
            "affiliated_lks": [lks.name for lks in assessor.affiliated_lks.all()],
            "declared_relations": [lks.name for lks in assessor.declared_relations.all()],
            "active_from": assessor.active_from,
            "active_until": assessor.active_until,
            "assignments": assessor.assignments.count(),
        },
    }


def erase_for_user(user, actor) -> str:
    """core.personal_data erase hook. An assessor who never assessed leaves the pool with no trace
    (the entry and its change history go). One who did stays named with the facts that cleared
    them of conflicts of interest, beside their scores (the accreditation decision's record),
    and leaves the pool from today."""
    from core import personal_data

    assessor = BalksAssessor.objects.filter(user=user).first()
    if assessor is None:
        return ""
    with transaction.atomic():
        if not Assignment.objects.filter(assessor=assessor).exists():
            assessor.affiliated_lks.clear()
            assessor.declared_relations.clear()
            personal_data.delete(assessor)
            return _("Accreditation: the BALKS assessor entry erased with its change history.")
        if assessor.active_until is None or assessor.active_until > timezone.localdate():
            assessor.active_until = timezone.localdate()
            assessor._history_user = actor
            assessor._change_reason = personal_data.ERASED_REASON
            assessor.save()
    return _("Accreditation: left the BALKS assessor pool; name and conflict-of-interest facts kept with the scores given.")


# --- the LKS register ---------------------------------------------------------------------------
LKS_FIELDS = (
    "name",
    "ahu_number",
    "legal_entity",
    "deed_number",
    "operating_permit",
    "dinsos_registration",
    "owner_type",
    "address",
    "regency",
    "services",
    "residential",
    "capacity",
    "phone",
    "email",
)


def _save_lks(*, actor, lks: LKS, data: dict, target_groups, reason: str) -> LKS:
    from django.core.exceptions import ValidationError

    unknown = set(data) - set(LKS_FIELDS)
    if unknown:
        raise DomainError(_("These fields cannot be changed here: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    for name, value in data.items():
        setattr(lks, name, value.strip() if isinstance(value, str) else value)
    lks.ahu_number = (lks.ahu_number or "").strip().upper() or None
    lks.province_id = lks.regency.province_id
    if not lks.name:
        raise DomainError(_("Give the name of the LKS."), field="name")
    if lks.owner_type == LKS.Owner.COMMUNITY and not lks.ahu_number:
        raise DomainError(_("A community LKS needs the AHU number of its legal entity."), field="ahu_number")
    if lks.ahu_number and LKS.objects.filter(ahu_number=lks.ahu_number).exclude(pk=lks.pk).exists():
        raise DomainError(_("Another LKS in the register already has this AHU number."), field="ahu_number")
    try:
        lks.full_clean(exclude=["target_groups"])
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(messages[0], field=field) from None
    lks._history_user = actor
    lks._change_reason = reason
    lks.save()
    if target_groups is not None:
        lks.target_groups.set(target_groups)
    return lks


def register_lks(*, actor, data: dict, target_groups=()) -> LKS:
    """A Dinas Sosial officer enters an LKS of a regency in their scope."""
    regency = data.get("regency")
    if regency is None:
        raise DomainError(_("Choose the regency/city of the LKS."), field="regency")
    policy.require(actor, "accreditation.register_lks", LKS(regency=regency))
    with transaction.atomic():
        return _save_lks(actor=actor, lks=LKS(), data=data, target_groups=target_groups, reason="entered in the register")


def update_lks(*, actor, lks: LKS, data: dict, target_groups=None) -> LKS:
    """Change an LKS's profile. Its operator keeps the profile but cannot move it to another
    regency (that changes which Dinas Sosial oversees it); a Dinas Sosial may move it only to a
    regency it also serves."""
    policy.require(actor, "accreditation.edit_lks", lks)
    with transaction.atomic():
        lks = LKS.objects.select_for_update().select_related("regency").get(pk=lks.pk)
        regency = data.get("regency", lks.regency)
        if regency.pk != lks.regency_id and not policy.allows(actor, "accreditation.register_lks", LKS(regency=regency)):
            raise DomainError(_("You cannot move an LKS to a regency/city outside your scope."), field="regency")
        return _save_lks(actor=actor, lks=lks, data=data, target_groups=target_groups, reason="profile changed")


# --- versions of the accreditation instrument -------------------------------------------------------
INSTRUMENT_FIELDS = (
    "name",
    "version",
    "source",
    "source_url",
    "scale_min",
    "scale_max",
    "reconciliation_threshold",
    "weak_threshold",
)


def _editable(instrument: Instrument) -> None:
    if not instrument.is_editable:
        raise DomainError(
            _("Version %(version)s is published: it is never changed. Draft a new version instead.")
            % {"version": instrument.version}
        )


def draft_instrument(*, actor, version: str, based_on: Instrument | None = None) -> Instrument:
    """Start a new version as a copy of `based_on` (by default the one in force today): its
    standards, indicators, weights and grade bands, ready to be edited."""
    from core import audit
    from core.models import AuditEvent

    policy.require(actor, "accreditation.manage_instruments")
    version = (version or "").strip()
    if not version:
        raise DomainError(_("Name the new version (for example 2026.1)."), field="version")
    with transaction.atomic():
        base = based_on or instrument_on(timezone.localdate())
        if Instrument.objects.filter(version=version).exists():
            raise DomainError(_("Version %(version)s already exists.") % {"version": version}, field="version")
        draft = Instrument(status=Instrument.Status.DRAFT, based_on=base, valid_from=timezone.localdate(), valid_until=None)
        for name in INSTRUMENT_FIELDS:
            setattr(draft, name, getattr(base, name))
        draft.version = version
        draft._history_user = actor
        draft.save()
        for standard in base.standards.prefetch_related("indicators"):
            indicators = list(standard.indicators.all())
            standard.pk, standard.instrument = None, draft
            standard.save()
            Indicator.objects.bulk_create(
                Indicator(
                    standard=standard,
                    code=i.code,
                    text=i.text,
                    weight=i.weight,
                    evidence_guidance=i.evidence_guidance,
                    order=i.order,
                )
                for i in indicators
            )
        GradeBand.objects.bulk_create(
            GradeBand(instrument=draft, grade=b.grade, min_score=b.min_score, validity_years=b.validity_years)
            for b in base.grade_bands.all()
        )
        audit.record(
            actor, AuditEvent.Action.SENSITIVE_ACTION, draft, summary=f"instrument {version} drafted from {base.version}"
        )
    return draft


def update_instrument_draft(*, actor, instrument: Instrument, changes: dict) -> Instrument:
    policy.require(actor, "accreditation.manage_instruments")
    with transaction.atomic():
        instrument = Instrument.objects.select_for_update().get(pk=instrument.pk)
        _editable(instrument)
        for name, value in changes.items():
            if name not in INSTRUMENT_FIELDS:
                raise DomainError(_("These fields cannot be changed here: %(fields)s.") % {"fields": name})
            setattr(instrument, name, value.strip() if isinstance(value, str) else value)
        if instrument.scale_min >= instrument.scale_max:
            raise DomainError(_("The highest score must be above the lowest."), field="scale_max")
        if Instrument.objects.filter(version=instrument.version).exclude(pk=instrument.pk).exists():
            raise DomainError(_("Version %(version)s already exists.") % {"version": instrument.version}, field="version")
        instrument._history_user = actor
        instrument.save()
    return instrument


def _save_rows(*, actor, model, rows: list[dict], parent: dict, fields: tuple[str, ...]) -> None:
    """Apply a list of edited rows to a draft's parts: `pk` None adds, `delete` removes (a draft's
    parts were never used, so removing them loses nothing), otherwise the row is changed."""
    for row in rows:
        obj = model.objects.filter(pk=row["pk"], **parent).first() if row.get("pk") else model(**parent)
        if obj is None:
            raise DomainError(_("The page was out of date. Reload it and try again."))
        if row.get("delete"):
            if obj.pk:
                if model is Standard:
                    obj.indicators.all().delete()
                obj.delete()
            continue
        for name in fields:
            setattr(obj, name, row[name])
        obj._history_user = actor
        obj.save()


def save_instrument_parts(*, actor, instrument: Instrument, standards=None, bands=None, indicators=None, standard=None):
    """Change a draft's standards, grade bands, or one standard's indicators (lists of rows as the
    staff page sends them)."""
    from django.db import IntegrityError

    policy.require(actor, "accreditation.manage_instruments")
    try:
        with transaction.atomic():
            instrument = Instrument.objects.select_for_update().get(pk=instrument.pk)
            _editable(instrument)
            if standards is not None:
                _save_rows(
                    actor=actor,
                    model=Standard,
                    rows=standards,
                    parent={"instrument": instrument},
                    fields=("code", "name", "weight", "order"),
                )
            if bands is not None:
                _save_rows(
                    actor=actor,
                    model=GradeBand,
                    rows=bands,
                    parent={"instrument": instrument},
                    fields=("grade", "min_score", "validity_years"),
                )
            if indicators is not None:
                _save_rows(
                    actor=actor,
                    model=Indicator,
                    rows=indicators,
                    parent={"standard": standard},
                    fields=("code", "text", "weight", "evidence_guidance", "order"),
                )
    except IntegrityError:
        raise DomainError(_("Two rows have the same code or grade; each must be different.")) from None


def instrument_problems(instrument: Instrument) -> list[str]:
    """What stops a draft from being published: the rules that make its scores and grades mean
    something."""
    problems = []
    standards = list(instrument.standards.annotate(n=Count("indicators")))
    if not standards:
        problems.append(_("The instrument has no standards."))
    elif sum(s.weight for s in standards) != 100:
        problems.append(
            _("The weights of the standards add up to %(sum)s%%, not 100%%.") % {"sum": sum(s.weight for s in standards)}
        )
    for s in standards:
        if not s.n:
            problems.append(_("Standard %(code)s has no indicators.") % {"code": s.code})
    bands = list(instrument.grade_bands.all())
    if not any(b.min_score == 0 for b in bands):
        problems.append(_("No grade band starts at 0, so some totals would have no grade."))
    if any(b.min_score < 0 or b.min_score > 100 for b in bands):
        problems.append(_("Grade bands must lie between 0 and 100."))
    if len({b.min_score for b in bands}) != len(bands):
        problems.append(_("Two grade bands start at the same score."))
    ordered = sorted(bands, key=lambda b: b.min_score, reverse=True)
    ranks = [GradeBand.Grade.values.index(b.grade) for b in ordered]
    if ranks != sorted(ranks):
        problems.append(_("A better grade must need a higher score."))
    return problems


def publish_instrument(*, actor, instrument: Instrument, valid_from: datetime.date) -> Instrument:
    """Put a draft in force from `valid_from` (today or later: an application already submitted
    keeps the version it was submitted under). The version in force until then is closed the day
    before; its content is not touched."""
    from core import audit
    from core.models import AuditEvent

    policy.require(actor, "accreditation.manage_instruments")
    today = timezone.localdate()
    if valid_from is None or valid_from < today:
        raise DomainError(_("A new version takes effect today or later, never in the past."), field="valid_from")
    with transaction.atomic():
        instrument = Instrument.objects.select_for_update().get(pk=instrument.pk)
        _editable(instrument)
        problems = instrument_problems(instrument)
        if problems:
            raise DomainError(" ".join(str(p) for p in problems))
        later = Instrument.objects.filter(status=Instrument.Status.PUBLISHED, valid_from__gte=valid_from).first()
        if later is not None:
            raise DomainError(
                _("Version %(version)s already takes effect on or after that date.") % {"version": later.version},
                field="valid_from",
            )
        for previous in Instrument.objects.select_for_update().filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=valid_from), status=Instrument.Status.PUBLISHED
        ):
            previous.valid_until = valid_from - datetime.timedelta(days=1)
            previous._history_user = actor
            previous._change_reason = f"superseded by {instrument.version}"
            previous.save(update_fields=["valid_until"])
        instrument.status = Instrument.Status.PUBLISHED
        instrument.valid_from = valid_from
        instrument.published_at = timezone.now()
        instrument.published_by = actor
        instrument._history_user = actor
        instrument._change_reason = gettext_noop("published")
        instrument.save()
        audit.record(
            actor,
            AuditEvent.Action.SENSITIVE_ACTION,
            instrument,
            summary=f"instrument {instrument.version} published, in force from {valid_from.isoformat()}",
        )
    return instrument


# --- the assessor pool: proposals to the Minister -----------------------------------------------------
MIN_ASSESSOR_EXPERIENCE_YEARS = 2


def assessor_criteria(assessor: BalksAssessor) -> dict[str, bool]:
    """The pool's criteria, each checked, as they are shown to BALKS and kept on a proposal."""
    return {
        "education": vocabulary.at_least(assessor.education, "S1"),
        "trained": assessor.trained,
        "experience": assessor.years_experience >= MIN_ASSESSOR_EXPERIENCE_YEARS,
    }


def propose_assessor(*, actor, assessor: BalksAssessor, kind: str, reason: str, letter_number: str = ""):
    """Record BALKS's proposal to the Minister to appoint an assessor to the pool or dismiss one
    from it. An appointment is proposed only for someone who meets every criterion."""
    from core import audit
    from core.models import AuditEvent

    from .models import AssessorProposal

    policy.require(actor, "accreditation.manage_pool")
    reason = (reason or "").strip()
    if kind not in AssessorProposal.Kind.values:
        raise DomainError(_("Choose appointment or dismissal."), field="kind")
    if not reason:
        raise DomainError(_("Give the reason for the proposal."), field="reason")
    criteria = assessor_criteria(assessor)
    today = timezone.localdate()
    if kind == AssessorProposal.Kind.APPOINT:
        if not all(criteria.values()):
            raise DomainError(
                _("%(name)s does not meet the pool's criteria: %(failed)s.")
                % {
                    "name": assessor.name,
                    "failed": ", ".join(str(ASSESSOR_CRITERIA_LABELS[k]) for k, ok in criteria.items() if not ok),
                }
            )
        if assessor.is_active(today):
            raise DomainError(_("%(name)s is already in the pool.") % {"name": assessor.name})
    elif not assessor.is_active(today):
        raise DomainError(_("%(name)s is not in the pool.") % {"name": assessor.name})
    with transaction.atomic():
        BalksAssessor.objects.select_for_update().get(pk=assessor.pk)
        if assessor.proposals.filter(status=AssessorProposal.Status.PROPOSED).exists():
            raise DomainError(_("A proposal for %(name)s is still waiting for the Minister.") % {"name": assessor.name})
        proposal = AssessorProposal(
            assessor=assessor,
            kind=kind,
            reason=reason,
            criteria=criteria,
            letter_number=(letter_number or "").strip(),
            proposed_by=actor,
        )
        proposal._history_user = actor
        proposal.save()
        audit.record(actor, AuditEvent.Action.SENSITIVE_ACTION, proposal, summary=f"{kind} of assessor {assessor.pk} proposed")
    return proposal


def record_minister_decision(*, actor, proposal, approved: bool, decree: str, decided_on: datetime.date):
    """Record the Minister's answer to a proposal; an approval takes the assessor into the pool
    (or out of it) from the decision date."""
    from .models import AssessorProposal

    policy.require(actor, "accreditation.manage_pool")
    decree = (decree or "").strip()
    if not decree or decided_on is None:
        raise DomainError(_("Give the decree number and its date."), field="decree")
    not_in_future(decided_on, field="decided_on")
    with transaction.atomic():
        proposal = AssessorProposal.objects.select_for_update().select_related("assessor").get(pk=proposal.pk)
        if proposal.status != AssessorProposal.Status.PROPOSED:
            raise DomainError(_("The Minister's decision on this proposal is already recorded."))
        proposal.status = AssessorProposal.Status.APPROVED if approved else AssessorProposal.Status.REJECTED
        proposal.decree, proposal.decided_on, proposal.decided_recorded_by = decree, decided_on, actor
        proposal._history_user = actor
        proposal.save()
        if approved:
            assessor = proposal.assessor
            if proposal.kind == AssessorProposal.Kind.APPOINT:
                assessor.active_from, assessor.active_until = decided_on, None
            else:
                assessor.active_until = decided_on
            assessor._history_user = actor
            assessor._change_reason = f"{proposal.kind} by {decree}"
            assessor.save(update_fields=["active_from", "active_until"])
    return proposal


ASSESSOR_CRITERIA_LABELS = {
    "education": _lazy("at least S1"),
    "trained": _lazy("completed BALKS assessor training"),
    "experience": _lazy("at least two years of social-welfare experience"),
}
