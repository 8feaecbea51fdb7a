"""The eligibility engine: which competency-certification rule sets a person meets on a date.

The engine works on a neutral input (`EligibilityInput`): education entries, dated practice
periods (or declared months/hours, for the public self-check), training hours and the date of
judgement. It never reads the registry itself; `input_from_person` builds the input from a
registry profile, and the public endpoint builds it from a JSON request.

The rules are data (`EligibilityRuleSet` + `EligibilityCriterion` rows with an effective period
and the regulation they come from). Several rule sets may be in force on one date: they are
alternative routes, and a person is eligible when all criteria of at least one of them are met.

Each criterion answers one of three things:

* **met** — the recorded value reaches what the rule requires and is backed by a document;
* **not met** — it does not reach it (the explanation says by how much);
* **needs evidence** — it would be met, but the record has no document yet (or the value is
  unknown), so the LSP cannot accept it before evidence is attached.

Practice time is counted from dated periods with overlaps merged (two jobs at once count once).
Where a rule asks for practice *hours* and only months are known, months are converted with the
criterion's `hours_per_month` (data, not code) and the explanation says it is an estimate.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils import timezone
from django.utils.translation import gettext as _

from core import dates, vocabulary
from core.dates import add_months
from core.errors import DomainError
from core.vocabulary import EducationLevel, StudyField

LEVELS = tuple(EducationLevel.values)
FIELDS = tuple(StudyField.values)
LEVELS_LABELS = dict(EducationLevel.choices)
FIELD_LABELS = dict(StudyField.choices)


def level_label(code: str) -> str:
    return str(LEVELS_LABELS.get(code, code))


def field_label(code: str) -> str:
    return str(FIELD_LABELS.get(code, code))


class Outcome(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    NEEDS_EVIDENCE = "needs_evidence"

    @property
    def label(self) -> str:
        return {self.MET: _("met"), self.NOT_MET: _("not met"), self.NEEDS_EVIDENCE: _("needs evidence")}[self]


# --- input ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EducationEntry:
    level: str
    study_field: str
    graduated_year: int | None = None
    evidenced: bool = True


@dataclass(frozen=True)
class PracticePeriod:
    """A dated period of social-work practice; `end` inclusive, None while ongoing."""

    start: datetime.date
    end: datetime.date | None = None
    evidenced: bool = True


@dataclass
class EligibilityInput:
    on: datetime.date
    educations: Sequence[EducationEntry] = ()
    practice_periods: Sequence[PracticePeriod] = ()
    practice_months: int | None = None  # declared (self-check) when there are no dated periods
    practice_hours: int | None = None  # declared/logged practice hours, if known
    training_hours: int | None = None
    training_hours_evidenced: int | None = None  # hours backed by a certificate; None: all of them
    practice_hours_evidenced: bool = True


# --- practice time -------------------------------------------------------------------------


def merge_periods(periods: Iterable[PracticePeriod], on: datetime.date) -> list[tuple[datetime.date, datetime.date, bool]]:
    """See core.dates.merge_periods: (start, exclusive end, all parts evidenced)."""
    return dates.merge_periods(((p.start, p.end, p.evidenced) for p in periods), on)


def whole_months(start: datetime.date, end_exclusive: datetime.date) -> tuple[int, int]:
    """Calendar months and remaining days from start up to (not including) end."""
    months = (end_exclusive.year - start.year) * 12 + end_exclusive.month - start.month
    while months > 0 and add_months(start, months) > end_exclusive:
        months -= 1
    return months, (end_exclusive - add_months(start, months)).days


def practice_months(periods: Iterable[PracticePeriod], on: datetime.date) -> tuple[int, bool]:
    """Whole months of practice up to `on`, overlaps counted once; leftover days of separate
    periods add up, 31 days counting as a month (never more than the calendar gives). Returns (months, every counted period evidenced)."""
    total_months = total_days = 0
    evidenced = True
    for start, end, part_evidenced in merge_periods(periods, on):
        months, days = whole_months(start, end)
        total_months += months
        total_days += days
        evidenced = evidenced and part_evidenced
    return total_months + total_days // 31, evidenced


# --- results -------------------------------------------------------------------------------


@dataclass
class CriterionResult:
    code: str
    kind: str
    label: str
    outcome: Outcome
    required: str
    actual: str
    explanation: str
    source: str
    required_value: int | dict | None = None
    actual_value: int | dict | None = None

    @property
    def met(self) -> bool:
        return self.outcome == Outcome.MET

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "label": self.label,
            "met": self.met,
            "status": str(self.outcome),
            "required": self.required_value,
            "actual": self.actual_value,
            "required_text": self.required,
            "actual_text": self.actual,
            "explanation": self.explanation,
            "source": self.source,
        }


@dataclass
class RuleSetResult:
    rule_set_id: int
    code: str
    name: str
    source: str
    source_url: str
    valid_from: datetime.date
    valid_until: datetime.date | None
    criteria: list[CriterionResult] = field(default_factory=list)

    @property
    def outcome(self) -> Outcome:
        outcomes = {c.outcome for c in self.criteria}
        if Outcome.NOT_MET in outcomes:
            return Outcome.NOT_MET
        if Outcome.NEEDS_EVIDENCE in outcomes:
            return Outcome.NEEDS_EVIDENCE
        return Outcome.MET

    @property
    def eligible(self) -> bool:
        return self.outcome == Outcome.MET

    @property
    def failed(self) -> list[CriterionResult]:
        return [c for c in self.criteria if c.outcome == Outcome.NOT_MET]

    @property
    def missing_evidence(self) -> list[CriterionResult]:
        return [c for c in self.criteria if c.outcome == Outcome.NEEDS_EVIDENCE]

    def rule_set_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "source": self.source,
            "source_url": self.source_url,
            "valid_from": self.valid_from.isoformat(),
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
        }

    def as_dict(self) -> dict:
        return {
            "eligible": self.eligible,
            "status": str(self.outcome),
            "rule_set": self.rule_set_dict(),
            "criteria": [c.as_dict() for c in self.criteria],
        }


@dataclass
class EligibilityAnswer:
    """Every certification rule set in force on the date, best first."""

    on: datetime.date
    results: list[RuleSetResult]

    @property
    def chosen(self) -> RuleSetResult:
        return self.results[0]

    @property
    def eligible(self) -> bool:
        return self.chosen.eligible

    @property
    def outcome(self) -> Outcome:
        return self.chosen.outcome

    def as_dict(self) -> dict:
        answer = self.chosen.as_dict()
        answer["date"] = self.on.isoformat()
        answer["alternatives"] = [r.as_dict() for r in self.results[1:]]
        return answer


# --- evaluation ----------------------------------------------------------------------------

_RANK = {Outcome.MET: 0, Outcome.NEEDS_EVIDENCE: 1, Outcome.NOT_MET: 2}


def _citation(rule_set, criterion) -> str:
    return f"{rule_set.source}, {criterion.article}" if criterion.article else rule_set.source


def _education(rule_set, criterion, inp: EligibilityInput) -> CriterionResult:
    levels, fields = list(criterion.levels or LEVELS), list(criterion.study_fields or FIELDS)
    required = _("%(levels)s in %(fields)s") % {
        "levels": "/".join(level_label(v) for v in levels),
        "fields": _(" or ").join(field_label(v) for v in fields),
    }
    counted = [e for e in inp.educations if e.graduated_year is None or e.graduated_year <= inp.on.year]
    matching = [e for e in counted if e.level in levels and e.study_field in fields]
    best = next((e for e in matching if e.evidenced), matching[0] if matching else None)
    if best is None and counted:
        best = max(counted, key=lambda e: vocabulary.education_rank(e.level))
    actual = (
        _("%(level)s in %(field)s") % {"level": level_label(best.level), "field": field_label(best.study_field)}
        if best
        else _("no education recorded")
    )
    if matching and best.evidenced:
        outcome, explanation = Outcome.MET, _("The education requirement is met.")
    elif matching:
        outcome, explanation = Outcome.NEEDS_EVIDENCE, _("The education matches; attach the diploma so the LSP can check it.")
    else:
        outcome = Outcome.NOT_MET
        if best is None:
            explanation = _("This route requires %(required)s; no education is recorded.") % {"required": required}
        elif best.level not in levels and best.study_field not in fields:
            explanation = _(
                "This route requires %(required)s; %(actual)s is neither the required level nor the required field."
            ) % {"required": required, "actual": actual}
        elif best.level not in levels:
            explanation = _("This route requires %(required)s; %(actual)s is not one of the required levels.") % {
                "required": required,
                "actual": actual,
            }
        else:
            explanation = _("This route requires %(required)s; %(actual)s is not in the required field.") % {
                "required": required,
                "actual": actual,
            }
    return CriterionResult(
        code=criterion.code,
        kind=criterion.kind,
        label=_("Education"),
        outcome=outcome,
        required=required,
        actual=actual,
        explanation=explanation,
        source=_citation(rule_set, criterion),
        required_value={"levels": levels, "study_fields": fields},
        actual_value={"education_level": best.level, "study_field": best.study_field} if best else None,
    )


def _months_known(inp: EligibilityInput) -> tuple[int | None, bool, bool]:
    """(months, evidenced, from dated periods)."""
    if inp.practice_periods:
        months, evidenced = practice_months(inp.practice_periods, inp.on)
        return months, evidenced, True
    if inp.practice_months is not None:
        return inp.practice_months, True, False
    return None, False, False


def _practice_months(rule_set, criterion, inp: EligibilityInput) -> CriterionResult:
    months, evidenced, dated = _months_known(inp)
    minimum = criterion.minimum or 0
    required = _("at least %(n)s months of social-work practice") % {"n": minimum}
    if months is None:
        return CriterionResult(
            code=criterion.code,
            kind=criterion.kind,
            label=_("Practice experience"),
            outcome=Outcome.NEEDS_EVIDENCE,
            required=required,
            actual=_("no practice recorded"),
            explanation=_("Record your practice periods (with dates) so the length can be counted."),
            source=_citation(rule_set, criterion),
            required_value=minimum,
            actual_value=None,
        )
    actual = _("%(n)s months") % {"n": months}
    if dated:
        actual += " " + _("(from dated periods, overlaps counted once)")
    if months < minimum:
        outcome = Outcome.NOT_MET
        explanation = _("%(n)s months of practice are required; %(actual)s recorded, %(short)s months short.") % {
            "n": minimum,
            "actual": months,
            "short": minimum - months,
        }
    elif not evidenced:
        outcome, explanation = (
            Outcome.NEEDS_EVIDENCE,
            _("Long enough; attach an employer's letter (surat keterangan pengalaman kerja) for every period counted."),
        )
    else:
        outcome, explanation = Outcome.MET, _("The practice requirement is met.")
    return CriterionResult(
        code=criterion.code,
        kind=criterion.kind,
        label=_("Practice experience"),
        outcome=outcome,
        required=required,
        actual=actual,
        explanation=explanation,
        source=_citation(rule_set, criterion),
        required_value=minimum,
        actual_value=months,
    )


def _practice_hours(rule_set, criterion, inp: EligibilityInput) -> CriterionResult:
    minimum = criterion.minimum or 0
    required = _("at least %(n)s hours of social-work practice") % {"n": f"{minimum:,}".replace(",", ".")}
    estimated = False
    if inp.practice_hours is not None:
        hours, evidenced = inp.practice_hours, inp.practice_hours_evidenced
        actual = _("%(n)s hours") % {"n": f"{hours:,}".replace(",", ".")}
    else:
        months, evidenced, _dated = _months_known(inp)
        if months is None or not criterion.hours_per_month:
            return CriterionResult(
                code=criterion.code,
                kind=criterion.kind,
                label=_("Practice hours"),
                outcome=Outcome.NEEDS_EVIDENCE,
                required=required,
                actual=_("no practice recorded"),
                explanation=_("Record your practice hours (a logbook or employer's letter stating the hours)."),
                source=_citation(rule_set, criterion),
                required_value=minimum,
                actual_value=None,
            )
        hours, estimated = months * criterion.hours_per_month, True
        actual = _("about %(n)s hours (%(months)s months × %(per)s hours a month)") % {
            "n": f"{hours:,}".replace(",", "."),
            "months": months,
            "per": criterion.hours_per_month,
        }
    if hours < minimum:
        outcome = Outcome.NOT_MET
        explanation = _("%(n)s practice hours are required; %(actual)s counted, %(short)s short.") % {
            "n": f"{minimum:,}".replace(",", "."),
            "actual": f"{hours:,}".replace(",", "."),
            "short": f"{minimum - hours:,}".replace(",", "."),
        }
        if estimated:
            explanation += " " + _("Hours were estimated from months of practice; record your actual hours if they are higher.")
    elif not evidenced:
        outcome, explanation = (
            Outcome.NEEDS_EVIDENCE,
            _("Enough hours; attach the evidence of practice (employer's letter or logbook)."),
        )
    else:
        outcome = Outcome.MET
        explanation = _("The practice-hours requirement is met.")
        if estimated:
            explanation += " " + _("Hours were estimated from months of practice; the LSP checks them against your evidence.")
    return CriterionResult(
        code=criterion.code,
        kind=criterion.kind,
        label=_("Practice hours"),
        outcome=outcome,
        required=required,
        actual=actual,
        explanation=explanation,
        source=_citation(rule_set, criterion),
        required_value=minimum,
        actual_value=hours,
    )


def _training_hours(rule_set, criterion, inp: EligibilityInput) -> CriterionResult:
    minimum = criterion.minimum or 0
    required = _("at least %(n)s hours of social-work training") % {"n": minimum}
    if inp.training_hours is None:
        return CriterionResult(
            code=criterion.code,
            kind=criterion.kind,
            label=_("Training"),
            outcome=Outcome.NEEDS_EVIDENCE,
            required=required,
            actual=_("no training recorded"),
            explanation=_("Record your trainings with their hours."),
            source=_citation(rule_set, criterion),
            required_value=minimum,
            actual_value=None,
        )
    hours = inp.training_hours
    actual = _("%(n)s hours") % {"n": hours}
    if hours < minimum:
        outcome = Outcome.NOT_MET
        explanation = _("%(n)s hours of training are required; %(actual)s recorded, %(short)s hours short.") % {
            "n": minimum,
            "actual": hours,
            "short": minimum - hours,
        }
    elif inp.training_hours_evidenced is not None and inp.training_hours_evidenced < minimum:
        outcome = Outcome.NEEDS_EVIDENCE
        explanation = _("Enough hours, but only %(n)s of them are backed by a certificate; attach the training certificates.") % {
            "n": inp.training_hours_evidenced,
        }
    else:
        outcome, explanation = Outcome.MET, _("The training requirement is met.")
    return CriterionResult(
        code=criterion.code,
        kind=criterion.kind,
        label=_("Training"),
        outcome=outcome,
        required=required,
        actual=actual,
        explanation=explanation,
        source=_citation(rule_set, criterion),
        required_value=minimum,
        actual_value=hours,
    )


_EVALUATORS = {
    "education": _education,
    "practice_months": _practice_months,
    "practice_hours": _practice_hours,
    "training_hours": _training_hours,
}


def evaluate_rule_set(rule_set, inp: EligibilityInput) -> RuleSetResult:
    """Judge one rule set. Refuses a rule set that was not in force on the input's date."""
    if not rule_set.is_in_force(inp.on):
        raise DomainError(
            _("The rule set “%(name)s” was not in force on %(date)s (in force %(period)s).")
            % {"name": rule_set.name, "date": inp.on.isoformat(), "period": rule_set.period_label},
            code="rule_set_not_in_force",
        )
    result = RuleSetResult(
        rule_set_id=rule_set.pk,
        code=rule_set.code,
        name=rule_set.name,
        source=rule_set.source,
        source_url=rule_set.source_url,
        valid_from=rule_set.valid_from,
        valid_until=rule_set.valid_until,
    )
    for criterion in rule_set.criteria.all():
        result.criteria.append(_EVALUATORS[criterion.kind](rule_set, criterion, inp))
    return result


