"""Every record that refers to a person (registry.Person) or to their account is in that
person's "download my data": its app registers a core.personal_data section whose export changes
when such a record is added. A new model with such a reference fails here until it has a builder
below and its app exports it."""

import datetime
import json
import sysconfig

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from accounts import services as data_rights
from accounts.models import Consent, ConsentText, Notification
from accounts.roles import Role
from accounts.tests.factories import UserFactory, grant, make_staff
from core import personal_data
from registry.models import Person

pytestmark = pytest.mark.django_db

# References to an account that record who acted (an officer deciding, a user uploading), not
# whose data the record is. Any other reference to an account is the person's own.
ACTOR_REFERENCES = {"history_user", "actor", "author"}


def _is_actor(field) -> bool:
    return field.name.endswith("_by") or field.name in ACTOR_REFERENCES


def personal_references() -> list[tuple[type[models.Model], str]]:
    third_party = sysconfig.get_paths()["purelib"]
    found = []
    for config in apps.get_app_configs():
        if str(config.path).startswith(third_party) or config.name.startswith("django."):
            continue
        for model in config.get_models():
            if model.__name__.startswith("Historical"):
                continue
            for field in model._meta.concrete_fields:
                if field.is_relation and (
                    field.related_model is Person
                    or (field.related_model is apps.get_model(settings.AUTH_USER_MODEL) and not _is_actor(field))
                ):
                    found.append((model, field.name))
    return found


# --- builders: prepare what the record needs, yield, then add the record itself -------------


def _certificate(person):
    from certification.models import Certificate, EligibilityRuleSet
    from certification.tests.factories import SchemeFactory

    scheme = SchemeFactory(units=1)
    return Certificate.objects.create(
        number=f"{scheme.lsp.code}.PSG.2025.{person.pk:05d}",
        person=person,
        lsp=scheme.lsp,
        scheme=scheme,
        level=scheme.level,
        practice_field=scheme.practice_field,
        issued_on=datetime.date(2025, 1, 10),
        valid_until=datetime.date(2030, 1, 9),
        rule_set=EligibilityRuleSet.objects.first(),
    )


def _str_application(person, certificate):
    from licensing import services
    from licensing.tests.factories import pdf

    return services.apply_for_str(
        actor=person.user, certificate=certificate, health_statement=pdf(), oath_taken=True, code_of_ethics=True
    )


def _str(application):
    from licensing.models import Str

    return Str.objects.create(
        number=f"STR.TEST.{application.pk:05d}",
        person=application.person,
        certificate=application.certificate,
        application=application,
        valid_from=datetime.date(2025, 2, 1),
        valid_until=datetime.date(2030, 1, 9),
    )


def _licence_application(person, certificate):
    from licensing.models import LicenceApplication, LicensingAuthority, LicensingRuleSet
    from regions.models import Regency

    authority = LicensingAuthority.objects.get(regency__code="32.73")
    return LicenceApplication.objects.create(
        person=person,
        rule_set=LicensingRuleSet.objects.in_force(datetime.date(2025, 3, 1)).order_by("-valid_from").first(),
        certificate=certificate,
        setting="institution",
        place="LKS Anak Harapan Bangsa",
        regency=Regency.objects.get(code="32.73"),
        field="anak",
        authority=authority,
    )


def build_person(user, person):
    from registry.tests.factories import PersonFactory

    yield
    PersonFactory(user=user)


def build_profile_item(factory_name):
    def build(user, person):
        from registry.tests import factories

        yield
        getattr(factories, factory_name)(person=person)

    return build


def build_membership_application(user, person):
    from registry.models import MembershipApplication
    from registry.tests.factories import province

    yield
    MembershipApplication.objects.create(person=person, province=province("32"))


def build_member(user, person):
    from certification.tests.factories import member_for

    yield
    member_for(person)


def build_claim(user, person):
    from registry.models import ClaimRequest
    from registry.tests.factories import PersonFactory, pdf_upload

    record = PersonFactory(user=None, email="")
    yield
    # A decided claim: one awaiting review is kept out of the download (registry.selectors).
    ClaimRequest.objects.create(
        person=record, claimant=user, document=pdf_upload("ktp.pdf"), status=ClaimRequest.Status.REJECTED, reason="Tidak cocok"
    )


