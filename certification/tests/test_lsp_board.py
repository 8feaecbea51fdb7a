import datetime

import pytest

from accounts.tests.factories import sign_in_with_second_factor
from certification.models import Constituency, LspSeat
from certification.tests.factories import LSPFactory

pytestmark = pytest.mark.django_db
SEATS_2009 = {
    Constituency.PROFESSIONAL_ASSOCIATION: 4,
    Constituency.EDUCATION_ASSOCIATION: 3,
    Constituency.LKS_ASSOCIATION: 2,
    Constituency.COORDINATING_BODY: 1,
    Constituency.MINISTRY: 1,
}


def board(lsp, seats, start=datetime.date(2012, 1, 1), end=None):
    for constituency, count in seats.items():
        for i in range(count):
            LspSeat.objects.create(
                lsp=lsp, constituency=constituency, member_name=f"{constituency} {i}", term_start=start, term_end=end
            )


def test_a_board_of_4_3_2_1_1_meets_permensos_108_huk_2009():
    lsp = LSPFactory()
    board(lsp, SEATS_2009)
    assert lsp.composition_warnings(datetime.date(2015, 6, 1)) == []


def test_after_permensos_15_2020_the_same_board_lacks_the_practitioner_element():
    lsp = LSPFactory()
    board(lsp, SEATS_2009)
    warnings = lsp.composition_warnings(datetime.date(2022, 6, 1))
    assert len(warnings) == 1 and "praktisi" in warnings[0] and "15/2020" in warnings[0]


def test_a_missing_seat_and_an_expired_term_are_warned_about():
    lsp = LSPFactory()
    seats = dict(SEATS_2009)
    seats[Constituency.PROFESSIONAL_ASSOCIATION] = 3
    board(lsp, seats, start=datetime.date(2010, 1, 1))
    LspSeat.objects.create(
        lsp=lsp,
        constituency=Constituency.PROFESSIONAL_ASSOCIATION,
        member_name="lama",
        term_start=datetime.date(2010, 1, 1),
        term_end=datetime.date(2012, 12, 31),
    )
    warnings = lsp.composition_warnings(datetime.date(2015, 6, 1))
    assert warnings == [warnings[0]] and "3 dari 4" in warnings[0]
    assert lsp.composition_warnings(datetime.date(2011, 6, 1)) == []


def test_an_officer_appoints_a_practitioner_through_the_page_and_the_warning_goes(client):
    from django.urls import reverse

    from certification.tests.factories import lsp_officer

    lsp = LSPFactory()
    today = datetime.date.today()
    board(lsp, SEATS_2009, start=datetime.date(today.year - 1, 1, 1))
    sign_in_with_second_factor(client, lsp_officer(lsp))
    url = reverse("certification:scheme_list")
    assert "praktisi" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "action": "seat",
            "lsp": lsp.pk,
            "constituency": "practitioner",
            "member_name": "Dewi Praktisi",
            "nominated_by": "IPSPI",
            "term_start": today.isoformat(),
            "term_end": "",
        },
    )
    assert response.status_code == 302
    assert lsp.composition_warnings(today) == []
    seat = LspSeat.objects.get(member_name="Dewi Praktisi")
    client.post(url, {"action": "end_seat", "lsp": lsp.pk, "seat": seat.pk})
    seat.refresh_from_db()
    assert seat.term_end == today and LspSeat.objects.filter(pk=seat.pk).exists()


def test_another_lsps_officer_cannot_change_this_board(client):
    from django.urls import reverse

    from certification.tests.factories import lsp_officer

    lsp = LSPFactory()
    sign_in_with_second_factor(client, lsp_officer(LSPFactory()))
    response = client.post(
        reverse("certification:scheme_list"),
        {"action": "seat", "lsp": lsp.pk, "constituency": "practitioner", "member_name": "X", "term_start": "2024-01-01"},
    )
    assert response.status_code == 404
    assert not LspSeat.objects.exists()
