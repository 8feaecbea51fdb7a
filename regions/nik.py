"""Nomor Induk Kependudukan (NIK): 16 digits.

    PP KK CC DDMMYY SSSS
    PP   province code of first registration (Kemendagri)
    KK   regency/city code within it
    CC   district (kecamatan) code within it
    DD   day of birth; women add 40 (41-71)
    MM   month of birth, YY two-digit year of birth
    SSSS serial from 0001

The area codes are where the NIK was first issued, not where the person lives now, and areas
split over time (e.g. the Papua provinces in 2022), so a NIK is never rejected because its
codes differ from the current address or from today's list of regencies.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

# Kemendagri province codes, including those of provinces created since (the NIK keeps the
# code of the province of first registration).
PROVINCE_CODES = frozenset(
    "11 12 13 14 15 16 17 18 19 21 31 32 33 34 35 36 51 52 53 61 62 63 64 65 71 72 73 74 75 76 81 82 91 92 93 94 95 96".split()
)


@dataclass(frozen=True)
class NikInfo:
    nik: str
    province_code: str
    regency_code: str  # "32.73"
    district_code: str  # "32.73.05"
    birth_date: datetime.date
    sex: str  # "L" or "P"
    serial: str
    notes: list[str] = field(default_factory=list)


class NikError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def parse_nik(raw: str, *, today: datetime.date | None = None) -> NikInfo:
    """Parse a NIK, or raise NikError listing every problem in plain Indonesian/English."""
    today = today or timezone.localdate()
    text = re.sub(r"[\s.\-]", "", str(raw or ""))
    if not text:
        raise NikError([_("The NIK is empty.")])
    if not text.isdigit():
        raise NikError([_("A NIK contains digits only.")])
    if len(text) != 16:
        raise NikError([_("A NIK has 16 digits; this one has %(count)d.") % {"count": len(text)}])

    problems = []
    province, regency, district = text[0:2], text[2:4], text[4:6]
    day, month, year2, serial = int(text[6:8]), int(text[8:10]), int(text[10:12]), text[12:16]
    if province not in PROVINCE_CODES:
        problems.append(_("Digits 1–2 (%(code)s) are not a province code.") % {"code": province})
    if regency == "00":
        problems.append(_("Digits 3–4 (regency/city) cannot be 00."))
    if district == "00":
        problems.append(_("Digits 5–6 (district) cannot be 00."))

    sex = "P" if day > 40 else "L"
    birth_day = day - 40 if day > 40 else day
    birth_date = None
    if not (1 <= birth_day <= 31) or day in range(32, 41):
        problems.append(
            _("Digits 7–8 (%(day)s) are not a day of birth: 01–31 for men, 41–71 for women (day + 40).") % {"day": text[6:8]}
        )
    elif not 1 <= month <= 12:
        problems.append(_("Digits 9–10 (%(month)s) are not a month.") % {"month": text[8:10]})
    else:
        century = 2000 if 2000 + year2 <= today.year else 1900
        try:
            birth_date = datetime.date(century + year2, month, birth_day)
        except ValueError:
            problems.append(
                _("Digits 7–12 give %(day)02d-%(month)02d-%(year)02d, which is not a real date.")
                % {"day": birth_day, "month": month, "year": year2}
            )
    if serial == "0000":
        problems.append(_("Digits 13–16 (serial number) start at 0001."))
    if problems:
        raise NikError(problems)
    return NikInfo(
        nik=text,
        province_code=province,
        regency_code=f"{province}.{regency}",
        district_code=f"{province}.{regency}.{district}",
        birth_date=birth_date,
        sex=sex,
        serial=serial,
    )


def mismatches(info: NikInfo, *, birth_date: datetime.date | None = None, sex: str | None = None) -> list[str]:
    """What in the NIK disagrees with the stated birth date and sex (not the address: see above)."""
    problems = []
    if birth_date is not None and info.birth_date != birth_date:
        # The NIK holds a two-digit year; compare day and month and the year modulo 100.
        if (info.birth_date.day, info.birth_date.month, info.birth_date.year % 100) != (
            birth_date.day,
            birth_date.month,
            birth_date.year % 100,
        ):
            problems.append(
                _("The birth date in the NIK (%(nik_date)s) differs from the stated birth date (%(date)s).")
                % {"nik_date": info.birth_date.strftime("%d-%m-%y"), "date": birth_date.strftime("%d-%m-%Y")}
            )
    if sex in {"L", "P"} and info.sex != sex:
        problems.append(
            _("The NIK is that of a woman (day of birth + 40) but the stated sex is male.")
            if info.sex == "P"
            else _("The NIK is that of a man but the stated sex is female (a woman's NIK adds 40 to the day of birth).")
        )
    return problems


def validate_nik(value: str) -> None:
    """Django field validator."""
    try:
        parse_nik(value)
    except NikError as exc:
        raise ValidationError(exc.problems, code="invalid_nik") from None


def normalise_nik(value: str) -> str:
    return re.sub(r"[\s.\-]", "", str(value or ""))