def build_assisted_registration(user, person):
    from registry.models import AssistedRegistration, MembershipApplication
    from registry.tests.factories import pdf_upload, province

    officer = make_staff(Role.DPD_OFFICER, province=province("32"))
    application = MembershipApplication.objects.create(person=person, province=province("32"))
    yield
    AssistedRegistration.objects.create(
        person=person,
        application=application,
        entered_by=officer,
        consent_given_by=person.full_name,
        consent_given_on=datetime.date(2026, 11, 2),
        consent_method=AssistedRegistration.Consent.SIGNED_FORM,
        consent_document=pdf_upload("persetujuan.pdf"),
    )


def build_cpd_activity(user, person):
    from registry.models import CpdActivity

    yield
    CpdActivity.objects.create(
        person=person, title="Pelatihan Asesmen", category="training", held_on=datetime.date(2026, 3, 2), hours=8
    )


def build_assessor_post(user, person):
    from certification.models import CompetencyAssessor
    from certification.tests.factories import LSPFactory

    lsp = LSPFactory()
    yield
    CompetencyAssessor.objects.create(
        lsp=lsp, user=user, person=person, registration_number="MET.000123", employer="Universitas Padjadjaran"
    )


def build_certification_application(user, person):
    from certification.models import CertificationApplication
    from certification.tests.factories import SchemeFactory, member_for

    member, scheme = member_for(person), SchemeFactory(units=1)
    yield
    CertificationApplication.objects.create(person=person, member=member, scheme=scheme)


def build_certificate(user, person):
    yield
    _certificate(person)


def build_str_application(user, person):
    certificate = _certificate(person)
    yield
    _str_application(person, certificate)


def build_str(user, person):
    application = _str_application(person, _certificate(person))
    yield
    _str(application)


def build_licence_application(user, person):
    certificate = _certificate(person)
    yield
    _licence_application(person, certificate)


def build_licence(user, person):
    from licensing.models import Licence

    application = _licence_application(person, _certificate(person))
    yield
    Licence.objects.create(
        number="SIPPS.3273.2025.00001",
        person=person,
        application=application,
        authority=application.authority,
        decree_number="503/1/2025",
        decree_date=datetime.date(2025, 3, 1),
        valid_from=datetime.date(2025, 3, 1),
        valid_until=datetime.date(2030, 1, 9),
    )


def build_balks_assessor(user, person):
    from accreditation.models import BalksAssessor
    from regions.models import Regency

    regency = Regency.objects.get(code="31.71")
    yield
    BalksAssessor.objects.create(user=user, name="Dra. Wulan", education="S2", home_regency=regency, work_regency=regency)


def build_role(user, person):
    yield
    grant(user, Role.DPP_OFFICER)


def build_consent(user, person):
    yield
    Consent.objects.create(user=user, text=ConsentText.objects.first(), text_digest="x")


def build_data_request(user, person):
    yield
    data_rights.submit_request(actor=user, kind="access")


def build_notification(user, person):
    yield
    Notification.objects.create(user=user, subject="Iuran 2026", body="Tagihan iuran tahun 2026 telah terbit.")


def build_practice_field(user, person):
    from practice.models import MemberPracticeField, PracticeField

    yield
    MemberPracticeField.objects.create(person=person, field=PracticeField.objects.get(code="anak"), setting="LKS", years=4)


def _community():
    from practice.models import Community, PracticeField

    return Community.objects.create(name="Komunitas Praktik Anak", field=PracticeField.objects.get(code="anak"))


def build_community_membership(user, person):
    from practice.models import CommunityMembership

    community = _community()
    yield
    CommunityMembership.objects.create(community=community, person=person)


def build_coordinator(user, person):
    community = _community()
    yield
    community.coordinator = person
    community.save()


def build_ethics_complaint(user, person):
    from certification.tests.factories import member_for
    from ethics.tests.factories import council, examined

    member, by = member_for(person), council()
    yield
    examined(member, by)


