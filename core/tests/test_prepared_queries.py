import datetime

import pytest

from core.prepared import PreparedQuery
from credentials.models import Credential
from credentials.tests.factories import issue


def by_number(number):
    return Credential.objects.filter(number=number).values_list("number", "valid_from", "valid_until", "claims", "status")


@pytest.mark.django_db
def test_a_prepared_query_returns_what_the_orm_returns_for_each_new_value():
    first = issue(number="LSPS.001", valid_until=datetime.date(2030, 1, 1))
    second = issue(number="LSPS.002")
    query = PreparedQuery(Credential, by_number, str)
    for credential in (first, second):
        assert query.rows(credential.number) == list(by_number(credential.number))
    [(_number, valid_from, valid_until, claims, _status)] = query.rows("LSPS.001")
    assert isinstance(valid_from, datetime.date) and valid_until == datetime.date(2030, 1, 1) and isinstance(claims, dict)
    assert query.rows("LSPS.404") == []


@pytest.mark.django_db
def test_a_changed_row_is_read_again_not_remembered():
    credential = issue(number="LSPS.003")
    query = PreparedQuery(Credential, by_number, str)
    assert query.rows("LSPS.003")[0][-1] == "valid"
    Credential.objects.filter(pk=credential.pk).update(status=Credential.Status.REVOKED)
    assert query.rows("LSPS.003")[0][-1] == "revoked"


@pytest.mark.django_db
def test_a_value_the_orm_would_rewrite_cannot_be_a_parameter():
    query = PreparedQuery(Credential, lambda number: Credential.objects.filter(number__contains=number).values_list("number"), str)
    with pytest.raises(ValueError, match="did not reach the SQL unchanged"):
        query.rows("LSPS")


@pytest.mark.django_db
def test_the_verification_look_up_leaves_the_signed_form_unread(django_assert_num_queries):
    credential = issue(number="LSPS.004")
    with django_assert_num_queries(1):
        found = Credential.for_verification(credential.public_id)
    assert (found.pk, found.number, found.holder_name, found.valid_from) == (credential.pk, "LSPS.004", credential.holder_name, credential.valid_from)
    assert "jwt" in found.get_deferred_fields()
    assert Credential.for_verification("no-such-id") is None
