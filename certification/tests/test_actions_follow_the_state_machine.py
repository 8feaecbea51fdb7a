"""Issue 22 (state): every action is offered on a page only when the state machine allows it,
and every action offered is carried out. The applications and certificates are walked through
every state; from each, every action of the pages is tried (and rolled back) and must succeed
exactly when the page offered it."""

import datetime
import re
from unittest import mock

import pytest
from django.db import transaction
from django.urls import reverse

from accounts.tests.factories import sign_in_with_second_factor
from certification import services
from certification.models import CertificationApplication
from certification.tests.factories import (
    SchemeFactory,
    assessor_for,
    event_for,
    lsp_officer,
    pdf_upload,
    ready_to_renew,
    scheduled_application,
    submitted_application,
)
from core.dates import register_day

pytestmark = pytest.mark.django_db
S = CertificationApplication.Status


def offered(html: str) -> set[str]:
    """The actions a page offers: buttons and hidden inputs named action, and the options of an
    action select."""
    found = set(re.findall(r'name="action" value="(\w+)"', html))
    select = re.search(r'<select name="action"[^>]*>(.*?)</select>', html, re.S)
    if select:
        found |= set(re.findall(r'value="(\w+)"', select.group(1)))
    return found


@pytest.fixture
def world():
    scheme = SchemeFactory(units=2)
    lsp = scheme.lsp
    return {
        "scheme": scheme,
        "lsp": lsp,
        "officer": lsp_officer(lsp),
        "event": event_for(lsp, capacity=100),
        "assessor": assessor_for(lsp),
    }


def _assessed(world, results=("K", "K")):
    application, assessment = scheduled_application(world["scheme"], world["officer"], world["event"], world["assessor"])
    for unit, result in zip(assessment.units.all(), results, strict=True):
        services.record_unit_result(actor=assessment.assessor.user, assessment=assessment, unit=unit, result=result, notes="x")
    recommendation = "competent" if set(results) == {"K"} else "not_yet_competent"
    services.record_recommendation(actor=assessment.assessor.user, assessment=assessment, recommendation=recommendation)
    application.refresh_from_db()
    return application


def _not_yet_competent(world, appealed=False):
    application = _assessed(world, results=("K", "BK"))
    services.decide(actor=world["officer"], application=application, competent=False)
    if appealed:
        services.lodge_appeal(actor=application.person.user, application=application, grounds="Unit 2 tanpa observasi.")
    application.refresh_from_db()
    return application


def _draft(world):
    from certification.tests.factories import candidate

    person = candidate()
    return services.start_application(actor=person.user, scheme=world["scheme"])


def _then(make, step):
    def build(world):
        application = make(world)
        step(world, application)
        application.refresh_from_db()
        return application

    return build


def _with_documents(world, application):
    for kind in ("work_letter", "training", "recommendation"):
        services.add_evidence(actor=application.person.user, application=application, kind=kind, file=pdf_upload())


APPLICATION_STATES = {
    "draft": _draft,
    "draft, documents attached": _then(_draft, _with_documents),
    "submitted": lambda w: submitted_application(w["scheme"]),
    "returned": _then(
        lambda w: submitted_application(w["scheme"]),
        lambda w, a: services.return_application(actor=w["officer"], application=a, reason="Lengkapi surat."),
    ),
    "ineligible": _then(
        lambda w: submitted_application(w["scheme"]),
        lambda w, a: services.reject_as_ineligible(actor=w["officer"], application=a, reason="Bukan pekerja sosial."),
    ),
    "withdrawn": _then(
        lambda w: submitted_application(w["scheme"]),
        lambda w, a: services.withdraw_application(actor=a.person.user, application=a),
    ),
    "eligible": _then(
        lambda w: submitted_application(w["scheme"]),
        lambda w, a: services.accept_application(actor=w["officer"], application=a),
    ),
    "scheduled, no assessor yet": lambda w: scheduled_application(w["scheme"], w["officer"], w["event"])[0],
    "scheduled, assessor assigned": lambda w: scheduled_application(w["scheme"], w["officer"], w["event"], w["assessor"])[0],
    "assessed": _assessed,
    "competent": _then(_assessed, lambda w, a: services.decide(actor=w["officer"], application=a, competent=True)),
    "not yet competent": _not_yet_competent,
    "not yet competent, appeal pending": lambda w: _not_yet_competent(w, appealed=True),
}


def _application_posts(world) -> dict[str, dict]:
    return {
        # applicant
        "evidence": lambda: {"action": "evidence", "kind": "other", "title": "", "file": pdf_upload()},
        "submit": lambda: {"action": "submit"},
        "withdraw": lambda: {"action": "withdraw"},
        "appeal": lambda: {"action": "appeal", "grounds": "Penilaian tidak sesuai prosedur."},
        # LSP officer
        "accept": lambda: {"action": "accept", "reason": ""},
        "return": lambda: {"action": "return", "reason": "Lengkapi surat keterangan."},
        "reject": lambda: {"action": "reject", "reason": "Tidak memenuhi syarat."},
        "schedule": lambda: {"action": "schedule", "event": world["event"].pk},
        "assign": lambda: {"action": "assign", "assessor": ""},
        "decide": lambda: {"action": "decide", "decision": "not_yet_competent", "note": ""},
    }


def _fingerprint(application):
    application.refresh_from_db()
    return (
        application.status,
        application.evidence.count(),
        application.assessments.count(),
        application.appeals.count(),
    )


