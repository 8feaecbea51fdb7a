"""Migration 0008 adds the one-waiting-application constraints to a register that may already
hold duplicates: it keeps the earliest waiting application of each person and authority, closes
the later ones with a reason (in their history too) and deletes nothing, so the constraint can
be created."""

import importlib

import pytest
from django.apps import apps
from django.db import connection

from licensing.models import LicenceApplication, StrApplication
from licensing.tests.factories import certified_person, pdf
from licensing.tests.test_one_open_application import apply
from licensing.tests.test_one_open_application import holder as holder  # noqa: F401  (fixture)

migration = importlib.import_module("licensing.migrations.0008_one_waiting_application")


def constraint(model, name):
    return next(c for c in model._meta.constraints if c.name == name)


@pytest.fixture
def without_constraints(db):
    """The register as it was before 0008 (the test's transaction puts the constraints back)."""
    removed = [
        (LicenceApplication, constraint(LicenceApplication, "one_waiting_licence_application_per_person_and_authority")),
        (StrApplication, constraint(StrApplication, "one_waiting_str_application_per_person")),
    ]
    # The SQL the schema editor runs, without entering it (SQLite's refuses inside a test's transaction).
    editor = connection.SchemaEditorClass(connection)
    with connection.cursor() as cursor:
        for model, c in removed:
            cursor.execute(str(c.remove_sql(model, editor)))
    yield
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # PostgreSQL creates no index on a table with deferred foreign-key checks pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for model, c in removed:
            cursor.execute(str(c.create_sql(model, editor)))


def test_earlier_duplicates_are_closed_with_a_reason_and_the_constraint_can_be_added(holder, without_constraints):
    first = apply(holder)
    duplicate = LicenceApplication.objects.create(
        person=first.person,
        rule_set=first.rule_set,
        certificate=first.certificate,
        str_record=first.str_record,
        setting=first.setting,
        place="Panti Sosial Marsudi Putra",
        regency=first.regency,
        field=first.field,
        authority=first.authority,
    )
    person, certificate = certified_person(name="Budi Santoso")
    str_applications = [
        StrApplication.objects.create(
            person=person,
            certificate=certificate,
            health_statement=pdf(),
            oath_taken=True,
            code_of_ethics=True,
            rule_set=first.rule_set,
        )
        for _ in range(2)
    ]
    migration.close_duplicates(apps, None)

    first.refresh_from_db()
    duplicate.refresh_from_db()
    assert first.status == "submitted"
    assert duplicate.status == "refused" and f"#{first.pk}" in duplicate.reason
    assert duplicate.history.first().status == "refused"
    kept, closed = (StrApplication.objects.get(pk=a.pk) for a in str_applications)
    assert kept.status == "submitted" and closed.status == "rejected"
    assert LicenceApplication.objects.count() == 2 and StrApplication.objects.filter(person=person).count() == 2
