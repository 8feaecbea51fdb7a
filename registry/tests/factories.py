import datetime
import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.tests.factories import UserFactory
from regions.models import Province, Regency
from registry.models import Education, MembershipApplication, Person, Training, WorkExperience


def png_bytes() -> bytes:
    """A real (tiny) PNG image."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (30, 40), (11, 93, 75)).save(buffer, format="PNG")
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def png_upload(name="foto.png"):
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def pdf_upload(name="ijazah.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def province(code="32") -> Province:
    return Province.objects.get(code=code)


def regency(code="32.73") -> Regency:
    return Regency.objects.get(code=code)


def nik_for(birth_date: datetime.date, sex: str, *, area="327305", serial=1) -> str:
    day = birth_date.day + (40 if sex == "P" else 0)
    return f"{area}{day:02d}{birth_date.month:02d}{birth_date.year % 100:02d}{serial:04d}"


_serial = iter(range(1, 10_000))


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    full_name = factory.Faker("name", locale="id_ID")
    birth_place = "Bandung"
    birth_date = datetime.date(1990, 5, 17)
    sex = "P"
    nik = factory.LazyAttribute(lambda o: nik_for(o.birth_date, o.sex, serial=next(_serial)))
    phone = "+6281234567890"
    email = factory.LazyAttribute(lambda o: o.user.email if o.user else "")
    address = "Jl. Merdeka 1"
    province = factory.LazyFunction(lambda: province("32"))
    regency = factory.LazyFunction(lambda: regency("32.73"))
    workforce_category = Person.Workforce.PEKSOS
    photo = factory.django.FileField(filename="foto.png", data=factory.LazyFunction(png_bytes))


class EducationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Education

    person = factory.SubFactory(PersonFactory)
    level = Education.Level.S1
    study_programme = "Kesejahteraan Sosial"
    study_field = Education.Field.KESEJAHTERAAN_SOSIAL
    institution = "Universitas Padjadjaran"
    graduation_year = 2013


class ExperienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkExperience

    person = factory.SubFactory(PersonFactory)
    employer = "Dinas Sosial Kota Bandung"
    position = "Pekerja Sosial"
    practice_field = "perlindungan anak"
    started_on = datetime.date(2018, 1, 2)


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Training

    person = factory.SubFactory(PersonFactory)
    title = "Manajemen Kasus"
    organiser = "Poltekesos Bandung"
    hours = 32
    held_on = datetime.date(2019, 3, 4)


def complete_person(**kwargs) -> Person:
    person = PersonFactory(**kwargs)
    EducationFactory(person=person)
    ExperienceFactory(person=person)
    TrainingFactory(person=person)
    return person


def submitted_application(person=None, *, channel="dpd", province_code="32") -> MembershipApplication:
    person = person or complete_person()
    return MembershipApplication.objects.create(
        person=person,
        channel=channel,
        province=province(province_code),
        status=MembershipApplication.Status.SUBMITTED,
        submitted_at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC),
    )
