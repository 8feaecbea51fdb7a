"""Assemblies: creating one, freezing its roll from the register, corrections, invitations,
attendance at the door, minutes, and past congresses rebuilt from imported lists.

Every function takes the acting user, checks the policy, runs in one transaction and raises a
DomainError (nothing changed) when a rule refuses."""

import datetime
import re
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from accounts import policy
from accounts.notifications import notify
from core.dates import format_id, register_day
from core.errors import DomainError
from registry.models import Category, DuesInvoice, ImportBatch, Member, Person

from .models import Assembly, CorrectionRequest, Kind, RollEntry, VotingRule

BATCH = 2000


def rule_in_force(kind: str, on: datetime.date) -> VotingRule:
    rule = VotingRule.objects.in_force(on).filter(kind=kind).order_by("-valid_from").first()
    if rule is None:
        raise DomainError(
            _("The DPP has set no voting rule for this kind of assembly on %(date)s.") % {"date": format_id(on)},
            field="starts_on",
        )
    return rule


def create_assembly(
    *,
    actor,
    kind: str,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    place: str,
    roll_cutoff: datetime.date | None = None,
    province=None,
    agenda: str = "",
    correction_deadline: datetime.date | None = None,
    recorded_afterwards: bool = False,
) -> Assembly:
    """A Kongres (DPP) or a Musda of one province (its DPD, or the DPP). A past assembly is
    recorded only by the DPP."""
    if kind not in Kind.values:
        raise DomainError(_("Choose Kongres or Musda."), field="kind")
    if kind == Kind.MUSDA and province is None:
        raise DomainError(_("A Musda is the assembly of one province: choose the province."), field="province")
    if kind == Kind.KONGRES:
        province = None
    if ends_on < starts_on:
        raise DomainError(_("The last day is before the first day."), field="ends_on")
    roll_cutoff = roll_cutoff or starts_on
    if roll_cutoff > starts_on:
        raise DomainError(_("The roll cut-off date must not be after the first day."), field="roll_cutoff")
    if correction_deadline and not roll_cutoff <= correction_deadline <= starts_on:
        raise DomainError(_("Corrections must be asked between the cut-off date and the first day."), field="correction_deadline")
    assembly = Assembly(
        kind=kind,
        name=name.strip(),
        province=province,
        starts_on=starts_on,
        ends_on=ends_on,
        place=place.strip(),
        agenda=agenda,
        roll_cutoff=roll_cutoff,
        correction_deadline=None if recorded_afterwards else correction_deadline,
        recorded_afterwards=recorded_afterwards,
        created_by=actor,
    )
    policy.require(actor, "assemblies.record_past_assembly" if recorded_afterwards else "assemblies.manage_assembly", assembly)
    if not recorded_afterwards and ends_on < register_day():
        raise DomainError(_("This assembly is over: record it as a past assembly."), field="ends_on")
    with transaction.atomic():
        assembly.rule = rule_in_force(kind, starts_on)
        assembly._history_user = actor
        assembly.save()
    return assembly


# --- The roll -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    may_attend: bool
    may_vote: bool
    reason: str


def standing_of(rule: VotingRule, *, status: str, category: str, in_arrears: bool) -> Standing:
    """A member's right to attend and to vote under `rule`, from the register's own notions:
    the membership status (suspended and ended are decisions; lapsed follows the dues) and the
    arrears of DuesInvoiceQuerySet.in_arrears on the cut-off date."""
    if status == Member.Status.SUSPENDED:
        return Standing(False, False, _("membership not active (suspended)"))
    if status == Member.Status.ENDED:
        return Standing(False, False, _("membership not active (ended)"))
    if rule.dues_paid_required and (in_arrears or status == Member.Status.LAPSED):
        return Standing(True, False, _("dues not paid up (iuran belum lunas)"))
    if category not in (rule.voting_categories or []):
        label = Category(category).label if category in Category.values else category
        return Standing(True, False, _("%(category)s: attends without a vote") % {"category": label})
    return Standing(True, True, "")


def _members_in_scope(assembly: Assembly):
    members = Member.objects.filter(joined_on__lte=assembly.roll_cutoff).exclude(status=Member.Status.ENDED)
    if assembly.kind == Kind.MUSDA:
        members = members.filter(province_id=assembly.province_id)
    return members


