"""Practice fields, members' fields, communities and standards: operations that change records,
each in one transaction, checked through the policy, raising DomainError (nothing changed)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import policy
from core import audit, personal_data
from core.errors import DomainError, NotAllowed
from core.models import AuditEvent
from registry.models import Member, Person

from .models import (
    Community,
    CommunityMembership,
    MemberPracticeField,
    PracticeField,
    Standard,
    StandardComment,
    StandardVersion,
)


def _full_clean(obj, **kwargs) -> None:
    try:
        obj.full_clean(**kwargs)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from None


def _save(obj, actor, reason: str = "") -> None:
    obj._history_user = actor
    if reason:
        obj._change_reason = reason[:100]
    obj.save()


def _person_of(actor) -> Person:
    person = Person.objects.filter(user=actor).first() if getattr(actor, "is_authenticated", False) else None
    if person is None:
        raise DomainError(_("Fill in your profile in the member register first."))
    return person


# --- practice fields (the DPP's list) -------------------------------------------------------------


def save_field(*, actor, practice_field: PracticeField) -> PracticeField:
    """Add a field, or change one's names, keywords or certification field."""
    with transaction.atomic():
        policy.require(actor, "practice.manage_fields")
        practice_field.code = (practice_field.code or "").strip().lower()
        _full_clean(practice_field)
        _save(practice_field, actor)
        return practice_field


def retire_field(*, actor, practice_field: PracticeField, reason: str) -> PracticeField:
    """A retired field is offered to no one and leaves the map; members' entries stay as they were."""
    reason = (reason or "").strip()
    with transaction.atomic():
        policy.require(actor, "practice.manage_fields")
        if not reason:
            raise DomainError(_("Give the reason for retiring the field."), field="reason")
        practice_field = PracticeField.objects.select_for_update().get(pk=practice_field.pk)
        if not practice_field.active:
            raise DomainError(_("This field is already retired."))
        practice_field.active = False
        practice_field.retired_at = timezone.now()
        practice_field.retired_by = actor
        practice_field.retired_reason = reason[:255]
        _save(practice_field, actor, reason)
        return practice_field


def reactivate_field(*, actor, practice_field: PracticeField) -> PracticeField:
    with transaction.atomic():
        policy.require(actor, "practice.manage_fields")
        practice_field = PracticeField.objects.select_for_update().get(pk=practice_field.pk)
        if practice_field.active:
            raise DomainError(_("This field is already active."))
        practice_field.active = True
        _save(practice_field, actor, _("reactivated"))
        return practice_field


# --- a member's own fields ------------------------------------------------------------------------


def keep_field(*, actor, entry: MemberPracticeField) -> MemberPracticeField:
    """Add or change one of the actor's own practice fields. Marking it the main field unmarks
    the one marked before."""
    with transaction.atomic():
        person = _person_of(actor)
        if entry.pk and entry.person_id != person.pk:
            raise NotAllowed()
        entry.person = person
        if not entry.field_id or not PracticeField.objects.filter(pk=entry.field_id).exists():
            raise DomainError(_("Choose a field of practice."), field="field")
        if not entry.field.active and (not entry.pk or MemberPracticeField.objects.get(pk=entry.pk).field_id != entry.field_id):
            raise DomainError(_("This field has been retired by the DPP; choose another."), field="field")
        if MemberPracticeField.objects.filter(person=person, field_id=entry.field_id).exclude(pk=entry.pk).exists():
            raise DomainError(_("You already keep this field of practice."), field="field")
        entry.setting = (entry.setting or "").strip()
        _full_clean(entry, exclude=["person"])
        if entry.is_main:
            for other in MemberPracticeField.objects.filter(person=person, is_main=True).exclude(pk=entry.pk):
                other.is_main = False
                _save(other, actor)
        _save(entry, actor)
        return entry


def remove_field(*, actor, entry: MemberPracticeField) -> None:
    with transaction.atomic():
        person = _person_of(actor)
        if entry.person_id != person.pk:
            raise NotAllowed()
        entry._history_user = actor
        entry.delete()


# --- communities ----------------------------------------------------------------------------------


def create_community(*, actor, community: Community) -> Community:
    with transaction.atomic():
        policy.require(actor, "practice.manage_communities")
        community.created_by = actor
        _full_clean(community, exclude=["coordinator"])
        _save(community, actor)
        return community


def name_coordinator(*, actor, community: Community, member_number: str) -> Community:
    """The DPP names a member of the register as coordinator; the coordinator joins the
    community if not already in it."""
    number = (member_number or "").strip().upper()
    with transaction.atomic():
        policy.require(actor, "practice.manage_communities")
        member = (
            Member.objects.select_related("person")
            .filter(number=number, status__in=[Member.Status.ACTIVE, Member.Status.LAPSED])
            .first()
        )
        if member is None:
            raise DomainError(_("No member on the register has this number."), field="member_number")
        community = Community.objects.select_for_update().get(pk=community.pk)
        community.coordinator = member.person
        community.coordinator_named_by = actor
        community.coordinator_named_at = timezone.now()
        _save(community, actor, _("coordinator named"))
        if not community.memberships.current().filter(person=member.person).exists():
            _save(CommunityMembership(community=community, person=member.person), actor)
        audit.record(actor, AuditEvent.Action.SENSITIVE_ACTION, community, summary=f"coordinator named: {member.number}")
        return community


