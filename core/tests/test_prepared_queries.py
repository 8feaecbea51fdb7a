import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from core.prepared import PreparedLeftJoin, PreparedQuery
from credentials.models import Credential
from credentials.services import issue_credential
from credentials.tests.factories import issue
from regions.models import Province


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
    query = PreparedQuery(
        Credential, lambda number: Credential.objects.filter(number__contains=number).values_list("number"), str
    )
    with pytest.raises(ValueError, match="did not reach the SQL unchanged"):
        query.rows("LSPS")


@pytest.mark.django_db
def test_the_driver_path_returns_what_the_recorded_path_returns(django_assert_num_queries):
    from django.db import connection

    issue(number="LSPS.005", valid_until=datetime.date(2031, 5, 6))
    query = PreparedQuery(Credential, by_number, str)
    assert not connection.queries_logged and not connection.execute_wrappers
    direct = query.rows("LSPS.005")
    with django_assert_num_queries(1):  # recorded: through Django's cursor
        recorded = query.rows("LSPS.005")
    assert direct == recorded == list(by_number("LSPS.005"))


@pytest.mark.django_db
def test_a_driver_error_reaches_the_caller_as_a_django_database_error(monkeypatch):
    from django.db import DatabaseError, connection

    query = PreparedQuery(Credential, by_number, str)
    query.rows("LSPS.006")  # compiled
    compiled = query._compiled[connection.alias]
    query._compiled[connection.alias] = (compiled[0], "SELECT no_such_column FROM no_such_table", *compiled[2:])
    with pytest.raises(DatabaseError):
        query.rows("LSPS.006")


@pytest.mark.django_db
def test_the_driver_path_refuses_to_run_in_a_broken_transaction():
    from django.db import DatabaseError, IntegrityError, transaction
    from django.db.transaction import TransactionManagementError

    credential = issue(number="LSPS.007")
    query = PreparedQuery(Credential, by_number, str)
    with transaction.atomic():
        try:
            Credential.objects.create(
                **{f.attname: getattr(credential, f.attname) for f in Credential._meta.concrete_fields if f.attname != "id"}
            )
        except (IntegrityError, DatabaseError):
            pass
        else:
            pytest.fail("a duplicate credential was accepted")
        with pytest.raises(TransactionManagementError):
            query.rows("LSPS.007")


def _held(province_code, number, valid_until=None):
    holder = Province.objects.get(code=province_code)
    return issue_credential(
        actor=None,
        kind=Credential.Kind.CERTIFICATE,
        subject=holder,
        holder=holder,
        number=number,
        holder_name="Siti",
        issuer_name="LSP Pekerja Sosial",
        valid_from=datetime.date(2025, 1, 1),
        valid_until=valid_until,
        claims={},
    )


def _credential_by_number(number):
    return Credential.objects.filter(number=number).values_list("number", "holder_id")


def _held_by_holders_of(type_id):
    return Credential.objects.filter(holder_type_id=type_id).values_list("number", "holder_id", "valid_until")


def _held_beside_a_number():
    return PreparedLeftJoin(
        PreparedQuery(Credential, _credential_by_number, str),
        PreparedQuery(Credential, _held_by_holders_of, int),
        on=("holder_id", "holder_id"),
    )


@pytest.mark.django_db
def test_a_left_join_reads_in_one_statement_what_the_two_queries_read_one_after_the_other(django_assert_num_queries):
    first = _held("32", "LSPS.101", valid_until=datetime.date(2030, 1, 1))
    _held("32", "LSPS.102")
    _held("33", "LSPS.201")
    type_id = ContentType.objects.get_for_model(Province).pk
    join = _held_beside_a_number()
    with django_assert_num_queries(1):
        left, right = join.rows(("LSPS.101",), (type_id,), convert=True)
    assert left == [("LSPS.101", first.holder_id)]  # once, though two rows of the right stand beside it
    assert sorted(right) == [("LSPS.101", first.holder_id, datetime.date(2030, 1, 1)), ("LSPS.102", first.holder_id, None)]
    # Unconverted, the right's rows are what that query alone gives the driver; convert() makes them the ORM's.
    _left, raw = join.rows(("LSPS.101",), (type_id,))
    assert (
        sorted(join.right.convert(raw)) == sorted(right) == sorted(_held_by_holders_of(type_id).filter(holder_id=first.holder_id))
    )
    assert join.rows(("LSPS.404",), (type_id,)) == ([], [])


@pytest.mark.django_db
def test_a_row_of_the_left_without_any_beside_it_still_comes():
    lone = issue(number="LSPS.301")  # held by no one: nothing of the right matches
    assert lone.holder_id is None
    left, right = _held_beside_a_number().rows(("LSPS.301",), (ContentType.objects.get_for_model(Province).pk,))
    assert (left, right) == ([("LSPS.301", None)], [])