def freeze_roll(actor, assembly: Assembly) -> int:
    """Compute the roll from the register as of the cut-off date and freeze it: every member in
    scope with their right to attend and to vote, and why not. Three queries to read, bulk
    inserts to write; nothing is read per member. Later changes to the register leave it as it
    is. Returns the number of entries."""
    policy.require(actor, "assemblies.manage_assembly", assembly)
    with transaction.atomic():
        assembly = Assembly.objects.select_for_update().get(pk=assembly.pk)
        if assembly.recorded_afterwards:
            raise DomainError(_("A past assembly's roll comes from its imported list."))
        if assembly.roll_frozen:
            raise DomainError(_("The roll was already frozen on %(date)s.") % {"date": format_id(assembly.roll_frozen_at.date())})
        if register_day() < assembly.roll_cutoff:
            raise DomainError(
                _("The roll is frozen from its cut-off date (%(date)s) on.") % {"date": format_id(assembly.roll_cutoff)}
            )
        rule = assembly.rule
        members = _members_in_scope(assembly)
        in_arrears = set(
            DuesInvoice.objects.in_arrears(assembly.roll_cutoff)
            .filter(member__in=members.values("pk"))
            .values_list("member_id", flat=True)
            .distinct()
        )
        entries = []
        count = 0
        rows = members.order_by("pk").values_list("pk", "person_id", "province_id", "status", "category")
        standings: dict[tuple, Standing] = {}
        for member_id, person_id, province_id, status, category in rows.iterator(chunk_size=BATCH):
            key = (status, category, member_id in in_arrears)
            if key not in standings:
                with translation.override("id"):  # the reason is kept as data, in Indonesian
                    standings[key] = standing_of(rule, status=status, category=category, in_arrears=key[2])
            standing = standings[key]
            entries.append(
                RollEntry(
                    assembly=assembly,
                    person_id=person_id,
                    member_id=member_id,
                    province_id=province_id,
                    member_status=status,
                    category=category,
                    may_attend=standing.may_attend,
                    may_vote=standing.may_vote,
                    reason=standing.reason[:255],
                )
            )
            if len(entries) >= BATCH:
                count += _insert(entries, actor)
                entries = []
        count += _insert(entries, actor)
        assembly.roll_frozen_at = timezone.now()
        assembly.roll_frozen_by = actor
        assembly._history_user = actor
        assembly._change_reason = _("roll frozen")
        assembly.save()
    return count


def _insert(entries: list[RollEntry], actor) -> int:
    if entries:
        bulk_create_with_history(entries, RollEntry, batch_size=BATCH, default_user=actor, default_change_reason="roll frozen")
    return len(entries)


@dataclass(frozen=True)
class RollSummary:
    on_roll: int
    may_attend: int
    voters: int
    attending: int
    attending_voters: int
    quorum: int

    @property
    def quorum_reached(self) -> bool:
        return self.voters > 0 and self.attending_voters >= self.quorum


def summary(assembly: Assembly) -> RollSummary:
    """The roll's counts and the quorum, in one query."""
    counts = RollEntry.objects.filter(assembly=assembly).aggregate(
        on_roll=Count("pk"),
        may_attend=Count("pk", filter=Q(may_attend=True)),
        voters=Count("pk", filter=Q(may_vote=True)),
        attending=Count("pk", filter=Q(attended_at__isnull=False)),
        attending_voters=Count("pk", filter=Q(may_vote=True, attended_at__isnull=False)),
    )
    return RollSummary(**counts, quorum=assembly.rule.quorum_for(counts["voters"]))


def delegates_by_province(assembly: Assembly) -> list[dict]:
    """Per DPD: members on the roll, voters, and the delegates the rule gives it."""
    rows = (
        RollEntry.objects.filter(assembly=assembly)
        .values("province_id", "province__name")
        .annotate(on_roll=Count("pk"), voters=Count("pk", filter=Q(may_vote=True)))
        .order_by("province__name")
    )
    return [{**row, "delegates": assembly.rule.delegates_for(row["voters"])} for row in rows]


# --- Corrections -----------------------------------------------------------------------------------


def request_correction(*, actor, entry: RollEntry, statement: str) -> CorrectionRequest:
    """The member asks their DPD to correct their standing, before the assembly's deadline."""
    policy.require(actor, "assemblies.request_correction", entry)
    statement = (statement or "").strip()
    if not statement:
        raise DomainError(_("Say what should be corrected, and why."), field="statement")
    if not entry.assembly.corrections_open(register_day()):
        raise DomainError(_("Corrections to this roll can no longer be asked."))
    with transaction.atomic():
        RollEntry.objects.select_for_update().get(pk=entry.pk)
        if CorrectionRequest.objects.open().filter(entry=entry).exists():
            raise DomainError(_("Your DPD is still deciding your earlier request."))
        request = CorrectionRequest(entry=entry, requested_by=actor, statement=statement[:2000])
        request._history_user = actor
        request.save()
    return request


