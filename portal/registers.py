"""The public registers: who is a registered, certified, licensed social worker.

Only public fields leave this module: name, member number, province, membership status, and
each credential's kind, number, issuer, field, validity and status. Never NIK, birth date,
address, phone, e-mail or documents.
"""

from django.apps import apps
from django.db.models import Prefetch

from registry.models import NUMBER_PATTERN, Member, name_contains, normalise_name

MAX_QUERY_LENGTH = 100
PAGE_SIZE = 20


def clean_query(raw: str | None) -> str:
    """Whitespace collapsed, control characters (a NUL byte among them, which PostgreSQL refuses
    in text) dropped, length bounded."""
    text = "".join(ch for ch in str(raw or "") if ch.isprintable() or ch.isspace())
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


# Only the columns the public sees: the register is read far more often than it is written,
# and fetching whole rows (a credential's signed JWT, a person's private fields) costs more
# than the look-up itself.
PUBLIC_CREDENTIAL_FIELDS = (
    "public_id", "kind", "number", "holder_name", "issuer_name", "valid_from", "valid_until", "status", "status_reason", "claims",
)


def _with_public_credential(model, order_by: str):
    return (
        model.objects.select_related("credential")
        .only("person_id", order_by.lstrip("-"), "credential_id", *(f"credential__{f}" for f in PUBLIC_CREDENTIAL_FIELDS))
        .order_by(order_by)
    )


def search_social_workers(q: str = "", province_code: str = "", limit: int = PAGE_SIZE, offset: int = 0) -> list[Member]:
    q, province_code = clean_query(q), clean_query(province_code)
    members = Member.objects.select_related("person", "province", "credential").only(
        "number", "status", "person_id", "province_id", "credential_id",
        "person__full_name", "person__name_key", "province__name",
        *(f"credential__{f}" for f in PUBLIC_CREDENTIAL_FIELDS),
    )
    if province_code:
        members = members.filter(province__code=province_code[:2])
    if q:
        number = q.upper()
        if NUMBER_PATTERN.match(number):
            members = members.filter(number=number)
        else:
            key = normalise_name(q)
            if not key:
                return []
            members = members.filter(name_contains(key, prefix="person__"))
    elif not province_code:
        return []  # no browsing the whole register page by page
    certificate_model = apps.get_model("certification", "Certificate")
    str_model, licence_model = apps.get_model("licensing", "Str"), apps.get_model("licensing", "Licence")
    members = members.prefetch_related(
        Prefetch("person__competency_certificates", queryset=_with_public_credential(certificate_model, "-issued_on"), to_attr="public_certificates"),
        Prefetch("person__strs", queryset=_with_public_credential(str_model, "-valid_from"), to_attr="public_strs"),
        Prefetch("person__licences", queryset=_with_public_credential(licence_model, "-valid_from"), to_attr="public_licences"),
    )
    return list(members.order_by("person__name_key", "number")[offset : offset + limit])


def credentials_of(member: Member) -> list:
    """Every credential of a member that the public may see, newest first."""
    found = [member.credential] if member.credential_id else []
    for attr in ("public_certificates", "public_strs", "public_licences"):
        found.extend(record.credential for record in getattr(member.person, attr, []) if record.credential_id)
    return found


def public_item(member: Member) -> dict:
    from credentials.public_api import credential_out

    return {
        "name": member.person.full_name,
        "number": member.number,
        "province": member.province.name,
        "membership_status": member.status,
        "membership_status_label": str(Member.Status(member.status).label),
        "credentials": [
            credential_out(c, with_jwt=False) for c in credentials_of(member)
        ],
    }


def search_lks(q: str = "", regency_code: str = "", target_group: str = "", limit: int = PAGE_SIZE) -> list:
    from django.db.models import Prefetch

    from accreditation.models import LKS, Accreditation
    from regions.models import Regency

    q, regency_code, target_group = clean_query(q), clean_query(regency_code), clean_query(target_group)
    regency = Regency.objects.filter(code=regency_code[:5]).first() if regency_code else None
    if not (q or regency or target_group):
        return []
    institutions = (
        LKS.objects.public_search(q, regency=regency, target_group=target_group[:40])
        .prefetch_related(
            "target_groups",
            Prefetch("accreditations", queryset=Accreditation.objects.select_related("credential").order_by("-valid_from", "-pk"), to_attr="public_accreditations"),
        )
        .order_by("name_key", "pk")
    )
    results = list(institutions[:limit])
    for lks in results:
        lks._current_accreditation = lks.public_accreditations[0] if lks.public_accreditations else False
    return results


def lks_item(lks) -> dict:
    accreditation = lks.current_accreditation
    return {
        "name": lks.name,
        "regency": lks.regency.name,
        "province": lks.province.name,
        "target_groups": [g.name for g in lks.target_groups.all()],
        "accreditation": None
        if accreditation is None
        else {
            "grade": accreditation.grade,
            "valid_from": accreditation.valid_from,
            "valid_until": accreditation.valid_until,
            "status": accreditation.public_status(),
            "certificate_number": accreditation.certificate_number,
        },
        "credentials": [
            {"id": accreditation.credential.public_id, "type": accreditation.credential.kind, "verification_url": accreditation.credential.verification_url}
        ]
        if accreditation is not None and accreditation.credential_id
        else [],
    }
