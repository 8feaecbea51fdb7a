"""Words several pillars share, defined once.

The register records a person's education and workforce category, certification judges them,
accreditation checks a BALKS member's education against a minimum, and the reports count them.
Each of those reads the choices below, so a form, a rule and a report cannot offer different
values; the stored codes are the ones the register has always held.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise


class EducationLevel(models.TextChoices):
    SMA = "SMA", _("senior high school (SMA/SMK)")
    D3 = "D3", "D3"
    D4 = "D4", "D4"
    S1 = "S1", "S1"
    S2 = "S2", "S2"
    S3 = "S3", "S3"
    PROFESI = "profesi", _("professional education (Pendidikan Profesi)")


# Rank on the national qualifications framework (KKNI, Perpres 8/2012): the order in which
# "at least S2" or "the highest education" is judged. Pendidikan Profesi follows the sarjana
# and sits below a master's degree, so the list order above is not the rank.
KKNI_LEVEL: dict[str, int] = {  # keyed by the level's code, as stored
    EducationLevel.SMA: 2,
    EducationLevel.D3: 5,
    EducationLevel.D4: 6,
    EducationLevel.S1: 6,
    EducationLevel.PROFESI: 7,
    EducationLevel.S2: 8,
    EducationLevel.S3: 9,
}


def education_rank(level: str) -> int:
    """The KKNI level of an education code; -1 for a code outside the vocabulary."""
    return KKNI_LEVEL.get(level, -1)


def at_least(level: str, minimum: str) -> bool:
    return level in KKNI_LEVEL and education_rank(level) >= education_rank(minimum)


def level_choices(*levels: str) -> list[tuple[str, StrOrPromise]]:
    """The choices for a field that accepts only some levels, labelled as everywhere else."""
    return [(value, label) for value, label in EducationLevel.choices if value in levels]


class StudyField(models.TextChoices):
    PEKERJAAN_SOSIAL = "pekerjaan_sosial", _("social work")
    KESEJAHTERAAN_SOSIAL = "kesejahteraan_sosial", _("social welfare")
    LAINNYA = "lainnya", _("other field")


class WorkforceCategory(models.TextChoices):
    """The social-welfare workforce of UU 11/2009 (plus students, who register before they are
    any of them). The portal's self-check answers with one of the first three."""

    PEKSOS = "pekerja_sosial_profesional", _("Professional social worker (Pekerja Sosial Profesional)")
    TKS = "tenaga_kesejahteraan_sosial", _("Social welfare worker (TKS, e.g. TKSK, PKH companion)")
    RELAWAN = "relawan_sosial", _("Social volunteer (Relawan Sosial, e.g. PSM)")
    STUDENT = "mahasiswa", _("Student / prospective social worker")


SELF_CHECK_CATEGORIES = (WorkforceCategory.PEKSOS, WorkforceCategory.TKS, WorkforceCategory.RELAWAN)
