"""Every action a licensing page offers is one its state machine allows, and every allowed one
is offered: the STR application, the STR, the licence application (both regimes) and the
licence are walked through every state they can reach, every action is tried from each (in a
transaction that is rolled back), and the buttons on the page must be exactly those that
succeed, for every viewer. Final states offer nothing."""

import datetime
import re

import pytest
from django.db import transaction

from accounts.roles import Role
from accounts.tests.factories import make_staff, sign_in_with_second_factor
from core.dates import register_day
from core.errors import DomainError
from credentials.models import Credential
from licensing import services
from licensing.models import Licence, LicenceApplication, LicensingAuthority, Status, Str, StrApplication
from licensing.tests.factories import certified_person, pdf
from regions.models import Regency

KOTA_BANDUNG = "32.73"
DAY_2009 = datetime.date(2018, 6, 1)


class _Undo(Exception):
    pass


def succeeds(attempt) -> bool:
    """Whether the action goes through now; nothing it did is kept."""
    try:
        with transaction.atomic():
            attempt()
            raise _Undo
    except _Undo:
        return True
    except DomainError:
        return False


def offered(client, user, url, name) -> set[str]:
    client.logout()
    sign_in_with_second_factor(client, user)
    response = client.get(url)
    assert response.status_code == 200
    return set(re.findall(rf'name="{name}" value="(\w+)"', response.content.decode()))


# --- building a record in each state, through the services ---------------------------------------


@pytest.fixture
def people(db):
    return {"dpp": make_staff(Role.DPP_OFFICER), "ministry": make_staff(Role.MINISTRY_OFFICER)}


def str_application_in(state, people):
    person, certificate = certified_person()
    application = services.apply_for_str(
        actor=person.user, certificate=certificate, health_statement=pdf(), oath_taken=True, code_of_ethics=True
    )
    if state != StrApplication.State.SUBMITTED:
        services.decide_str(
            actor=people["dpp"],
            application=application,
            version=application.version,
            approve=state == StrApplication.State.ISSUED,
            reason="Surat sehat tidak terbaca",
        )
    return person, StrApplication.objects.get(pk=application.pk)


def put_in_status(record, status, officer):
    change = services.change_str_status if isinstance(record, Str) else services.change_licence_status
    keyword = "str_record" if isinstance(record, Str) else "licence"
    action = {Status.SUSPENDED: "suspend", Status.REVOKED: "revoke"}.get(status)
    if action:
        change(actor=officer, **{keyword: record}, action=action, reason="x", category=Credential.StatusCategory.OTHER)
    elif status == Status.EXPIRED:
        services.expire(today=record.valid_until + datetime.timedelta(days=1))
    elif status == Status.RENEWED:
        # What a renewal leaves on the record it continues (services._mark_renewed); the nightly
        # run then ends it as renewed on its last day.
        type(record).objects.filter(pk=record.pk).update(status_category=Credential.StatusCategory.RENEWED)
        services.expire(today=record.valid_until + datetime.timedelta(days=1))
    record.refresh_from_db()
    assert record.status == status
    return record


