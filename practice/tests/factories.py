"""Builders for practice tests: members with fields, certificates, communities and standards."""

import datetime

from certification.models import Certificate, EligibilityRuleSet
from certification.tests.factories import SchemeFactory, member_for
from registry.tests.factories import PersonFactory, province

from .. import services
from ..models import Community, CommunityMembership, MemberPracticeField, PracticeField, StandardVersion


def field(code: str) -> PracticeField:
    return PracticeField.objects.get(code=code)


def member_in(province_code: str = "32", *fields: str, **person_fields):
    """A member on the register of the province, keeping the given practice fields."""
    person = PersonFactory(**person_fields)
    member = member_for(person)
    if province_code != "32":
        member.province = province(province_code)
        member.save(update_fields=["province"])
    for code in fields:
        MemberPracticeField.objects.create(person=person, field=field(code))
    return person


_certificate_serial = iter(range(1, 100_000))


def certify(person, *, scheme_field: str, level: str = "PSG", scheme=None, valid_until=datetime.date(2099, 1, 1), status="valid"):
    scheme = scheme or SchemeFactory(units=1, practice_field=scheme_field, level=level)
    return Certificate.objects.create(
        number=f"{scheme.lsp.code}.{level}.2025.{next(_certificate_serial):05d}",
        person=person,
        lsp=scheme.lsp,
        scheme=scheme,
        level=level,
        practice_field=scheme_field,
        issued_on=datetime.date(2025, 1, 10),
        valid_until=valid_until,
        status=status,
        rule_set=EligibilityRuleSet.objects.first(),
    )


def community_with_coordinator(dpp, *, field_code: str = "anak", coordinator=None) -> Community:
    coordinator = coordinator or member_in("32")
    community = services.create_community(actor=dpp, community=Community(name=f"Komunitas {field_code}", field=field(field_code)))
    return services.name_coordinator(actor=dpp, community=community, member_number=coordinator.member.number)


def draft_standard(community: Community, *, body: str = "1. Asesmen dalam 3 x 24 jam.") -> StandardVersion:
    return services.start_standard(
        actor=community.coordinator.user, community=community, title="Standar Manajemen Kasus", body=body
    )


def joined(community: Community, person) -> CommunityMembership:
    return services.join_community(actor=person.user, community=community)
