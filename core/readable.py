"""A person's data export as a document they can read: each key under the label its field carries
in the models (`nik` → "NIK", `full_name` → "Nama lengkap"), each code under its display value
(`open` → "belum dibayar", `biasa` → "anggota biasa"), yes/no for booleans and dates as
Indonesians write them (English months on English pages).

The JSON download keeps the keys and codes (a machine reads it); the PDF reads this. Labels come
from the models' own verbose names and choices, so a field added to an export is labelled the day
it is added, without a second list to keep in step."""

import datetime
import re
from functools import lru_cache

from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import dates, money

# Keys of exports that are not model fields (or whose field's name says less than this).
EXTRA_LABELS = {
    "nik": gettext_lazy("NIK"),
    "generated_at": gettext_lazy("Generated at"),
    "account": gettext_lazy("Account"),
    "roles": gettext_lazy("Roles"),
    "role": gettext_lazy("Role"),
    "scope": gettext_lazy("Scope"),
    "starts_on": gettext_lazy("From"),
    "ends_on": gettext_lazy("Until"),
    "consents": gettext_lazy("Consents"),
    "profile": gettext_lazy("Profile"),
    "education": gettext_lazy("Education"),
    "work_experience": gettext_lazy("Work experience"),
    "trainings": gettext_lazy("Trainings"),
    "applications": gettext_lazy("Applications"),
    "membership": gettext_lazy("Membership"),
    "dues": gettext_lazy("Dues"),
    "payments": gettext_lazy("Payments"),
    "transfers": gettext_lazy("Transfers between provinces"),
    "from": gettext_lazy("From"),
    "to": gettext_lazy("To"),
    "claimed": gettext_lazy("Record claimed by you"),
    "imported_from": gettext_lazy("Imported from"),
    "verification_url": gettext_lazy("Verification address"),
    "registry": gettext_lazy("IPSPI member register"),
    "certification": gettext_lazy("Competency certification"),
    "licensing": gettext_lazy("STR and practice licences"),
    "accreditation": gettext_lazy("Accreditation"),
    "credentials": gettext_lazy("Credentials"),
    "accounts": gettext_lazy("Account"),
    # Names several models use for different things: the plain word, not one model's label.
    "number": gettext_lazy("Number"),
    "status": gettext_lazy("Status"),
    "reason": gettext_lazy("Reason"),
    "province": gettext_lazy("Province"),
    "regency": gettext_lazy("Regency/city"),
    "year": gettext_lazy("Year"),
    "title": gettext_lazy("Title"),
    "name": gettext_lazy("Name"),
    "email": gettext_lazy("E-mail"),
    "amount": gettext_lazy("Amount"),
    "category": gettext_lazy("Category"),
    "source": gettext_lazy("Source"),
    # Lists and sections of the other apps' exports (accounts, certification, licensing, practice,
    # ethics, assemblies): their keys are plural or not a field of any model.
    "data_requests": gettext_lazy("Data requests"),
    "notifications": gettext_lazy("Notifications"),
    "sign_ins": gettext_lazy("Sign-ins"),
    "certificates": gettext_lazy("Certificates"),
    "assessor_registrations": gettext_lazy("Assessor registrations"),
    "str_applications": gettext_lazy("STR applications"),
    "strs": gettext_lazy("STRs"),
    "licence_applications": gettext_lazy("Licence applications"),
    "licences": gettext_lazy("Licences"),
    "renews": gettext_lazy("Renews"),
    "practice": gettext_lazy("Practice"),
    "practice_fields": gettext_lazy("Practice fields"),
    "main": gettext_lazy("Main field"),
    "years": gettext_lazy("Years of experience"),
    "communities": gettext_lazy("Communities"),
    "community": gettext_lazy("Community"),
    "coordinator_of": gettext_lazy("Coordinator of"),
    "comments_on_standards": gettext_lazy("Comments on standards"),
    "comment": gettext_lazy("Comment"),
    "standard": gettext_lazy("Standard"),
    "at": gettext_lazy("At"),
    "ethics": gettext_lazy("Ethics"),
    "ethics_complaints": gettext_lazy("Ethics complaints"),
    "appeal_decision": gettext_lazy("Appeal decision"),
    "assemblies": gettext_lazy("Assemblies"),
    "rolls": gettext_lazy("Rolls"),
    "corrections": gettext_lazy("Corrections"),
    "cpd_activities": gettext_lazy("CPD activities recorded"),
    "activity": gettext_lazy("Activity"),
    "date": gettext_lazy("Date"),
    # Field names that mean different things in different models (a letterhead's "place" is
    # where it is signed, a licence's is where its holder practises): the plain word.
    "place": gettext_lazy("Place"),
    "reference": gettext_lazy("Reference"),
    # A stored file, as core.files.described tells it (never its storage name).
    "attached": gettext_lazy("File attached"),
    "file_format": gettext_lazy("File type"),
    "file_size": gettext_lazy("File size"),
    "uploaded_on": gettext_lazy("Uploaded on"),
    "file": gettext_lazy("File"),
}