def licence_application_in(state, regime, people):
    """An application under the 2009 rules (LSP forwards, the Minister decides) or the 2019 rules
    (the kota decides)."""
    if regime == "2009":
        person, certificate = certified_person(issued_on=datetime.date(2017, 1, 10), valid_until=datetime.date(2028, 1, 9))
        lsp = make_staff(Role.LSP_OFFICER, organisation=certificate.lsp)
        application = services.apply_for_licence(
            actor=person.user,
            certificate=certificate,
            setting="community",
            place="Desa Sukamaju",
            regency=Regency.objects.get(code=KOTA_BANDUNG),
            field="masyarakat",
            today=DAY_2009,
        )
        deciders, decree_date = {"ministry": people["ministry"], "lsp": lsp}, datetime.date(2018, 7, 1)
        decider = people["ministry"]
    else:
        _person, str_application = str_application_in(StrApplication.State.ISSUED, people)
        person, certificate = str_application.person, str_application.certificate
        application = services.apply_for_licence(
            actor=person.user,
            certificate=certificate,
            str_record=Str.objects.get(application=str_application),
            setting="institution",
            place="LKS Anak Harapan Bangsa",
            regency=Regency.objects.get(code=KOTA_BANDUNG),
            field="anak",
        )
        decider = make_staff(Role.LICENSING_OFFICER, organisation=LicensingAuthority.objects.get(regency__code=KOTA_BANDUNG))
        deciders, decree_date = {"kota": decider}, register_day()
    if state == LicenceApplication.State.RECOMMENDED or (regime == "2009" and state == LicenceApplication.State.GRANTED):
        services.recommend_licence(actor=deciders["lsp"], application=application, version=application.version, text="Layak")
        application.refresh_from_db()
    if state == LicenceApplication.State.GRANTED:
        services.decide_licence(
            actor=decider,
            application=application,
            version=application.version,
            grant=True,
            decree_number="503/1",
            decree_date=decree_date,
        )
    if state == LicenceApplication.State.REFUSED:
        services.decide_licence(
            actor=decider, application=application, version=application.version, grant=False, reason="Tidak lengkap"
        )
    application = LicenceApplication.objects.get(pk=application.pk)
    assert application.status == state
    return person, application, {**deciders, "holder": person.user}, decree_date


# --- the walks -------------------------------------------------------------------------------------


STR_APPLICATION_ACTIONS = {"issue": True, "reject": False}


@pytest.mark.parametrize("state", StrApplication.State.values)
def test_an_str_application_offers_exactly_the_decisions_its_state_allows(client, people, state):
    person, application = str_application_in(state, people)
    url = f"/lisensi/str/{application.pk}/"
    for viewer in (people["dpp"], person.user):
        allowed = {
            decision
            for decision, approve in STR_APPLICATION_ACTIONS.items()
            if succeeds(
                lambda approve=approve, viewer=viewer: services.decide_str(
                    actor=viewer,
                    application=StrApplication.objects.get(pk=application.pk),
                    version=application.version,
                    approve=approve,
                    reason="Tidak lengkap",
                )
            )
        }
        assert offered(client, viewer, url, "decision") == allowed
    if state != StrApplication.State.SUBMITTED:
        assert allowed == set(), "a decided application is final"


STATUS_ACTIONS = ("suspend", "reinstate", "revoke")


@pytest.mark.parametrize("status", Status.values)
def test_an_str_offers_exactly_the_status_changes_its_status_allows(client, people, status):
    person, application = str_application_in(StrApplication.State.ISSUED, people)
    str_record = put_in_status(Str.objects.get(application=application), status, people["dpp"])
    url = f"/lisensi/str/{application.pk}/"
    for viewer in (people["dpp"], person.user):
        allowed = {
            action
            for action in STATUS_ACTIONS
            if succeeds(
                lambda action=action, viewer=viewer: services.change_str_status(
                    actor=viewer,
                    str_record=Str.objects.get(pk=str_record.pk),
                    action=action,
                    reason="x",
                    category=Credential.StatusCategory.OTHER,
                )
            )
        }
        assert offered(client, viewer, url, "action") == allowed
    if status in (Status.REVOKED, Status.EXPIRED, Status.RENEWED):
        assert allowed == set(), "revoked, expired and renewed are final"


LICENCE_APPLICATION_STATES = [("2009", state) for state in LicenceApplication.State.values] + [
    ("2019", state) for state in LicenceApplication.State.values if state != LicenceApplication.State.RECOMMENDED
]