def decide_correction(
    *, actor, request: CorrectionRequest, grant: bool, reason: str, may_attend: bool = True, may_vote: bool = True
) -> CorrectionRequest:
    """The DPD of the member's province grants (the roll entry takes the standing it decides, with
    the reason) or refuses (with the reason). The member is told either way."""
    policy.require(actor, "assemblies.decide_correction", request)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for the decision: the member reads it."), field="reason")
    with transaction.atomic():
        request = CorrectionRequest.objects.select_for_update(of=("self",)).select_related("entry__assembly").get(pk=request.pk)
        if request.status != CorrectionRequest.Status.SUBMITTED:
            raise DomainError(_("This request has already been decided."))
        entry = request.entry
        if grant:
            request.grant(by=actor, reason=reason)
            entry.may_vote = bool(may_vote)
            entry.may_attend = bool(may_attend) or entry.may_vote
            entry.reason = reason[:255]
            entry._history_user = actor
            entry._change_reason = (_("correction granted: %(reason)s") % {"reason": reason})[:100]
            entry.save()
        else:
            request.refuse(by=actor, reason=reason)
        request._history_user = actor
        request.save()
        user = entry.person.user
        if user is not None:
            with translation.override("id"):
                subject = (
                    _("Your correction request for %(assembly)s was granted")
                    if grant
                    else _("Your correction request for %(assembly)s was refused")
                ) % {"assembly": entry.assembly.name}
                body = _("Decision of your DPD: %(reason)s\nYour standing now: %(standing)s.") % {
                    "reason": reason,
                    "standing": entry.standing,
                }
            notify(user, subject=subject, body=body, url=reverse("assemblies:my_entry", args=[entry.pk]))
    return request


# --- Invitations ------------------------------------------------------------------------------------


def send_invitations(*, actor, assembly: Assembly) -> int:
    """Invite everyone on the roll who may attend, in the inbox and by e-mail, each with their
    personal QR code on the invitation page. Run again, it invites only those not yet invited
    (one notification per person and assembly: the dedupe key). Returns how many were invited."""
    policy.require(actor, "assemblies.manage_assembly", assembly)
    assembly = Assembly.objects.get(pk=assembly.pk)
    if not assembly.roll_frozen or assembly.recorded_afterwards:
        raise DomainError(_("Freeze the roll before sending the invitations."))
    key = f"assemblies:invitation:{assembly.pk}"
    sent = 0
    with translation.override("id"):
        subject = _("Invitation: %(assembly)s") % {"assembly": assembly.name}
    pending = (
        RollEntry.objects.filter(assembly=assembly, may_attend=True, invited_at__isnull=True, person__user__isnull=False)
        .select_related("person__user")
        .order_by("pk")
    )
    while True:
        batch = list(pending[:BATCH])
        if not batch:
            break
        with transaction.atomic():
            for entry in batch:
                with translation.override("id"):
                    body = _(
                        "You are invited to %(assembly)s, %(start)s – %(end)s, %(place)s.\n"
                        "Your standing: %(standing)s.\nShow the QR code on your invitation page at the registration desk."
                    ) % {
                        "assembly": assembly.name,
                        "start": format_id(assembly.starts_on),
                        "end": format_id(assembly.ends_on),
                        "place": assembly.place,
                        "standing": entry.standing,
                    }
                if notify(
                    entry.person.user,
                    subject=subject,
                    body=body,
                    url=reverse("assemblies:my_entry", args=[entry.pk]),
                    dedupe_key=key,
                ):
                    sent += 1
            RollEntry.objects.filter(pk__in=[e.pk for e in batch]).update(invited_at=timezone.now())
    Assembly.objects.filter(pk=assembly.pk, invitations_sent_at__isnull=True).update(invitations_sent_at=timezone.now())
    return sent


# --- Attendance ---------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,40}")


