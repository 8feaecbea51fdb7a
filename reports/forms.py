"""The dates a report is asked for, read by one rule for every report: an ISO date (or month) that
is not after today in Asia/Jakarta. Each report's view reads its query string through one of
these forms and produces nothing when it is not valid."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


def _not_after_today(day: datetime.date) -> None:
    today = timezone.localdate()
    if day > today:
        raise ValidationError(
            _("A report cannot be made for a date after today (%(today)s)."),
            code="future",
            params={"today": date_format(today, "j F Y")},
        )


class ReportDateField(forms.DateField):
    """A day written YYYY-MM-DD, not after today; empty means the form's default."""

    input_formats = ["%Y-%m-%d"]
    default_error_messages = {"invalid": _("Write the report date as YYYY-MM-DD, e.g. 2025-01-31.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and "\x00" in value:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value is not None:
            _not_after_today(value)


class ReportMonthField(ReportDateField):
    """A month written YYYY-MM (its first day), which must have begun."""

    input_formats = ["%Y-%m"]
    default_error_messages = {"invalid": _("Write the report month as YYYY-MM, e.g. 2026-10.")}


class _ReportForm(forms.Form):
    def message(self) -> str:
        """Every error in one sentence for the 400 page."""
        return " ".join(str(error) for errors in self.errors.values() for error in errors)


class AsOfForm(_ReportForm):
    """`?per=YYYY-MM-DD`: the report as it stood at the end of that day (today by default)."""

    per = ReportDateField()

    def clean(self):
        data = super().clean()
        if not self.errors and data.get("per") is None:
            data["per"] = timezone.localdate()
        return data


class MonthForm(_ReportForm):
    """`?bulan=YYYY-MM` (this month by default); the first day of the month."""

    bulan = ReportMonthField()

    def clean(self):
        data = super().clean()
        if not self.errors and data.get("bulan") is None:
            data["bulan"] = timezone.localdate().replace(day=1)
        return data


class PeriodForm(_ReportForm):
    """`?dari=YYYY-MM-DD&sampai=YYYY-MM-DD` (from 1 January of this year to today by default)."""

    dari = ReportDateField()
    sampai = ReportDateField()

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        today = timezone.localdate()
        if data.get("sampai") is None:
            data["sampai"] = today
        if data.get("dari") is None:
            data["dari"] = min(today.replace(month=1, day=1), data["sampai"])
        if data["dari"] > data["sampai"]:
            raise ValidationError(_("Write both dates as YYYY-MM-DD, the first not after the second."), code="order")
        return data


def max_dates() -> dict:
    """The latest day and month the dashboard's date pickers offer."""
    today = timezone.localdate()
    return {"max_day": today.isoformat(), "max_month": today.strftime("%Y-%m")}
