"""Assemblies' rows of the authorisation matrix (core/tests/access_matrix.py).

"Here" is the Musda of Jawa Barat, run by the scene's DPD officer: its roll frozen and its
invitations sent, one member's correction request waiting, minutes with a PDF published, the
board's accountability report prepared. POST
rows change nothing: the roll is already frozen, everyone is already invited, the form is empty."""

import datetime

from core.tests.access_matrix import Row, only, signed_in

DPD_ANYWHERE = ("dpd_officer", "dpd_officer@elsewhere")


def objects(scene) -> dict:
    cache = scene.__dict__.get("_assemblies_objects")
    if cache:
        return cache
    from django.core.files.uploadedfile import SimpleUploadedFile

    from assemblies import services
    from assemblies.models import RollEntry
    from assemblies.tests.factories import member, upcoming
    from registry.tests.factories import pdf_bytes

    officer = scene.users["dpd_officer"]
    voter = member(province_code="32", full_name="Anggota Musda Matriks")
    member(province_code="35", full_name="Anggota Jatim Matriks")
    musda = upcoming(officer, kind="musda", province_code="32", name="Musda Matriks Jawa Barat")
    services.freeze_roll(officer, musda)
    services.send_invitations(actor=officer, assembly=musda)
    kongres = upcoming(scene.users["dpp_officer"], name="Kongres Matriks")
    services.freeze_roll(scene.users["dpp_officer"], kongres)
    entry = RollEntry.objects.get(assembly=musda, member=voter)
    correction = services.request_correction(actor=voter.person.user, entry=entry, statement="Nama saya salah eja.")
    services.publish_minutes(
        actor=officer,
        assembly=musda,
        minutes="Notulen Musda Matriks.",
        decisions="Ketua DPD terpilih.",
        pdf=SimpleUploadedFile("notulen.pdf", pdf_bytes(), content_type="application/pdf"),
    )
    services.edit_accountability_report(
        actor=officer,
        assembly=musda,
        period_start=musda.roll_cutoff - datetime.timedelta(days=5 * 365),
        period_end=musda.roll_cutoff,
        text="Laporan pertanggungjawaban DPD Matriks.",
    )
    cache = {"musda": musda, "kongres": kongres, "entry": entry, "correction": correction}
    scene.__dict__["_assemblies_objects"] = cache
    return cache


def _musda(scene):
    return {"pk": objects(scene)["musda"].pk}


def here(answer=200):
    """The DPD officer of Jawa Barat and the DPP officer; everyone else is told nothing (404)."""
    return {"anonymous": "login", "signed_in": 404, "dpd_officer": answer, "dpp_officer": answer}


ROWS = [
    # The scene's people have no social-worker profile: they are sent to complete it.
    Row("assemblies:mine", signed_in(302)),
    Row(
        "assemblies:my_entry",
        signed_in(404),
        kwargs=lambda s: {"pk": objects(s)["entry"].pk},
        note="a member's own standing and QR code: no one else's",
    ),
    Row("assemblies:detail", here(), kwargs=_musda, note="not public: staff in scope and the members of Jawa Barat"),
    Row("assemblies:minutes_pdf", here(), kwargs=_musda),
    Row("assemblies:staff_list", only("dpp_officer", *DPD_ANYWHERE)),
    Row("assemblies:create", only("dpp_officer", *DPD_ANYWHERE)),
    Row("assemblies:freeze", here(302), method="POST", kwargs=_musda, note="already frozen: refused with a message"),
    Row("assemblies:invite", here(302), method="POST", kwargs=_musda, note="everyone already invited: none sent again"),
    Row("assemblies:past_roll", here(302), method="POST", kwargs=_musda, note="no list chosen: refused with a message"),
    Row("assemblies:roll", here(), kwargs=_musda),
    Row("assemblies:door", here(), kwargs=_musda),
    Row("assemblies:quorum", here(), kwargs=_musda),
    Row("assemblies:minutes", here(), kwargs=_musda),
    Row("assemblies:report", here(), kwargs=_musda, note="the board's accountability report: the board in scope edits it"),
    Row("assemblies:corrections", only(*DPD_ANYWHERE)),
    Row(
        "assemblies:correction",
        {"anonymous": "login", "signed_in": 404, "dpd_officer": 200},
        kwargs=lambda s: {"pk": objects(s)["correction"].pk},
        note="only the DPD of the member's province decides, not even the DPP",
    ),
]