def _tried(client, url, data, application) -> bool:
    """POST the action, see whether anything happened, and undo it."""
    before = _fingerprint(application)
    with transaction.atomic():
        response = client.post(url, data)
        assert response.status_code in (200, 302), response.status_code
        changed = _fingerprint(application) != before
        transaction.set_rollback(True)
    assert _fingerprint(application) == before
    return changed


@pytest.mark.parametrize("state", list(APPLICATION_STATES))
def test_each_application_state_offers_exactly_the_actions_that_succeed(client, world, state):
    application = APPLICATION_STATES[state](world)
    posts = _application_posts(world)
    sides = [
        (application.person.user, reverse("certification:my_application", args=[application.pk]), application.APPLICANT_ACTIONS),
        (world["officer"], reverse("certification:application_detail", args=[application.pk]), application.STAFF_ACTIONS),
    ]
    for user, url, actions in sides:
        sign_in_with_second_factor(client, user)
        response = client.get(url)
        if response.status_code == 404:  # the LSP sees an application only once it was submitted
            assert user == world["officer"] and application.submitted_at is None
            assert not application.staff_actions()
            continue
        shown = offered(response.content.decode()) & set(actions)
        assert shown == {a for a in actions if application.allows(a)}, state
        for action in actions:
            assert _tried(client, url, posts[action](), application) == (action in shown), (state, action, shown)


def test_every_application_state_is_walked():
    walked = {label.split(",")[0].replace(" ", "_") for label in APPLICATION_STATES}
    assert walked == set(S.values)


# --- certificates --------------------------------------------------------------------------


def _certificate(world):
    return services.decide(actor=world["officer"], application=_assessed(world), competent=True)


def _status(action, category=""):
    def step(world, certificate):
        services.change_certificate_status(
            actor=world["officer"], certificate=certificate, action=action, reason="Pemeriksaan etik", category=category
        )

    return step


def _in_window(certificate) -> datetime.date:
    return certificate.valid_until - datetime.timedelta(days=30)


def _ready(world, certificate):
    ready_to_renew(certificate)


def _renewed_and_ended(world):
    certificate = _then(_certificate, _ready)(world)
    with mock.patch("certification.services.register_day", lambda: _in_window(certificate)):
        services.renew_certificate(actor=world["officer"], certificate=certificate, today=_in_window(certificate))
    services.expire_certificates(today=certificate.valid_until + datetime.timedelta(days=1))
    certificate.refresh_from_db()
    return certificate


def _expired(world):
    certificate = _certificate(world)
    services.expire_certificates(today=certificate.valid_until + datetime.timedelta(days=1))
    certificate.refresh_from_db()
    return certificate


CERTIFICATE_STATES = {
    "valid": (_certificate, False),
    "valid, inside the renewal window": (_certificate, True),
    "valid, inside the window, the holder's request waiting on a complete checklist": (_then(_certificate, _ready), True),
    "ended by renewal": (_renewed_and_ended, False),
    "suspended": (_then(_certificate, _status("suspend", "suspended_temporarily")), False),
    "expired": (_expired, False),
    "revoked": (_then(_certificate, _status("revoke", "ethics_council")), True),
    "revoked after suspension": (
        _then(_then(_certificate, _status("suspend", "suspended_temporarily")), _status("revoke", "ethics_council")),
        False,
    ),
}


def _certificate_fingerprint(certificate):
    certificate.refresh_from_db()
    return certificate.status, certificate.renewals.count(), certificate.renewal_requests.waiting().count()


@pytest.mark.parametrize("state", list(CERTIFICATE_STATES))
def test_each_certificate_state_offers_exactly_the_actions_that_succeed(client, world, monkeypatch, state):
    make, in_window = CERTIFICATE_STATES[state]
    certificate = make(world)
    if in_window:  # the clock reaches the renewal window
        day = _in_window(certificate)
        monkeypatch.setattr("certification.views.register_day", lambda: day)
        monkeypatch.setattr("certification.services.register_day", lambda: day)
    today = _in_window(certificate) if in_window else register_day()
    url = reverse("certification:certificate_detail", args=[certificate.pk])
    sign_in_with_second_factor(client, world["officer"])
    shown = offered(client.get(url).content.decode())
    assert shown == set(services.certificate_actions(certificate, today)), state
    posts = {
        "suspend": {"action": "suspend", "category": "suspended_temporarily", "reason": "Pemeriksaan"},
        "reinstate": {"action": "reinstate", "category": "", "reason": "Pemeriksaan selesai"},
        "revoke": {"action": "revoke", "category": "ethics_council", "reason": "Putusan Dewan Kode Etik"},
        "renew": {"action": "renew"},
        "refuse_renewal": {"action": "refuse_renewal", "reason": "Portofolio belum memuat praktik tahun terakhir"},
    }
    for action, data in posts.items():
        before = _certificate_fingerprint(certificate)
        with transaction.atomic():
            assert client.post(url, data).status_code in (200, 302)
            changed = _certificate_fingerprint(certificate) != before
            transaction.set_rollback(True)
        assert changed == (action in shown), (state, action, shown)


def test_a_revoked_certificate_offers_neither_reinstatement_nor_renewal(client, world):
    certificate = _then(_certificate, _status("revoke", "ethics_council"))(world)
    sign_in_with_second_factor(client, world["officer"])
    page = client.get(reverse("certification:certificate_detail", args=[certificate.pk])).content.decode()
    assert offered(page) == set()
    assert "Perpanjang" not in re.sub(r"<h2[^>]*>.*?</h2>", "", page) or 'value="renew"' not in page
    assert 'value="reinstate"' not in page
