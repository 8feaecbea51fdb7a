"""Read-side queries: what a user may see (the scopes declared in rules.py), and what a person's
own data export holds."""

from accounts import policy
from core import dates, files

from .models import DuesPayment, Member, MembershipApplication, Person


def applications_for(user):
    return policy.visible(user, "registry.view_applications", MembershipApplication)


def members_for(user):
    return policy.visible(user, "registry.view_member", Member)


def payments_for(user):
    return policy.visible(user, "registry.confirm_payment", DuesPayment)


def receipt_to_check(public_id: str) -> DuesPayment | None:
    """The receipt a QR code names, for its public page (None: no receipt has this id)."""
    return (
        DuesPayment.objects.select_related("invoice__member__province")
        .filter(public_id=public_id, receipt_number__isnull=False)
        .first()
    )


def claim_requests_for(user):
    from .models import ClaimRequest

    return policy.visible(user, "registry.decide_claim", ClaimRequest)


def experience_years(person: Person) -> float:
    """Total years of dated work experience up to today, overlapping periods counted once (the
    same merging as practice time for certification)."""
    from django.utils import timezone

    periods = ((e.started_on, e.ended_on, True) for e in person.experiences.all())
    days = sum((end - start).days for start, end, _evidenced in dates.merge_periods(periods, timezone.localdate()))
    return round(days / 365.25, 1)


def person_export(person: Person) -> dict:
    """Everything the register holds about one person (their own data request / export)."""
    member = Member.objects.filter(person=person).select_related("province", "credential").first()

    return {
        "profile": {
            "nik": person.nik,
            "full_name": person.full_name,
            "birth_place": person.birth_place,
            "birth_date": person.birth_date,
            "sex": person.sex,
            "phone": person.phone,
            "email": person.email,
            "address": person.address,
            "province": person.province.name if person.province_id else None,
            "regency": person.regency.name if person.regency_id else None,
            "workforce_category": person.get_workforce_category_display() if person.workforce_category else None,
            "source": person.source,
            "imported_from": person.import_sources,
            "claimed": person.claimed,
            "photo": files.described(person.photo),
        },
        "education": [
            {
                "level": e.level,
                "study_programme": e.study_programme,
                "study_field": e.study_field,
                "institution": e.institution,
                "graduation_year": e.graduation_year,
                "diploma": files.described(e.diploma),
            }
            for e in person.educations.all()
        ],
        "work_experience": [
            {
                "employer": w.employer,
                "position": w.position,
                "practice_field": w.practice_field,
                "started_on": w.started_on,
                "ended_on": w.ended_on,
                "evidence": files.described(w.evidence),
            }
            for w in person.experiences.all()
        ],
        "trainings": [
            {
                "title": t.title,
                "organiser": t.organiser,
                "hours": t.hours,
                "held_on": t.held_on,
                "certificate": files.described(t.certificate),
            }
            for t in person.trainings.all()
        ],
        "applications": [
            {
                "channel": a.channel,
                "province": a.province.name,
                "status": a.status,
                "category": a.category,
                "reason": a.reason,
                "submitted_at": a.submitted_at,
                "decided_at": a.decided_at,
            }
            for a in person.applications.select_related("province")
        ],
        "membership": None
        if member is None
        else {
            "number": member.number,
            "category": member.category,
            "province": member.province.name,
            "status": member.status,
            "status_reason": member.status_reason,
            "joined_on": member.joined_on,
            "card_valid_until": member.card_valid_until,
            "verification_url": member.credential.verification_url if member.credential_id else None,
            "dues": [
                {
                    "year": i.year,
                    "amount": i.amount,
                    "status": i.status,
                    "due_on": i.due_on,
                    "grace_until": i.grace_until,
                    "paid_on": i.paid_on,
                    "payments": [
                        {"amount": p.amount, "paid_on": p.paid_on, "status": p.status, "receipt_number": p.receipt_number}
                        for p in i.payments.all()
                    ],
                }
                for i in member.invoices.prefetch_related("payments")
            ],
            "transfers": [
                {"from": t.from_province.name, "to": t.to_province.name, "reason": t.reason, "recorded_at": t.recorded_at}
                for t in member.transfers.select_related("from_province", "to_province")
            ],
        },
    }


def export_for_user(user) -> dict | None:
    """core.personal_data section: what the register holds about this account's person."""
    from .models import ClaimRequest

    person = Person.objects.filter(user=user).first()
    data = person_export(person) if person else {}
    # Claims are the claimant's, whichever record they asked for (a refused one is not theirs).
    # One awaiting review is left out: a claim exists only when a record matched, and the claim
    # form tells no one that before an officer has looked at the document.
    claims = [
        {
            "record": c.person_id,
            "status": c.status,
            "submitted_at": c.created_at,
            "decided_at": c.decided_at,
            "reason": c.reason,
            "identity_document": files.described(c.document),
        }
        for c in ClaimRequest.objects.filter(claimant=user).exclude(status=ClaimRequest.Status.SUBMITTED)
    ]
    if claims:
        data["record_claims"] = claims
    activities = [
        {
            "activity": a.title,
            "category": a.category,
            "date": a.held_on,
            "hours": str(a.hours),
            "organiser": a.provider.name if a.provider else a.provider_name,
            "source": a.source,
            "status": a.status,
            "reason": a.reason,
            "evidence": files.described(a.evidence),
        }
        for a in (person.cpd_activities.select_related("provider") if person else [])
    ]
    if activities:
        data["cpd_activities"] = activities
    assisted = getattr(person, "assisted_registration", None) if person else None
    if assisted is not None:
        # Who entered the application and the consent it rests on are the person's to see.
        data["assisted_registration"] = {
            "entered_at": assisted.entered_at,
            "consent_given_by": assisted.consent_given_by,
            "consent_given_on": assisted.consent_given_on,
            "consent_method": assisted.consent_method,
            "consent_document": files.described(assisted.consent_document),
            "identity_document": files.described(assisted.identity_document),
            "invitation_sent_to": assisted.invitation_sent_to,
        }
    return data or None
