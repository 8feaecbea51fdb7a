import datetime

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import Role
from accounts.tests.factories import make_staff
from accreditation.models import LKS, BalksAssessor, Indicator, TargetGroup
from regions.models import Regency

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def pdf(name="dokumen.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


class LKSFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LKS
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"LKS Anak Harapan {n}")
    legal_entity = factory.Sequence(lambda n: f"Yayasan Harapan {n}")
    regency = factory.LazyFunction(lambda: Regency.objects.get(code="32.73"))
    province = factory.LazyAttribute(lambda o: o.regency.province)
    residential = True
    capacity = 40

    @factory.post_generation
    def groups(obj, create, extracted, **kwargs):
        if create:
            obj.target_groups.add(*TargetGroup.objects.filter(code__in=extracted or ["anak"]))


def assessor(name, *, regency_code="31.71", trained=True, **extra) -> BalksAssessor:
    user = make_staff(Role.BALKS_ASSESSOR, name=name)
    regency = Regency.objects.get(code=regency_code)
    return BalksAssessor.objects.create(
        user=user,
        name=name,
        education="S2",
        trained=trained,
        years_experience=5,
        home_regency=regency,
        work_regency=regency,
        active_from=datetime.date(2020, 1, 1),
        **extra,
    )


def all_indicators(application):
    return list(Indicator.objects.filter(standard__instrument=application.instrument))


def uniform_scores(application, value):
    return {i.pk: value for i in all_indicators(application)}


def self_assessment_for(instrument_indicators, value=3):
    return {str(i.pk): value for i in instrument_indicators}