def rule_sets_in_force(on: datetime.date, purpose: str = "certification"):
    from .models import EligibilityRuleSet

    return list(
        EligibilityRuleSet.objects.in_force(on).filter(purpose=purpose).prefetch_related("criteria").order_by("order", "pk")
    )


def evaluate(inp: EligibilityInput, *, purpose: str = "certification") -> EligibilityAnswer:
    """Judge every rule set of this purpose in force on the date; the best result first
    (eligible, then needing evidence only, then fewest unmet criteria; ties by the rule sets'
    order). Raises DomainError when no rule set was in force on that date."""
    rule_sets = rule_sets_in_force(inp.on, purpose)
    if not rule_sets:
        raise DomainError(
            _("No eligibility rules were in force on %(date)s. The register holds rules from %(first)s onward.")
            % {"date": inp.on.isoformat(), "first": _first_rule_date(purpose)},
            field="date",
            code="no_rule_set",
        )
    results = [evaluate_rule_set(rs, inp) for rs in rule_sets]
    order = {r.rule_set_id: i for i, r in enumerate(results)}
    results.sort(key=lambda r: (_RANK[r.outcome], len(r.failed), len(r.missing_evidence), order[r.rule_set_id]))
    return EligibilityAnswer(on=inp.on, results=results)


def _first_rule_date(purpose: str) -> str:
    from .models import EligibilityRuleSet

    first = EligibilityRuleSet.objects.filter(purpose=purpose).order_by("valid_from").values_list("valid_from", flat=True).first()
    return first.isoformat() if first else "—"


