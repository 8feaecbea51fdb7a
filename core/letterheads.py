"""Who issues a document, and who signs it: the letterhead and the signatory of each issuing body.

Each domain app registers its issuing bodies in its AppConfig.ready() (IPSPI DPP in registry,
each LSP in certification, each licensing authority in licensing, BALKS in accreditation), with
the permission that lets an officer keep that body's letterhead (declared in the app's rules.py).
Core knows nothing of the apps above it: a body is a key ("lsp:3"), a default name and the record
the permission is asked about.

Documents read `issuer_block(key, on=day)`: the letterhead as the body keeps it, and the
signatory who held the post on the document's date. A body that has not yet filled in its
letterhead still prints its registered name, and a document without a signatory says so rather
than printing an empty signature line that looks like a forgery waiting to happen.
"""

import base64
import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .dates import format_id
from .errors import DomainError


@dataclass(frozen=True)
class IssuingBody:
    key: str
    name: str
    perm: str  # the permission to keep its letterhead and signatory
    obj: object | None = None  # what the permission is asked about (None for a national body)
    parent_name: str = ""
    place: str = "Jakarta"


# The consortium itself: the controller of the personal data Peksos holds, and the issuer of
# reports that span several bodies. Its letterhead is kept like any other once registered.
CONSORTIUM = "kpsi"
CONSORTIUM_NAME = "Konsorsium Pekerjaan Sosial Indonesia (KPSI)"

_SOURCES: dict[str, Callable[[], Iterable[IssuingBody]]] = {}
_PERMS: dict[str, str] = {}


def register(kind: str, source: Callable[[], Iterable[IssuingBody]], perm: str) -> None:
    """`source()` lists the bodies of one kind ("lsp", "authority", ...); `perm`, asked without
    a body, says whether a user keeps the letterhead of any of them (the menu asks that)."""
    _SOURCES[kind] = source
    _PERMS[kind] = perm


def may_keep_any(user) -> bool:
    from accounts import policy

    return any(policy.allows(user, perm) for perm in _PERMS.values())


def all_bodies() -> list[IssuingBody]:
    return [body for kind in sorted(_SOURCES) for body in _SOURCES[kind]()]


def body(key: str) -> IssuingBody | None:
    kind = key.split(":", 1)[0]
    source = _SOURCES.get(kind)
    if source is None:
        return None
    return next((b for b in source() if b.key == key), None)


def kept_by(user) -> list[IssuingBody]:
    """The bodies whose letterhead this user keeps."""
    from accounts import policy

    return [
        b
        for kind in sorted(_SOURCES)
        if policy.allows(user, _PERMS[kind])
        for b in _SOURCES[kind]()
        if policy.allows(user, b.perm, b.obj)
    ]


def _logo_data_uri(profile) -> str:
    if not profile or not profile.logo:
        return ""
    from . import files

    try:
        with profile.logo.open("rb") as handle:
            kind = files.content_type(handle)
            content = handle.read()
    except (FileNotFoundError, OSError):
        return ""
    if not kind.startswith("image/"):
        return ""
    return f"data:{kind};base64,{base64.b64encode(content).decode()}"


def issuer_block(key: str, *, on: datetime.date | None = None, name: str = "", parent_name: str = "") -> dict:
    """What the shared document layout prints for an issuing body on a day: name, parent body,
    address, logo, place of signing and the signatory in office that day."""
    from .models import IssuerProfile, Signatory

    on = on or timezone.localdate()
    registered = body(key)
    profile = IssuerProfile.objects.filter(issuer=key).first()
    signatory = Signatory.objects.filter(issuer=key).in_force(on).order_by("-valid_from").first()
    return {
        "key": key,
        "name": (profile.name if profile else "") or name or (registered.name if registered else key),
        "parent_name": (profile.parent_name if profile else "") or parent_name or (registered.parent_name if registered else ""),
        "address": profile.address if profile else "",
        "contact": profile.contact if profile else "",
        "place": (profile.place if profile else "") or (registered.place if registered else ""),
        "logo": _logo_data_uri(profile),
        "signatory": signatory,
        "signed_on": on,
    }