def token_from(scanned: str) -> str:
    """The token in whatever the desk received: the token itself, or the address the QR code
    holds as a phone's camera app or a USB scanner passes it on."""
    text = (scanned or "").strip()
    found = re.search(r"[?&]t=([A-Za-z0-9_-]+)", text) or re.search(r"/([A-Za-z0-9_-]{20,40})/?$", text)
    if found:
        return found.group(1)
    return text if _TOKEN.fullmatch(text) else ""


@dataclass(frozen=True)
class Attendance:
    entry: RollEntry
    already: bool


def record_attendance(*, actor, assembly: Assembly, scanned: str) -> Attendance:
    """Record once that the person holding this invitation is present. A second scan records
    nothing and says when they were recorded."""
    policy.require(actor, "assemblies.record_attendance", assembly)
    token = token_from(scanned)
    if not token:
        raise DomainError(_("This is not an invitation code. Scan the QR code again or type the code."), field="token")
    with transaction.atomic():
        entry = (
            RollEntry.objects.select_for_update(of=("self",))
            .select_related("person", "member", "assembly")
            .filter(assembly=assembly, token=token)
            .first()
        )
        if entry is None:
            raise DomainError(_("No invitation to this assembly has this code."), field="token")
        if entry.attended_at is not None:
            return Attendance(entry, already=True)
        if not entry.may_attend:
            raise DomainError(
                _("%(name)s is on the roll but may not attend: %(reason)s")
                % {"name": entry.person.full_name, "reason": entry.reason},
                field="token",
            )
        entry.attended_at = timezone.now()
        entry.attendance_recorded_by = actor
        entry._history_user = actor
        entry._change_reason = "attendance"
        entry.save()
    return Attendance(entry, already=False)


# --- Minutes ---------------------------------------------------------------------------------------------


def publish_minutes(*, actor, assembly: Assembly, minutes: str, decisions: str, pdf=None, accountability_report_url: str = ""):
    """Publish (or update) the minutes and decisions for the members of the assembly's scope."""
    policy.require(actor, "assemblies.manage_assembly", assembly)
    if not (minutes or "").strip() and not (decisions or "").strip():
        raise DomainError(_("Write the minutes or the decisions."), field="minutes")
    with transaction.atomic():
        assembly = Assembly.objects.select_for_update().get(pk=assembly.pk)
        assembly.minutes = minutes.strip()
        assembly.decisions = decisions.strip()
        if pdf:
            assembly.minutes_pdf = pdf
        if accountability_report_url:
            assembly.accountability_report_url = accountability_report_url.strip()
        assembly.minutes_published_at = timezone.now()
        assembly.minutes_published_by = actor
        assembly._history_user = actor
        assembly._change_reason = _("minutes published")
        assembly.save()
    return assembly


# --- The board's accountability report -------------------------------------------------------------------


def default_report_period(assembly: Assembly) -> tuple[datetime.date, datetime.date]:
    """The board's period: from the first day of the previous assembly of the same kind and
    scope (the one that elected it) to the day before this one; five years back when Peksos
    records no earlier assembly."""
    if assembly.has_report:
        return assembly.report_period_start, assembly.report_period_end  # type: ignore[return-value]
    end = assembly.starts_on - datetime.timedelta(days=1)
    previous = (
        Assembly.objects.filter(kind=assembly.kind, province_id=assembly.province_id, starts_on__lt=assembly.starts_on)
        .order_by("-starts_on")
        .values_list("starts_on", flat=True)
        .first()
    )
    return previous or end.replace(year=end.year - 5, day=min(end.day, 28)), end


def edit_accountability_report(
    *, actor, assembly: Assembly, period_start: datetime.date, period_end: datetime.date, text: str
) -> Assembly:
    """The board sets the period its report covers and writes its own account; Peksos adds the
    figures when the PDF is made. Editable until the assembly's last day, then kept as presented."""
    policy.require(actor, "assemblies.manage_assembly", assembly)
    if period_end < period_start:
        raise DomainError(_("The period ends before it starts."), field="period_end")
    if period_end > assembly.starts_on:
        raise DomainError(_("The report's period must end by the assembly's first day."), field="period_end")
    with transaction.atomic():
        assembly = Assembly.objects.select_for_update().get(pk=assembly.pk)
        if not assembly.report_editable(register_day()):
            raise DomainError(_("The assembly is over: its accountability report stays as it was presented."))
        assembly.report_period_start = period_start
        assembly.report_period_end = period_end
        assembly.report_text = (text or "").strip()
        assembly._history_user = actor
        assembly._change_reason = _("accountability report edited")
        assembly.save()
    return assembly