# --- the workforce category (portal self-check) --------------------------------------------


WorkforceCategory = vocabulary.WorkforceCategory


@dataclass
class CategoryAnswer:
    category: WorkforceCategory
    explanation: str
    certification: EligibilityAnswer
    tks: RuleSetResult | None

    def as_dict(self) -> dict:
        return {
            "code": str(self.category),
            "label": str(self.category.label),
            "explanation": self.explanation,
            "tks_rule_set": self.tks.as_dict() if self.tks else None,
        }


def _titled_by_education(inp: EligibilityInput, certification: EligibilityAnswer) -> RuleSetResult | None:
    """The rule set in force on the date under which the person's education alone makes them a
    Pekerja Sosial Profesional (the 2009 rules), or None (under UU 14/2019 nothing does)."""
    titled = {rs.pk for rs in rule_sets_in_force(inp.on) if rs.education_confers_title}
    for result in certification.results:
        education = [c for c in result.criteria if c.kind == "education"]
        if result.rule_set_id in titled and education and all(c.outcome != Outcome.NOT_MET for c in education):
            return result
    return None


def workforce_category(inp: EligibilityInput, certification: EligibilityAnswer | None = None) -> CategoryAnswer:
    """Which of the three categories of social-welfare human resources of UU 11/2009 the
    answers fit: a Pekerja Sosial Profesional when a certification route is met (under
    UU 14/2019 the title needs the competency certificate, so this means "may be certified
    as"); a Tenaga Kesejahteraan Sosial when the TKS rule set in force is met; otherwise a
    Relawan Sosial. The portal's self-check calls this."""
    certification = certification or evaluate(inp)
    if certification.outcome != Outcome.NOT_MET:
        return CategoryAnswer(
            WorkforceCategory.PEKSOS,
            _(
                "You meet a route to competency certification (%(name)s). After passing the competency test you are a Pekerja Sosial Profesional."
            )
            % {"name": certification.chosen.name},
            certification,
            None,
        )
    titled = _titled_by_education(inp, certification)
    if titled is not None:
        return CategoryAnswer(
            WorkforceCategory.PEKSOS,
            _(
                "Under %(source)s a graduate in social work or social welfare is a Pekerja Sosial Profesional. "
                "Competency certification is the next step; not yet met: %(missing)s"
            )
            % {"source": titled.source, "missing": " ".join(c.explanation for c in titled.failed)},
            certification,
            None,
        )
    tks_sets = rule_sets_in_force(inp.on, "category_tks")
    tks = None
    for rule_set in tks_sets:
        result = evaluate_rule_set(rule_set, inp)
        if tks is None or _RANK[result.outcome] < _RANK[tks.outcome]:
            tks = result
    if tks is not None and tks.outcome != Outcome.NOT_MET:
        return CategoryAnswer(
            WorkforceCategory.TKS,
            _(
                "You are not (yet) eligible for certification as a professional social worker, but you meet the requirements of a Tenaga Kesejahteraan Sosial (%(source)s)."
            )
            % {"source": tks.source},
            certification,
            tks,
        )
    return CategoryAnswer(
        WorkforceCategory.RELAWAN,
        _(
            "You meet neither a certification route nor the requirements of a Tenaga Kesejahteraan Sosial; you can serve as a Relawan Sosial (social volunteer)."
        ),
        certification,
        tks,
    )


