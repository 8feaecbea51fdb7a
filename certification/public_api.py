"""Public (no login) certification endpoints, mounted at /api/v1/public/ beside the portal's.

`POST /api/v1/public/eligibility` answers the self-check: nothing is stored, no login, rate
limited per client address. Bad input answers 422 with a message naming the field.
"""

from typing import Any, Literal

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from core import params
from core.errors import DomainError
from core.ratelimit import PerAddressThrottle
from core.vocabulary import SELF_CHECK_CATEGORIES

from . import eligibility

router = Router(tags=["public"], auth=None)

SELF_CHECK_RATE = "30/m"


class EligibilityRequest(Schema):
    education_level: Any = Field(
        None, description="Highest education level.", json_schema_extra={"enum": list(eligibility.LEVELS)}, examples=["S1"]
    )
    study_field: Any = Field(
        None,
        description="Field of study.",
        json_schema_extra={"enum": list(eligibility.FIELDS)},
        examples=["kesejahteraan_sosial"],
    )
    practice_months: Any = Field(None, description="Months of social-work practice (whole number, 0–720).", examples=[30])
    training_hours: Any = Field(None, description="Hours of social-work training (whole number).", examples=[64])
    practice_hours: Any = Field(None, description="Optional: logged practice hours, if known (otherwise estimated from months).")
    date: Any = Field(
        None, description="Judge by the rules in force on this date (YYYY-MM-DD); default today.", examples=["2010-06-01"]
    )


# The body as the self-check reads it (eligibility.input_from_request): the four answers are
# required and are not null; the optional ones may be left out or null. A body that fits this
# gets 200 (a date in the future is the one refusal a schema cannot say: 422, as described).
ELIGIBILITY_BODY = {
    "type": "object",
    "required": ["education_level", "study_field", "practice_months", "training_hours"],
    "properties": {
        "education_level": {"type": "string", "enum": list(eligibility.LEVELS), "description": "Highest education level."},
        "study_field": {"type": "string", "enum": list(eligibility.FIELDS), "description": "Field of study."},
        "practice_months": {
            "type": "integer",
            "minimum": 0,
            "maximum": 720,
            "description": "Months of social-work practice.",
            "examples": [30],
        },
        "training_hours": {
            "type": "integer",
            "minimum": 0,
            "maximum": 10000,
            "description": "Hours of social-work training.",
            "examples": [64],
        },
        "practice_hours": {
            "type": ["integer", "null"],
            "minimum": 0,
            "maximum": 100000,
            "description": "Optional: logged practice hours, if known (otherwise estimated from months).",
        },
        "date": {
            "type": ["string", "null"],
            "format": "date",
            "description": "Judge by the rules in force on this date (YYYY-MM-DD, not in the future); default today.",
            "examples": ["2010-06-01"],
        },
    },
}


class RuleSetOut(Schema):
    code: str
    name: str
    source: str
    source_url: str
    valid_from: str
    valid_until: str | None


class CriterionOut(Schema):
    code: str
    label: str
    met: bool
    status: Literal["met", "not_met", "needs_evidence"]
    required: Any = Field(
        description="What the rule requires: a number (months or hours) or, for education, the accepted levels and fields."
    )
    actual: Any = Field(description="What the answers give, in the same form (null when unknown).")
    required_text: str
    actual_text: str
    explanation: str
    source: str


class AlternativeOut(Schema):
    eligible: bool
    status: str
    rule_set: RuleSetOut
    criteria: list[CriterionOut]


class CategoryOut(Schema):
    code: Literal[tuple(c.value for c in SELF_CHECK_CATEGORIES)]  # type: ignore[valid-type]
    label: str
    explanation: str


class EligibilityResponse(Schema):
    eligible: bool
    status: str
    date: str
    rule_set: RuleSetOut
    criteria: list[CriterionOut]
    alternatives: list[AlternativeOut]
    category: CategoryOut


class ErrorOut(Schema):
    detail: str
    field: str | None = None
    code: str | None = None


self_check = eligibility.self_check  # kept here too: the HTML self-check imports it from this module


@router.post(
    "/eligibility",
    response={200: EligibilityResponse, 422: ErrorOut, 429: ErrorOut},
    summary="Check eligibility for competency certification",
    description=(
        "Judges the answers against every certification rule set in force on `date` (alternative routes) and "
        "returns the best one first with each criterion met / not met / needs evidence, the numbers and the "
        "regulation cited, plus the workforce category (Pekerja Sosial Profesional, Tenaga Kesejahteraan Sosial, "
        "Relawan Sosial). No login; nothing is stored; limited to 30 requests a minute per address."
    ),
    throttle=[PerAddressThrottle(SELF_CHECK_RATE, scope="public_eligibility")],
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": ELIGIBILITY_BODY}}}},
)
def check_eligibility(request):
    # The body is read here, not by a typed parameter, so that every malformed request (not
    # JSON, wrong types, unknown values) gets the same 422 with a message naming the field.
    try:
        try:
            data = params.loads_json(request.body or b"null")  # BadParameter when nested too deep
        except (ValueError, UnicodeDecodeError):
            raise DomainError(_("The request body is not valid JSON."), code="invalid_json")
        return 200, self_check(data)
    except DomainError as exc:
        return 422, {"detail": str(exc) or _("The request is not valid."), "field": exc.field, "code": exc.code}
