"""Finding the person an imported record belongs to: by IPSPI member number, or else by NIK, as
the lists of the consortium's bodies identify people."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.importing import RowRejected, cell_text
from regions.nik import normalise_nik

from .models import Member, Person


def find_holder(member_number, nik) -> Person:
    """The person a row names. Raises RowRejected (field, reason) when nobody or two different
    people match: an imported record must never land on the wrong person."""
    number = cell_text(member_number, 40)
    nik_text = normalise_nik(cell_text(nik, 40))
    by_number = None
    if number:
        member = Member.objects.select_related("person").filter(number=number).first()
        by_number = member.person if member else None
    by_nik = Person.objects.filter(nik=nik_text).first() if nik_text else None
    if by_number and by_nik and by_number.pk != by_nik.pk:
        raise RowRejected(
            "nik",
            _("Member number %(number)s belongs to another person than NIK %(nik)s.") % {"number": number, "nik": nik_text},
        )
    person = by_number or by_nik
    if person is None:
        if not number and not nik_text:
            raise RowRejected("nomor_anggota", _("Give the holder's member number (nomor_anggota) or NIK."))
        raise RowRejected(
            "nomor_anggota" if number else "nik",
            _("No one in the register has member number %(number)s or NIK %(nik)s.")
            % {"number": number or "—", "nik": nik_text or "—"},
        )
    return person