# --- input from the outside world ----------------------------------------------------------


def input_from_request(data: dict, *, today: datetime.date | None = None) -> EligibilityInput:
    """The public self-check's JSON, checked field by field with clear messages."""
    today = today or timezone.localdate()
    if not isinstance(data, dict):
        raise DomainError(
            _("Send a JSON object with education_level, study_field, practice_months and training_hours (and optionally date)."),
            code="invalid",
        )
    level = data.get("education_level")
    if level in (None, ""):
        raise DomainError(_("Say your highest education level (education_level)."), field="education_level", code="required")
    if level not in LEVELS:
        raise DomainError(
            _("“%(value)s” is not an education level. Use one of: %(choices)s.") % {"value": level, "choices": ", ".join(LEVELS)},
            field="education_level",
        )
    study_field = data.get("study_field")
    if study_field in (None, ""):
        raise DomainError(_("Say your field of study (study_field)."), field="study_field", code="required")
    if study_field not in FIELDS:
        raise DomainError(
            _("“%(value)s” is not a field of study. Use one of: %(choices)s.")
            % {"value": study_field, "choices": ", ".join(FIELDS)},
            field="study_field",
        )
    months = _whole_number(data, "practice_months", 0, 720, _("months of practice"), required=True)
    hours = _whole_number(data, "training_hours", 0, 10_000, _("training hours"), required=True)
    practice_hours = _whole_number(data, "practice_hours", 0, 100_000, _("practice hours"), required=False)
    raw_date = data.get("date")
    if raw_date in (None, ""):
        on = today
    else:
        try:
            on = datetime.date.fromisoformat(str(raw_date))
        except ValueError:
            raise DomainError(
                _("“%(value)s” is not a date; write it as YYYY-MM-DD, e.g. 2010-06-01.") % {"value": raw_date}, field="date"
            )
        if on > today:
            raise DomainError(_("The date cannot be in the future."), field="date")
    return EligibilityInput(
        on=on,
        educations=[EducationEntry(level=level, study_field=study_field)],
        practice_months=months,
        practice_hours=practice_hours,
        training_hours=hours,
    )


