import threading

import pytest
from django.conf import settings
from django.db import connection, transaction

from core.models import Counter
from credentials import signing
from credentials.models import Credential, StatusList
from credentials.tests.factories import issue
from credentials.tests.status_list_helpers import bits, entries, verified_list
from regions.models import Province


@pytest.fixture
def small_lists(monkeypatch):
    """Lists of 16 positions (14 taken before the next list opens), so that filling one takes a
    handful of credentials instead of 114,688."""
    monkeypatch.setattr(StatusList, "SIZE", 16)
    assert StatusList.capacity() == 14


def count_as_issued(count: int) -> None:
    """The position count of `count` credentials already issued, without issuing them."""
    Counter.objects.update_or_create(series=signing.POSITIONS_SERIES, defaults={"value": count})


@pytest.mark.django_db
def test_a_list_takes_seven_in_eight_of_its_131072_positions_at_real_size():
    assert StatusList.SIZE == 131072  # the W3C minimum: each list hides its credentials among as many
    assert StatusList.capacity() == 114688


@pytest.mark.django_db
def test_when_a_list_is_full_the_next_credential_goes_to_a_new_list(small_lists):
    first = [issue(number=f"A{n}") for n in range(14)]
    assert {c.status_list_number for c in first} == {1}
    assert len({c.status_list_index for c in first}) == 14
    assert all(0 <= c.status_list_index < 16 for c in first)

    following = issue(number="B")

    assert following.status_list_number == 2
    assert 0 <= following.status_list_index < 16
    assert {purpose: entry["statusListCredential"] for purpose, entry in entries(following).items()} == {
        "revocation": f"{settings.SITE_URL}/credentials/status/revocation/2",
        "suspension": f"{settings.SITE_URL}/credentials/status/suspension/2",
    }
    assert signing.lists_in_use() == 2


@pytest.mark.django_db
def test_at_real_size_a_pre_filled_list_sends_the_next_credential_to_a_new_list_of_full_length(client):
    count_as_issued(StatusList.capacity() - 1)
    last_on_list_1 = issue(number="LAST")
    first_on_list_2 = issue(number="FIRST")

    assert last_on_list_1.status_list_number == 1
    assert first_on_list_2.status_list_number == 2
    assert 0 <= first_on_list_2.status_list_index < 131072
    assert len(bits(verified_list(client, entries(first_on_list_2)["revocation"]["statusListCredential"]))) * 8 == 131072


@pytest.mark.django_db
def test_positions_within_a_list_are_drawn_at_random_not_in_order_of_issue():
    indexes = [issue(number=str(n)).status_list_index for n in range(20)]
    assert len(set(indexes)) == 20
    assert indexes != sorted(indexes)
    assert max(indexes) - min(indexes) > 1000  # spread over the list, not bunched where it started


@pytest.mark.django_db
def test_a_position_already_taken_is_never_drawn_again(small_lists, monkeypatch):
    taken = issue(number="A")
    draws = iter([taken.status_list_index] * 16 + [(taken.status_list_index + 5) % 16] * 16)
    monkeypatch.setattr(signing.secrets, "randbelow", lambda n: next(draws))

    other = issue(number="B")

    assert other.status_list_number == 1
    assert other.status_list_index == (taken.status_list_index + 5) % 16


@pytest.mark.django_db
def test_a_rolled_back_issue_gives_its_position_back(small_lists):
    count_as_issued(13)
    with pytest.raises(RuntimeError), transaction.atomic():
        issue(number="ROLLED-BACK")
        raise RuntimeError("the approval failed after issuing")

    assert issue(number="KEPT").status_list_number == 1  # the 14th position of list 1, not list 2
    assert not Credential.objects.filter(number="ROLLED-BACK").exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_issuers_at_once_never_share_a_position_nor_open_a_list_twice(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("threads need a real server; SQLite test databases live in one connection's memory")
    monkeypatch.setattr(StatusList, "SIZE", 16)
    # A transactional test may start from a flushed database: its own subject and signing key.
    subject, _ = Province.objects.get_or_create(code="32", defaults={"name": "Jawa Barat"})
    signing.current_key()
    results, errors = [], []
    barrier = threading.Barrier(20)

    def issuer(n):
        try:
            barrier.wait()
            results.append(issue(number=f"T{n}", subject=subject))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issuer, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    positions = [(c.status_list_number, c.status_list_index) for c in results]
    assert len(set(positions)) == 20
    assert sorted(n for n, _ in positions) == [1] * 14 + [2] * 6