# --- Past congresses ----------------------------------------------------------------------------------------


def kongres_lists():
    """Imported legacy lists of congress registrants (source kind "kongres"), to build a past
    assembly's roll from."""
    return ImportBatch.objects.filter(status=ImportBatch.Status.IMPORTED, preview_report__source_kind="kongres")


def roll_from_import(*, actor, assembly: Assembly, batch: ImportBatch, attended: bool = True) -> int:
    """Build a past assembly's roll from the people an imported congress list brought into the
    register (their `import_sources` name the list). Run again, it adds only those not yet on
    the roll. Returns how many entries were added."""
    policy.require(actor, "assemblies.record_past_assembly", assembly)
    if not assembly.recorded_afterwards:
        raise DomainError(_("Only a past assembly's roll is taken from an imported list."))
    if batch.source_kind != "kongres" or batch.status != ImportBatch.Status.IMPORTED:
        raise DomainError(_("Choose an imported congress list."), field="batch")
    label = batch.source
    with transaction.atomic():
        assembly = Assembly.objects.select_for_update().get(pk=assembly.pk)
        already = set(RollEntry.objects.filter(assembly=assembly).values_list("person_id", flat=True))
        # The JSON containment lookup is not on SQLite: narrow by text, then match the name exactly.
        candidates = (
            Person.objects.filter(Q(source=label) | Q(import_sources__icontains=label))
            .values_list("pk", "source", "import_sources", "province_id", "member__pk", "member__province_id")
            .order_by("pk")
        )
        attended_at = timezone.make_aware(datetime.datetime.combine(assembly.starts_on, datetime.time(9)))
        with translation.override("id"):
            reason = (_("registered at the congress (list “%(source)s”)") % {"source": label})[:255]
        entries = []
        for person_id, source, sources, province_id, member_id, member_province_id in candidates.iterator(chunk_size=BATCH):
            if person_id in already or (source != label and label not in (sources or [])):
                continue
            entries.append(
                RollEntry(
                    assembly=assembly,
                    person_id=person_id,
                    member_id=member_id,
                    province_id=member_province_id or province_id,
                    may_attend=True,
                    may_vote=True,
                    reason=reason,
                    source=RollEntry.Source.IMPORT,
                    attended_at=attended_at if attended else None,
                )
            )
        _insert(entries, actor)
        assembly.roll_source = label[:100]
        assembly.roll_frozen_at = assembly.roll_frozen_at or timezone.now()
        assembly.roll_frozen_by = assembly.roll_frozen_by or actor
        assembly._history_user = actor
        assembly._change_reason = _("roll taken from an imported list")
        assembly.save()
    return len(entries)


# --- Personal data -----------------------------------------------------------------------------------------


def export_for_user(user) -> dict | None:
    """core.personal_data section: the rolls the person is on, their standing and attendance,
    and their correction requests."""
    person = getattr(user, "person", None) if user is not None else None
    if person is None:
        return None
    entries = list(RollEntry.objects.filter(person=person).select_related("assembly").prefetch_related("corrections"))
    if not entries:
        return None
    return {
        "rolls": [
            {
                "assembly": e.assembly.name,
                "starts_on": e.assembly.starts_on,
                "may_attend": e.may_attend,
                "may_vote": e.may_vote,
                "reason": e.reason,
                "invited_at": e.invited_at,
                "attended_at": e.attended_at,
                "corrections": [
                    {
                        "submitted_at": c.created_at,
                        "statement": c.statement,
                        "status": c.status,
                        "decided_at": c.decided_at,
                        "reason": c.decision_reason,
                    }
                    for c in e.corrections.all()
                ],
            }
            for e in entries
        ]
    }


def erase_for_user(user, actor) -> str:
    """core.personal_data erase hook. A correction request's own words go (also from the change
    history); the roll entries stay: they are the association's record of who could vote and
    who came, and name no one once the registry has anonymised the person."""
    from core import personal_data

    person = getattr(user, "person", None) if user is not None else None
    if person is None:
        return ""
    requests = list(CorrectionRequest.objects.filter(entry__person=person))
    if not requests and not RollEntry.objects.filter(person=person).exists():
        return ""
    with transaction.atomic():
        for request in requests:
            personal_data.erase(request, actor=actor, statement="")
    return _(
        "Assemblies: correction requests erased, also from the change history; roll entries kept as the association's record."
    )
