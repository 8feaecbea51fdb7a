"""The ethics council's rows of the authorisation matrix.

The complaint "here" is under examination, about a member who is none of the scene's actors, with
one evidence file and one hearing attachment. Only the council opens it; everyone else is told
nothing (404). The public form and status page are open to anyone."""

from core.tests.access_matrix import Row, anyone, only


def objects(scene) -> dict:
    cache = scene.__dict__.get("_ethics_objects")
    if cache:
        return cache
    from ethics.tests.factories import heard, member_with_card, pdf

    council = scene.users["ethics_council"]
    complaint = heard(member_with_card("Teradu Matriks"), council, evidence=[pdf()])
    cache = {"complaint": complaint, "evidence": complaint.evidence.get(), "hearing": complaint.hearings.get()}
    scene.__dict__["_ethics_objects"] = cache
    return cache


def hidden_but(*actors, answer=200) -> dict:
    expect = {"anonymous": "login", "signed_in": 404}
    expect.update(dict.fromkeys(actors, answer))
    return expect


def _complaint(scene):
    return {"pk": objects(scene)["complaint"].pk}


ROWS = [
    Row("ethics:lodge", anyone(), note="the public complaint form"),
    Row("ethics:lodged", anyone(302), note="without a receipt in the session: on to the status page"),
    Row("ethics:status", anyone()),
    Row("ethics:queue", only("ethics_council")),
    Row("ethics:lodge_officer", only("dpp_officer", "dpd_officer", "dpd_officer@elsewhere")),
    Row("ethics:recommendations", only("dpp_officer")),
    Row("ethics:complaint", hidden_but("ethics_council"), kwargs=_complaint, note="specific personal data"),
    Row(
        "ethics:complaint_step",
        hidden_but("ethics_council", answer=302),
        method="POST",
        kwargs=lambda s: {**_complaint(s), "step": "decide"},
        data=lambda s: {"outcome": "", "reason": ""},
        note="a decision without grounds is turned back with a message; nothing changes",
    ),
    Row(
        "ethics:evidence",
        hidden_but("ethics_council"),
        kwargs=lambda s: {**_complaint(s), "evidence_pk": objects(s)["evidence"].pk},
    ),
    Row(
        "ethics:hearing_file",
        hidden_but("ethics_council"),
        kwargs=lambda s: {**_complaint(s), "hearing_pk": objects(s)["hearing"].pk},
    ),
    Row("ethics:my_case", hidden_but(), kwargs=_complaint, note="the member complained about only (not an actor here)"),
]
