"""The DPD directory: each IPSPI provincial board keeps its own contact on the public portal."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts import policy
from accounts.roles import Role
from core.errors import DomainError

from .models import DpdContact

CONTACT_FIELDS = ("office", "address", "phone", "email", "office_hours", "chair")


def update_dpd_contact(*, actor, contact: DpdContact, changes: dict[str, str]) -> DpdContact:
    """Record a province's contact. Saved by the province's DPD, it is the DPD's own and the portal
    shows it instead of the DPP's; saved by the DPP, it keeps its standing. The change and its
    author go to the history."""
    policy.require(actor, "portal.edit_dpd_contact", contact)
    unknown = set(changes) - set(CONTACT_FIELDS)
    if unknown:
        raise DomainError(_("These fields cannot be changed here: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    values = {name: (changes.get(name, getattr(contact, name)) or "").strip() for name in CONTACT_FIELDS}
    if not values["office"] or not values["address"]:
        raise DomainError(_("Give the office name and its address."), field="office")
    if not values["phone"] and not values["email"]:
        raise DomainError(_("Give at least a phone number or an e-mail address."), field="phone")
    with transaction.atomic():
        contact = DpdContact.objects.select_for_update().get(pk=contact.pk)
        for name, value in values.items():
            setattr(contact, name, value)
        by_dpd = contact.province_id in policy.provinces_where(actor, Role.DPD_OFFICER)
        if by_dpd:
            contact.is_national_office = False
        try:
            contact.full_clean()
        except ValidationError as exc:
            field, messages = next(iter(exc.message_dict.items()))
            raise DomainError(messages[0], field=field) from None
        contact._history_user = actor
        contact._change_reason = gettext_noop("contact kept by the DPD") if by_dpd else gettext_noop("contact kept by the DPP")
        contact.save()
    return contact