def _whole_number(data: dict, key: str, low: int, high: int, what: str, *, required: bool) -> int | None:
    value = data.get(key)
    if value in (None, ""):
        if required:
            raise DomainError(_("Say your %(what)s (%(key)s).") % {"what": what, "key": key}, field=key, code="required")
        return None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and value.strip().isdigit():
        number = int(value.strip())
    else:
        number = None
    if number is None:
        raise DomainError(_("%(key)s must be a whole number.") % {"key": key}, field=key)
    if not low <= number <= high:
        raise DomainError(_("%(key)s must be between %(low)s and %(high)s.") % {"key": key, "low": low, "high": high}, field=key)
    return number


def input_from_person(person, on: datetime.date | None = None) -> EligibilityInput:
    """A registry profile as the engine's input. A record counts as evidenced when its
    document is attached (diploma, employer's letter, training certificate)."""
    on = on or timezone.localdate()
    educations = [
        EducationEntry(level=e.level, study_field=e.study_field, graduated_year=e.graduation_year, evidenced=bool(e.diploma))
        for e in person.educations.all()
    ]
    periods = [PracticePeriod(start=x.started_on, end=x.ended_on, evidenced=bool(x.evidence)) for x in person.experiences.all()]
    trainings = [t for t in person.trainings.all() if t.held_on <= on]
    return EligibilityInput(
        on=on,
        educations=educations,
        practice_periods=periods,
        practice_months=None if periods else 0,
        training_hours=sum(t.hours for t in trainings),
        training_hours_evidenced=sum(t.hours for t in trainings if t.certificate),
    )


def self_check(answers: dict, *, today: datetime.date | None = None) -> dict:
    """The whole public self-check for one set of answers (the JSON of
    `POST /api/v1/public/eligibility`): every route in force, the best first, and the workforce
    category. Nothing is stored. Raises DomainError (with `field`) on bad answers. The portal
    calls this; so does the API endpoint."""
    inp = input_from_request(answers, today=today)
    answer = evaluate(inp)
    category = workforce_category(inp, answer)
    body = answer.as_dict()
    body["category"] = {k: v for k, v in category.as_dict().items() if k != "tks_rule_set"}
    return body
