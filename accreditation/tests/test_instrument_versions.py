import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.tests.factories import sign_in_with_second_factor
from accreditation import services
from accreditation.models import GradeBand, Instrument, Standard
from accreditation.tests.test_accreditation_journey import scored, submitted
from core.errors import DomainError, NotAllowed


def _formset_post(prefix, rows, **extra):
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(len(rows)), **extra}
    for n, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{n}-{key}"] = value
    return data


def _page(client, application) -> str:
    html = client.get(f"/akreditasi/permohonan/{application.pk}/").content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def _determined(world):
    application = scored(world)  # 3 of 4 everywhere: 75.00, grade B under the seeded bands
    services.validate_result(actor=world["balks"], application=application, version=application.version)
    batch = services.send_to_minister(actor=world["balks"], applications=[application])
    [accreditation] = services.determine(
        actor=world["ministry"], batch=batch, decree_number="7/HUK/2026", decree_date=timezone.localdate()
    )
    return application, accreditation


@pytest.mark.django_db
def test_a_new_version_published_in_the_ui_leaves_an_earlier_determination_and_its_page_unchanged(client, world):
    application, accreditation = _determined(world)
    v1 = application.instrument
    assert accreditation.grade == "B"
    sign_in_with_second_factor(client, world["balks"])
    before = _page(client, application)

    response = client.post("/akreditasi/instrumen/", {"version": "2026.1"})
    v2 = Instrument.objects.get(version="2026.1")
    assert response["Location"] == f"/akreditasi/instrumen/{v2.pk}/"
    bands = [
        {
            "pk": b.pk,
            "grade": b.grade,
            "min_score": "90.00" if b.grade == "A" else "80.00" if b.grade == "B" else b.min_score,
            "validity_years": b.validity_years,
        }
        for b in v2.grade_bands.all()
    ]
    client.post(f"/akreditasi/instrumen/{v2.pk}/", _formset_post("b", bands, part="bands"))
    today = timezone.localdate()
    client.post(f"/akreditasi/instrumen/{v2.pk}/", {"part": "publish", "valid_from": today.isoformat()})

    v1.refresh_from_db()
    v2.refresh_from_db()
    assert v2.status == Instrument.Status.PUBLISHED and v2.valid_from == today and v2.published_by == world["balks"]
    assert v1.valid_until == today - datetime.timedelta(days=1)
    assert v2.grade_for(Decimal("75.00")).grade == "C" and v1.grade_for(Decimal("75.00")).grade == "B"
    accreditation.refresh_from_db()
    application.refresh_from_db()
    assert accreditation.grade == "B" and application.instrument == v1
    client.get(f"/akreditasi/instrumen/{v2.pk}/")  # shows (and so clears) the confirmations of the steps above
    after = _page(client, application)
    assert after == before
    assert str(v1) in after and "2026.1" not in after


@pytest.mark.django_db
def test_an_application_submitted_after_publication_is_judged_by_the_new_version(world):
    draft = services.draft_instrument(actor=world["balks"], version="2026.1")
    services.publish_instrument(actor=world["balks"], instrument=draft, valid_from=timezone.localdate())

    application = submitted(world)

    assert application.instrument == draft


@pytest.mark.django_db
def test_a_draft_copies_the_version_in_force_and_is_not_in_force_itself(world):
    v1 = services.instrument_on(timezone.localdate())

    draft = services.draft_instrument(actor=world["balks"], version="2026.1")

    assert services.instrument_on(timezone.localdate()) == v1
    assert draft.based_on == v1 and draft.status == Instrument.Status.DRAFT
    assert [(s.code, s.weight, s.indicators.count()) for s in draft.standards.all()] == [
        (s.code, s.weight, s.indicators.count()) for s in v1.standards.all()
    ]
    assert sorted(draft.grade_bands.values_list("grade", "min_score", "validity_years")) == sorted(
        v1.grade_bands.values_list("grade", "min_score", "validity_years")
    )


@pytest.mark.django_db
def test_a_published_version_is_never_edited(world):
    v1 = services.instrument_on(timezone.localdate())
    band = v1.grade_bands.get(grade="B")

    with pytest.raises(DomainError):
        services.save_instrument_parts(
            actor=world["balks"], instrument=v1, bands=[{"pk": band.pk, "grade": "B", "min_score": 99, "validity_years": 3}]
        )
    with pytest.raises(DomainError):
        band.min_score = 99
        band.save()
    with pytest.raises(DomainError):
        services.update_instrument_draft(actor=world["balks"], instrument=v1, changes={"name": "x"})

    assert GradeBand.objects.get(pk=band.pk).min_score == Decimal("71.00")


@pytest.mark.django_db
def test_a_draft_whose_weights_do_not_add_up_to_100_is_not_published(world):
    draft = services.draft_instrument(actor=world["balks"], version="2026.1")
    standard = draft.standards.first()
    services.save_instrument_parts(
        actor=world["balks"],
        instrument=draft,
        standards=[{"pk": standard.pk, "code": standard.code, "name": standard.name, "weight": standard.weight + 5, "order": 0}],
    )

    with pytest.raises(DomainError, match="100"):
        services.publish_instrument(actor=world["balks"], instrument=draft, valid_from=timezone.localdate())

    draft.refresh_from_db()
    assert draft.status == Instrument.Status.DRAFT


@pytest.mark.django_db
def test_a_version_cannot_take_effect_in_the_past(world):
    draft = services.draft_instrument(actor=world["balks"], version="2026.1")

    with pytest.raises(DomainError):
        services.publish_instrument(
            actor=world["balks"], instrument=draft, valid_from=timezone.localdate() - datetime.timedelta(days=1)
        )


@pytest.mark.django_db
def test_indicators_of_a_draft_are_edited_on_their_own_page(client, world):
    draft = services.draft_instrument(actor=world["balks"], version="2026.1")
    standard = draft.standards.get(code="1")
    sign_in_with_second_factor(client, world["balks"])
    rows = [
        {
            "pk": i.pk,
            "code": i.code,
            "text": i.text,
            "weight": i.weight,
            "evidence_guidance": i.evidence_guidance,
            "order": i.order,
        }
        for i in standard.indicators.all()
    ]
    rows.append({"pk": "", "code": "1.9", "text": "Indikator baru", "weight": 1, "evidence_guidance": "", "order": 9})
    data = _formset_post("i", rows)
    data["i-INITIAL_FORMS"] = str(len(rows) - 1)

    response = client.post(f"/akreditasi/instrumen/{draft.pk}/standar/{standard.pk}/", data)

    assert response.status_code == 302
    assert standard.indicators.filter(code="1.9", text="Indikator baru").exists()
    v1_standard = Standard.objects.get(instrument=draft.based_on, code="1")
    assert not v1_standard.indicators.filter(code="1.9").exists()


@pytest.mark.django_db
def test_the_ministry_reads_the_versions_but_cannot_draft_one(client, world):
    sign_in_with_second_factor(client, world["ministry"])

    assert client.get("/akreditasi/instrumen/").status_code == 200
    assert client.post("/akreditasi/instrumen/", {"version": "2026.9"}).status_code == 403
    with pytest.raises(NotAllowed):
        services.draft_instrument(actor=world["ministry"], version="2026.9")
    assert not Instrument.objects.filter(version="2026.9").exists()
