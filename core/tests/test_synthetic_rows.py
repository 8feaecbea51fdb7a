import datetime

import pytest

from core.management.commands.generate_synthetic import build, bulk_insert, next_pk


def _columns(obj):
    return {f.attname: getattr(obj, f.attname) for f in type(obj)._meta.concrete_fields}


def test_a_built_row_holds_what_the_model_constructor_would_give_it():
    from credentials.models import Credential

    values = {
        "id": 7,
        "kind": Credential.Kind.MEMBER_CARD,
        "number": "IPSPI.32.2020.00001",
        "holder_name": "Siti",
        "issuer_name": "DPP IPSPI",
        "subject_type_id": 1,
        "subject_id": 3,
        "valid_from": datetime.date(2020, 1, 1),
        "valid_until": datetime.date(2024, 12, 31),
        "claims": {"province": "Jawa Barat"},
    }
    built, constructed = build(Credential, **values), Credential(**values)

    built_columns, constructed_columns = _columns(built), _columns(constructed)
    # Callable defaults are called for each row: fresh identifiers and timestamps, not shared ones.
    for produced in ("public_id", "status_changed_at", "issued_at"):
        assert built_columns.pop(produced)
        constructed_columns.pop(produced)
    assert built_columns == constructed_columns
    assert built.public_id != build(Credential, **values).public_id
    assert built._state.adding and built._state.db is None


def test_a_built_row_refuses_a_relation_passed_by_its_name_instead_of_its_key():
    from registry.models import Education

    with pytest.raises(TypeError, match=r"no column \[.person.\]"):
        build(Education, person=object(), level="S1")


@pytest.mark.django_db
def test_built_rows_are_inserted_with_their_history():
    from registry.models import Education, Person

    person = Person.objects.create(
        nik="3273010101900001",
        full_name="Dewi Lestari",
        birth_date=datetime.date(1990, 1, 1),
        sex="P",
        email="dewi@example.org",
        province_id=None,
    )
    start = next_pk(Education)
    bulk_insert(
        Education, [build(Education, id=start + i, person_id=person.pk, level=level) for i, level in enumerate(["S1", "profesi"])]
    )

    assert list(person.educations.order_by("pk").values_list("level", "study_field")) == [
        ("S1", "lainnya"),
        ("profesi", "lainnya"),
    ]
    assert Education.history.filter(person_id=person.pk, history_type="+").count() == 2