def build_roll_entry(user, person):
    from assemblies import services
    from assemblies.tests.factories import upcoming
    from certification.tests.factories import member_for

    member_for(person)
    dpp = make_staff(Role.DPP_OFFICER)
    kongres = upcoming(dpp)
    yield
    services.freeze_roll(dpp, kongres)


def build_verifier_account(user, person):
    yield
    from verifiers.models import Verifier

    Verifier.objects.create(user=user, organisation="Pengadilan Negeri Bandung", webhook_url="https://pn.example/hook")


BUILDERS = {
    ("registry.Person", "user"): build_person,
    ("registry.Education", "person"): build_profile_item("EducationFactory"),
    ("registry.WorkExperience", "person"): build_profile_item("ExperienceFactory"),
    ("registry.Training", "person"): build_profile_item("TrainingFactory"),
    ("registry.MembershipApplication", "person"): build_membership_application,
    ("registry.Member", "person"): build_member,
    ("registry.ClaimRequest", "claimant"): build_claim,
    ("registry.AssistedRegistration", "person"): build_assisted_registration,
    ("registry.CpdActivity", "person"): build_cpd_activity,
    ("certification.CompetencyAssessor", "user"): build_assessor_post,
    ("certification.CertificationApplication", "person"): build_certification_application,
    ("certification.Certificate", "person"): build_certificate,
    ("licensing.StrApplication", "person"): build_str_application,
    ("licensing.Str", "person"): build_str,
    ("licensing.LicenceApplication", "person"): build_licence_application,
    ("licensing.Licence", "person"): build_licence,
    ("accreditation.BalksAssessor", "user"): build_balks_assessor,
    ("practice.MemberPracticeField", "person"): build_practice_field,
    ("practice.CommunityMembership", "person"): build_community_membership,
    ("practice.Community", "coordinator"): build_coordinator,
    ("assemblies.RollEntry", "person"): build_roll_entry,
    ("accounts.RoleAssignment", "user"): build_role,
    ("accounts.Consent", "user"): build_consent,
    ("accounts.DataSubjectRequest", "user"): build_data_request,
    ("accounts.Notification", "user"): build_notification,
    ("ethics.Complaint", "respondent"): build_ethics_complaint,
    ("verifiers.Verifier", "user"): build_verifier_account,
}
# A second reference on a model already built above through the first one: the person an
# assessor post or a claim is about is the same export row.
COVERED_BY = {
    ("certification.CompetencyAssessor", "person"): ("certification.CompetencyAssessor", "user"),
    ("registry.ClaimRequest", "person"): ("registry.ClaimRequest", "claimant"),
}


def _export(user, app_label: str) -> str:
    if app_label == "accounts":
        data = data_rights.export_personal_data(user)
        data.pop("generated_at")
        return json.dumps(data, default=str, sort_keys=True)
    section = {s.name: s for s in personal_data.sections()}.get(app_label)
    assert section is not None, f"{app_label} holds personal data but registers no core.personal_data section"
    return json.dumps(section.export(user), default=str, sort_keys=True)


def test_every_reference_to_a_person_or_their_account_is_found():
    found = {(model._meta.label, name) for model, name in personal_references()}
    assert ("licensing.StrApplication", "person") in found and ("accounts.Notification", "user") in found
    assert ("licensing.StrApplication", "decided_by") not in found  # an officer's decision, not their data


@pytest.mark.parametrize(
    "reference", sorted({(m._meta.label, name) for m, name in personal_references()}), ids="{0[0]}.{0[1]}".format
)
def test_every_record_about_a_person_is_in_their_data_download(reference):
    reference = COVERED_BY.get(reference, reference)
    builder = BUILDERS.get(reference)
    assert builder is not None, f"{reference}: add a builder here, and export the model's rows in its app's personal_data section"
    make_staff(Role.DATA_PROTECTION_OFFICER)
    user = UserFactory()
    from registry.tests.factories import PersonFactory

    person = None if reference == ("registry.Person", "user") else PersonFactory(user=user)
    steps = builder(user, person)
    next(steps)
    app_label = reference[0].split(".")[0]
    before = _export(user, app_label)
    next(steps, None)
    assert _export(user, app_label) != before, (
        f"{reference[0]} rows are missing from the {app_label} section of the data download"
    )