@pytest.mark.parametrize(("regime", "state"), LICENCE_APPLICATION_STATES)
def test_a_licence_application_offers_exactly_the_decisions_its_state_allows(client, people, regime, state):
    _person, application, viewers, decree_date = licence_application_in(state, regime, people)
    url = f"/lisensi/izin/{application.pk}/"

    def attempt(viewer, decision):
        fresh = LicenceApplication.objects.get(pk=application.pk)
        if decision == "recommend":
            return services.recommend_licence(actor=viewer, application=fresh, version=fresh.version, text="Layak")
        return services.decide_licence(
            actor=viewer,
            application=fresh,
            version=fresh.version,
            grant=decision == "grant",
            decree_number="503/2",
            decree_date=decree_date,
            reason="Tidak lengkap",
        )

    for viewer in viewers.values():
        allowed = {d for d in ("recommend", "grant", "refuse") if succeeds(lambda d=d, viewer=viewer: attempt(viewer, d))}
        assert offered(client, viewer, url, "decision") == allowed, viewer
    if state in (LicenceApplication.State.GRANTED, LicenceApplication.State.REFUSED):
        assert allowed == set(), "a decided application is final"


@pytest.mark.parametrize("status", Status.values)
def test_a_licence_offers_exactly_the_status_changes_its_status_allows(client, people, status):
    _person, application, viewers, _day = licence_application_in(LicenceApplication.State.GRANTED, "2019", people)
    officer = viewers["kota"]
    licence = put_in_status(Licence.objects.get(application=application), status, officer)
    url = f"/lisensi/izin/{application.pk}/"
    for viewer in viewers.values():
        allowed = {
            action
            for action in STATUS_ACTIONS
            if succeeds(
                lambda action=action, viewer=viewer: services.change_licence_status(
                    actor=viewer,
                    licence=Licence.objects.get(pk=licence.pk),
                    action=action,
                    reason="x",
                    category=Credential.StatusCategory.OTHER,
                )
            )
        }
        assert offered(client, viewer, url, "action") == allowed
    if status in (Status.REVOKED, Status.EXPIRED, Status.RENEWED):
        assert allowed == set(), "revoked, expired and renewed are final"


# --- what the holder is offered on "My credentials" --------------------------------------------------


def offers_to_apply_for_str(client, person) -> bool:
    client.force_login(person.user)
    return "/lisensi/str/ajukan/" in client.get("/lisensi/").content.decode()


def can_apply_for_str(person, certificate) -> bool:
    return succeeds(
        lambda: services.apply_for_str(
            actor=person.user, certificate=certificate, health_statement=pdf(), oath_taken=True, code_of_ethics=True
        )
    )


def test_apply_for_an_str_is_offered_before_and_not_while_waiting_nor_after_issue(client, people):
    person, certificate = certified_person()
    assert offers_to_apply_for_str(client, person) and can_apply_for_str(person, certificate)
    application = services.apply_for_str(
        actor=person.user, certificate=certificate, health_statement=pdf(), oath_taken=True, code_of_ethics=True
    )
    assert not offers_to_apply_for_str(client, person) and not can_apply_for_str(person, certificate)
    str_record = services.decide_str(actor=people["dpp"], application=application, version=application.version, approve=True)
    assert not offers_to_apply_for_str(client, person) and not can_apply_for_str(person, certificate)
    # Near its end, the renewal opens: then it is offered again.
    Str.objects.filter(pk=str_record.pk).update(valid_until=register_day() + datetime.timedelta(days=30))
    assert offers_to_apply_for_str(client, person) and can_apply_for_str(person, certificate)


def test_apply_for_an_str_is_not_offered_without_a_valid_certificate(client, db):
    person, certificate = certified_person()
    certificate.status = certificate.Status.REVOKED
    certificate.save(update_fields=["status"])
    assert not offers_to_apply_for_str(client, person) and not can_apply_for_str(person, certificate)


def test_apply_for_a_licence_is_not_offered_before_the_str_under_the_current_rules(client, people):
    person, certificate = certified_person()
    client.force_login(person.user)
    assert "/lisensi/izin/ajukan/" not in client.get("/lisensi/").content.decode()
    application = services.apply_for_str(
        actor=person.user, certificate=certificate, health_statement=pdf(), oath_taken=True, code_of_ethics=True
    )
    services.decide_str(actor=people["dpp"], application=application, version=application.version, approve=True)
    assert "/lisensi/izin/ajukan/" in client.get("/lisensi/").content.decode()