# Values that are codes of one field rather than choices of it.
VALUE_LABELS = {
    ("source", "self"): gettext_lazy("registered through Peksos by the person"),  # as Person.source_display says it
}


def _is_year(key: str) -> bool:
    return key == "year" or key.endswith("_year")


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[dict, dict]:
    """field name → verbose name, and field name → {code: display}, over Peksos's own models."""
    labels: dict[str, object] = {}  # verbose names kept lazy: read in the language of each call
    choices: dict[str, dict] = {}
    for model in apps.get_models():
        config = apps.get_app_config(model._meta.app_label)
        if not str(config.path).startswith(str(settings.BASE_DIR)) or ".venv" in str(config.path):
            continue
        if model.__name__.startswith("Historical"):
            continue
        for field in model._meta.get_fields():
            if not hasattr(field, "verbose_name") or field.auto_created and not field.concrete:
                continue
            labels.setdefault(field.name, field.verbose_name)  # lazy: read in the language of each call
            if getattr(field, "choices", None):
                codes = choices.setdefault(field.name, {})
                for code, label in getattr(field, "flatchoices", ()):
                    codes.setdefault(str(code), label)
    return labels, choices


def is_labelled(key: str) -> bool:
    """Whether the key has a label of its own (not one guessed from the key's spelling)."""
    return key in EXTRA_LABELS or key in _vocabulary()[0]


def label(key: str) -> str:
    if key in EXTRA_LABELS:
        return str(EXTRA_LABELS[key])
    labels, _choices = _vocabulary()
    if key in labels:
        text = str(labels[key])
        return text[:1].upper() + text[1:]
    return key.replace("_", " ").capitalize()


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def display(key: str, value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return f"{dates.format_local(value.date())} {value:%H:%M}"
    if isinstance(value, datetime.date):
        return dates.format_local(value)
    if isinstance(value, int) and key in ("amount", "paid_total", "fee"):
        return money.format_rupiah(value)
    if isinstance(value, int) and key == "file_size":
        return _file_size(value)
    if isinstance(value, int) and _is_year(key):
        return str(value)  # a year, not a quantity: 2014, never 2.014
    if isinstance(value, int | float):
        return money.format_number(value)
    text = str(value)
    if _ISO_DATETIME.match(text):
        try:
            moment = datetime.datetime.fromisoformat(text)
        except ValueError:
            return text
        from django.utils import timezone

        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return f"{dates.format_local(moment.date())} {moment:%H:%M}"
    if _ISO_DATE.match(text):
        try:
            return dates.format_local(datetime.date.fromisoformat(text))
        except ValueError:
            return text
    if (key, text) in VALUE_LABELS:
        return str(VALUE_LABELS[(key, text)])
    _labels, choices = _vocabulary()
    if key in choices and text in choices[key]:
        return str(choices[key][text])
    return text


def _file_size(size: int) -> str:
    """120 KB, 1,2 MB: as a person reads a file's size (Indonesian decimals in both languages,
    as every number Peksos prints)."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{money.format_number(round(size / 1024))} KB"
    return f"{money.format_number(round(size / 1_048_576, 1), 1)} MB"


FILE_FACTS = frozenset({"attached", "file_format", "file_size", "uploaded_on"})


def _is_file(value: dict) -> bool:
    return "attached" in value and set(value) <= FILE_FACTS


def _file_text(facts: dict) -> str:
    """One line for a stored file (core.files.described): "berkas terlampir (PDF, 120 KB),
    diunggah 7 Desember 2026"."""
    details = ", ".join(
        text
        for text in (facts.get("file_format") or "", _file_size(facts["file_size"]) if facts.get("file_size") else "")
        if text
    )
    text = _("file attached") + (f" ({details})" if details else "")
    if facts.get("uploaded_on"):
        text = _("%(file)s, uploaded on %(date)s") % {"file": text, "date": display("uploaded_on", facts["uploaded_on"])}
    return text


def readable(data: dict) -> list[dict]:
    """Rows `{"label", "value"}`, groups `{"label", "rows"}` and lists `{"label", "entries": [rows]}`.
    A stored file reads as one row under the document's own label (core.files.described)."""
    rows: list[dict] = []
    for key, value in data.items():
        if isinstance(value, dict) and _is_file(value):
            rows.append({"label": label(key), "value": _file_text(value)})
        elif isinstance(value, dict):
            rows.append({"label": label(key), "rows": readable(value)})
        elif isinstance(value, list | tuple):
            if all(not isinstance(item, dict | list | tuple) for item in value):
                rows.append({"label": label(key), "value": ", ".join(display(key, item) for item in value) or "—"})
            else:
                items = [
                    readable(item) if isinstance(item, dict) else [{"label": "", "value": display(key, item)}] for item in value
                ]
                rows.append({"label": label(key), "entries": items})
        else:
            rows.append({"label": label(key), "value": display(key, value)})
    return rows
