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
    return _matched(number, nik_text, by_number, by_nik)


def _matched(number: str, nik_text: str, by_number: Person | None, by_nik: Person | None) -> Person:
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


class Holders:
    """`find_holder` for the rows of one chunk of an import, with their people loaded in two
    queries (by member number, by NIK) instead of two per row. Same answers, same reasons."""

    def __init__(self):
        self.by_number: dict[str, Person] = {}
        self.by_nik: dict[str, Person] = {}

    def load(self, rows: list[dict]) -> None:
        numbers = {cell_text(raw.get("nomor_anggota"), 40) for raw in rows} - {""}
        niks = {normalise_nik(cell_text(raw.get("nik"), 40)) for raw in rows} - {""}
        self.by_number = {
            member.number: member.person
            for member in Member.objects.select_related("person__province").filter(number__in=numbers)
        }
        self.by_nik = {person.nik: person for person in Person.objects.select_related("province").filter(nik__in=niks)}

    def find(self, member_number, nik) -> Person:
        number = cell_text(member_number, 40)
        nik_text = normalise_nik(cell_text(nik, 40))
        by_number = self.by_number.get(number) if number else None
        by_nik = self.by_nik.get(nik_text) if nik_text else None
        return _matched(number, nik_text, by_number, by_nik)