def _require(actor, key: str) -> IssuingBody:
    from accounts import policy

    found = body(key)
    if found is None or not policy.allows(actor, found.perm, found.obj):
        raise DomainError(_("You do not keep the letterhead of this issuing body."))
    return found


def keep_letterhead(*, actor, key: str, name: str, parent_name: str, address: str, contact: str, place: str, logo=None):
    """Save the body's letterhead as its officer writes it (the old one stays in its history)."""
    from .models import IssuerProfile

    _require(actor, key)
    with transaction.atomic():
        profile = IssuerProfile.objects.select_for_update().filter(issuer=key).first() or IssuerProfile(issuer=key)
        profile.name, profile.parent_name, profile.address = name.strip(), parent_name.strip(), address.strip()
        profile.contact, profile.place, profile.updated_by = contact.strip(), place.strip(), actor
        if logo:
            profile.logo = logo
        profile.save()
    return profile


def appoint_signatory(*, actor, key: str, name: str, position: str, identifier: str, valid_from: datetime.date):
    """A new signatory from a day on. Whoever signed before stops the day before; a signatory
    appointed for a later day is not overwritten but ended too, so the posts never overlap."""
    from .models import Signatory

    _require(actor, key)
    if not name.strip() or not position.strip():
        raise DomainError(_("A signatory needs a name and a position."))
    with transaction.atomic():
        earlier = list(Signatory.objects.select_for_update().filter(issuer=key).order_by("valid_from"))
        for previous in earlier:
            if previous.valid_from >= valid_from:
                raise DomainError(
                    _("%(name)s already signs from %(day)s: a new signatory must start after that.")
                    % {"name": previous.name, "day": format_id(previous.valid_from)}
                )
        for previous in earlier:
            if previous.valid_until is None or previous.valid_until >= valid_from:
                previous.valid_until = valid_from - datetime.timedelta(days=1)
                previous.save(update_fields=["valid_until"])
        return Signatory.objects.create(
            issuer=key,
            name=name.strip(),
            position=position.strip(),
            identifier=identifier.strip(),
            valid_from=valid_from,
            recorded_by=actor,
        )


def consortium(on: datetime.date | None = None) -> dict:
    return issuer_block(CONSORTIUM, on=on, name=CONSORTIUM_NAME)


def demo_logo(initials: str, colour: str) -> bytes:
    """A plain round seal with the body's initials (demo data only: real bodies upload theirs)."""
    import io

    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGBA", (240, 240), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, 236, 236), fill=colour, outline="#ffffff", width=6)
    draw.ellipse((22, 22, 218, 218), outline="#ffffff", width=3)
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont
    try:
        font = ImageFont.truetype("DejaVuSans-Bold.ttf", 64 if len(initials) <= 3 else 44)
    except OSError:
        font = ImageFont.load_default()
    draw.text((120, 120), initials, fill="#ffffff", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def seed_demo(
    key: str,
    *,
    name: str,
    parent_name: str,
    address: str,
    contact: str,
    place: str,
    initials: str,
    colour: str,
    signatory: tuple[str, str, str],
    since: datetime.date,
) -> None:
    """A demo body's letterhead and signatory, once (a second seeding leaves them as kept)."""
    from django.core.files.base import ContentFile

    from .models import IssuerProfile, Signatory

    if not IssuerProfile.objects.filter(issuer=key).exists():
        profile = IssuerProfile(issuer=key, name=name, parent_name=parent_name, address=address, contact=contact, place=place)
        profile.logo.save(f"{key.replace(':', '-')}.png", ContentFile(demo_logo(initials, colour)), save=False)
        profile.save()
    if not Signatory.objects.filter(issuer=key).exists():
        person, position, identifier = signatory
        Signatory.objects.create(issuer=key, name=person, position=position, identifier=identifier, valid_from=since)
