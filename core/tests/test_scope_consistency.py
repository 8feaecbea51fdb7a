"""One source for scope: for every permission that declares a list scope (accounts.policy.declare),
`visible(actor, perm, Model)` holds exactly the records on which `allows(actor, perm, record)`
holds, for every actor of the authorisation matrix's scene (each role "here" and "elsewhere") and
every record the scene builds, so no list page, API or report can show more or less than the
single-record check allows."""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser

from accounts import policy
from accounts.roles import Role
from core.tests import access_matrix  # noqa: F401  (its apps' rows register the organisations the scene's roles hold)
from core.tests.scene import Scene
from regions.models import Regency


def _records(scene) -> None:
    """The matrix's objects "here", plus records the scopes must tell apart: drafts, the DPP's own
    channel, another province, a national licence application through the LSP "here", and
    certification applications in draft at the LSP "here" and submitted at the LSP "elsewhere"."""
    from accreditation.tests.access_rows import objects as accreditation_objects
    from assemblies.tests.access_rows import objects as assemblies_objects
    from certification.tests.access_rows import objects as certification_objects
    from certification.tests.factories import SchemeFactory, candidate
    from ethics.tests.access_rows import objects as ethics_objects
    from licensing import services as licensing
    from licensing.tests.access_rows import objects as licensing_objects
    from licensing.tests.factories import certified_person
    from registry.models import MembershipApplication
    from registry.tests.access_rows import objects as registry_objects
    from registry.tests.factories import submitted_application

    registry_objects(scene)
    ethics_objects(scene)
    licensing_objects(scene)
    accreditation_objects(scene)
    certification_objects(scene)
    assemblies_objects(scene)
    from django.utils import timezone

    from certification.models import CertificationApplication

    for label, submitted_at in (("here", None), ("elsewhere", timezone.now())):
        applicant = candidate(documents=False)
        CertificationApplication.objects.create(
            person=applicant,
            member=applicant.member,
            scheme=SchemeFactory(lsp=scene.organisation(Role.LSP_OFFICER, label)),
            submitted_at=submitted_at,
        )
    submitted_application(province_code="35")
    submitted_application(channel="dpp")
    draft = submitted_application()
    MembershipApplication.objects.filter(pk=draft.pk).update(status=MembershipApplication.Status.DRAFT)
    for label in ("here", "elsewhere"):
        person, certificate = certified_person(
            issued_on=datetime.date(2013, 1, 10),
            valid_until=datetime.date(2018, 1, 9),
            lsp=scene.organisation(Role.LSP_OFFICER, label),
            name=f"Pemohon Nasional {label}",
        )
        national = licensing.apply_for_licence(
            actor=person.user,
            certificate=certificate,
            setting="community",
            place="Desa Sukamaju",
            regency=Regency.objects.get(code="32.73"),
            field="masyarakat",
            today=datetime.date(2014, 6, 1),
        )
        assert national.authority.level == "national"
    scene.users["licence_applicant"] = licensing_objects(scene)["waiting"].person.user
    # An assessor assigned to the application "here", and an assessor's profile whose user holds no
    # assessor role (the rule asks for both).
    from accreditation.models import Assignment, BalksAssessor
    from accreditation.tests.factories import assessor

    application = accreditation_objects(scene)["application"]
    assigned = assessor("Penilai Bertugas")
    unroled = BalksAssessor.objects.create(
        user=scene.users["social_worker"],
        name="Penilai Tanpa Peran",
        education="S2",
        home_regency=assigned.home_regency,
        work_regency=assigned.work_regency,
    )
    for profile in (assigned, unroled):
        Assignment.objects.create(application=application, assessor=profile)
    scene.users["assigned_assessor"] = assigned.user
    # A subscription of the verifier "here" and one of another verifier account.
    from verifiers.models import Subscription, Verifier
    from verifiers.services import become_verifier

    Subscription.objects.create(
        verifier=Verifier.objects.create(user=scene.users["verifier"], organisation="PT Sini"), number="STR.SINI.1"
    )
    other = become_verifier(actor=scene.users["social_worker"], organisation="PT Sana")
    Subscription.objects.create(verifier=other, number="STR.SANA.1")
    scene.users["anonymous"] = AnonymousUser()


@pytest.fixture
def scene(db):
    world = Scene()
    _records(world)
    return world


def test_every_declared_scope_lists_exactly_the_records_its_rule_allows(scene):
    declared = policy.declared_scopes()
    assert declared, "no permission declares a list scope"
    mismatches = []
    for perm, (label, _scope) in sorted(declared.items()):
        model = apps.get_model(label)
        records = list(model.objects.all())
        assert records, f"the scene builds no {label} to check {perm} against"
        for actor, user in scene.users.items():
            visible = set(policy.visible(user, perm, model).values_list("pk", flat=True))
            allowed = {r.pk for r in records if policy.allows(user, perm, r)}
            if visible != allowed:
                mismatches.append(f"{perm} × {actor}: listed only {visible - allowed}, allowed only {allowed - visible}")
    assert mismatches == []


def test_the_scene_reaches_each_scope_from_both_sides(scene):
    """Every declared scope shows some record to someone and hides some from someone, so the
    check above compares more than empty sets."""
    for perm, (label, _scope) in policy.declared_scopes().items():
        model = apps.get_model(label)
        total = model.objects.count()
        counts = [policy.visible(user, perm, model).count() for user in scene.users.values()]
        assert max(counts) > 0, perm
        assert min(counts) < total, perm