def join_community(*, actor, community: Community) -> CommunityMembership:
    with transaction.atomic():
        policy.require(actor, "practice.join_community", community)
        person = _person_of(actor)
        if community.memberships.current().filter(person=person).exists():
            raise DomainError(_("You are already a member of this community."))
        membership = CommunityMembership(community=community, person=person)
        try:
            with transaction.atomic():
                _save(membership, actor)
        except IntegrityError:
            raise DomainError(_("You are already a member of this community.")) from None
        return membership


def leave_community(*, actor, community: Community) -> CommunityMembership:
    with transaction.atomic():
        person = _person_of(actor)
        membership = community.memberships.current().select_for_update().filter(person=person).first()
        if membership is None:
            raise DomainError(_("You are not a member of this community."))
        if community.coordinator_id == person.pk:
            raise DomainError(_("The coordinator stays in the community until the DPP names another."))
        membership.left_at = timezone.now()
        _save(membership, actor, _("left"))
        return membership


# --- standards ------------------------------------------------------------------------------------


def start_standard(*, actor, community: Community, title: str, body: str) -> StandardVersion:
    """A new standard with its first draft (version 1)."""
    with transaction.atomic():
        policy.require(actor, "practice.draft_standard", community)
        standard = Standard(community=community, title=(title or "").strip(), created_by=actor)
        _full_clean(standard)
        _save(standard, actor)
        version = StandardVersion(standard=standard, number=1, body=(body or "").strip(), drafted_by=actor)
        _full_clean(version)
        _save(version, actor)
        return version


def edit_draft(*, actor, version: StandardVersion, body: str) -> StandardVersion:
    with transaction.atomic():
        version = StandardVersion.objects.select_for_update().select_related("standard__community").get(pk=version.pk)
        policy.require(actor, "practice.draft_standard", version)
        if version.status != StandardVersion.Status.DRAFT:
            raise DomainError(_("Only a draft can be changed; start a new version instead."))
        version.body = (body or "").strip()
        _full_clean(version)
        _save(version, actor)
        return version


def new_version(*, actor, standard: Standard) -> StandardVersion:
    """The next version of a standard, starting from the text of the latest one, as a draft."""
    with transaction.atomic():
        standard = Standard.objects.select_for_update().select_related("community").get(pk=standard.pk)
        policy.require(actor, "practice.draft_standard", standard)
        versions = standard.versions.all()
        if versions.filter(status__in=[StandardVersion.Status.DRAFT, StandardVersion.Status.IN_COMMENT]).exists():
            raise DomainError(_("This standard already has a version being drafted or commented on."))
        latest = versions.order_by("-number").first()
        number = (versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = StandardVersion(standard=standard, number=number, body=latest.body if latest else "", drafted_by=actor)
        _save(version, actor)
        return version


def open_for_comment(*, actor, version: StandardVersion) -> StandardVersion:
    with transaction.atomic():
        version = StandardVersion.objects.select_for_update().select_related("standard__community").get(pk=version.pk)
        policy.require(actor, "practice.draft_standard", version)
        if "open_for_comment" not in version.allowed_transitions:
            raise DomainError(_("Only a draft can be opened for comment."))
        version.open_for_comment(by=actor)
        _save(version, actor)
        return version


def comment(*, actor, version: StandardVersion, body: str) -> StandardComment:
    body = (body or "").strip()
    with transaction.atomic():
        policy.require(actor, "practice.comment_standard", version)
        if version.status != StandardVersion.Status.IN_COMMENT:
            raise DomainError(_("This version is not open for comment."))
        if not body:
            raise DomainError(_("Write your comment first."), field="body")
        entry = StandardComment(version=version, author=actor, body=body)
        _full_clean(entry)
        _save(entry, actor)
        return entry


def adopt(*, actor, version: StandardVersion, reference: str) -> StandardVersion:
    """The DPP adopts a version open for comment: it becomes the published text, and the version
    adopted before is superseded. Recorded in the audit trail with the DPP's decision."""
    reference = (reference or "").strip()
    with transaction.atomic():
        policy.require(actor, "practice.adopt_standard", version)
        if not reference:
            raise DomainError(_("Give the DPP's decision that adopts this version."), field="reference")
        version = StandardVersion.objects.select_for_update().select_related("standard__community").get(pk=version.pk)
        if "adopt" not in version.allowed_transitions:
            raise DomainError(_("Only a version open for comment can be adopted."))
        for previous in StandardVersion.objects.select_for_update().filter(
            standard_id=version.standard_id, status=StandardVersion.Status.ADOPTED
        ):
            previous.supersede()
            _save(previous, actor)
        version.adopt(by=actor, reference=reference)
        _full_clean(version)
        _save(version, actor)
        audit.record(
            actor,
            AuditEvent.Action.SENSITIVE_ACTION,
            version,
            summary=f"standard adopted: {version} ({reference})",
            reference=reference,
        )
        return version


# --- personal data --------------------------------------------------------------------------------


def erase_for_user(user, actor) -> str:
    """core.personal_data erase hook: the person's practice fields and community memberships go
    (with their history); comments on standards stay as part of the standard's record, with the
    author's account (which the accounts section anonymises)."""
    person = Person.objects.filter(user=user).first()
    if person is None:
        return "practice: nothing held"
    with transaction.atomic():
        if Community.objects.filter(coordinator=person).exists():
            for community in Community.objects.filter(coordinator=person):
                personal_data.erase(community, actor=actor, coordinator=None)
        fields = list(MemberPracticeField.objects.filter(person=person))
        memberships = list(CommunityMembership.objects.filter(person=person))
        for obj in fields + memberships:
            personal_data.delete(obj)
    return f"practice: {len(fields)} practice fields and {len(memberships)} community memberships deleted"
