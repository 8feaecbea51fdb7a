"""The practice app's rows of the authorisation matrix (core/tests/access_matrix.py).

Objects "here": a community in Jawa Barat whose coordinator is a member (none of the matrix's
actors is), a standard with an adopted version and a draft after it, and another person's
practice field. POST rows send no data or act on a record in the wrong state, so an allowed
actor is sent back with a message (302) and nothing changes for the next actor."""

from core.tests.access_matrix import Row, anyone, only, signed_in

MAP_READERS = ("dpp_officer", "dpd_officer", "dpd_officer@elsewhere", "lsp_officer", "lsp_officer@elsewhere")


def drafts_hidden(answer=200):
    """A draft is read by the DPP (and the community's members and coordinator): 404 for others."""
    return {"anonymous": "login", "signed_in": 404, "dpp_officer": answer}


def objects(scene) -> dict:
    cache = scene.__dict__.get("_practice_objects")
    if cache:
        return cache
    from practice import services
    from practice.models import MemberPracticeField
    from practice.tests.factories import community_with_coordinator, draft_standard, field, member_in

    dpp = scene.users["dpp_officer"]
    community = community_with_coordinator(dpp)
    adopted = draft_standard(community)
    services.open_for_comment(actor=dpp, version=adopted)
    services.adopt(actor=dpp, version=adopted, reference="Keputusan DPP No. 1/2026")
    draft = services.new_version(actor=dpp, standard=adopted.standard)
    someone = member_in("32")
    entry = MemberPracticeField.objects.create(person=someone, field=field("bencana"))
    cache = {"community": community, "adopted": adopted, "draft": draft, "entry": entry, "field": field("anak")}
    scene.__dict__["_practice_objects"] = cache
    return cache


def _pk(name):
    return lambda s: {"pk": objects(s)[name].pk}


ROWS = [
    # A member's own fields: the scene's users have no register profile of their own.
    Row("practice:my_fields", signed_in()),
    Row("practice:field_add", signed_in(302), note="no profile yet: sent to fill it in"),
    Row("practice:field_edit", signed_in(404), kwargs=_pk("entry"), note="someone else's field: never shown"),
    Row("practice:field_remove", signed_in(404), method="POST", kwargs=_pk("entry")),
    # The DPP's list of fields.
    Row("practice:field_list", only("dpp_officer")),
    Row("practice:field_change", only("dpp_officer"), kwargs=_pk("field")),
    Row("practice:field_retire", only("dpp_officer", answer=302), method="POST", kwargs=_pk("field"), note="no reason: refused"),
    Row(
        "practice:field_reactivate",
        only("dpp_officer", answer=302),
        method="POST",
        kwargs=_pk("field"),
        note="already active: refused with a message",
    ),
    # The map: the DPP and LSPs nationally, a DPD its own province.
    Row("practice:practice_map", only(*MAP_READERS)),
    Row("practice:map_download", only(*MAP_READERS), kwargs=lambda s: {"fmt": "csv"}),
    # Communities.
    Row("practice:community_list", signed_in()),
    Row("practice:community_detail", signed_in(), kwargs=_pk("community")),
    Row(
        "practice:community_join",
        signed_in(403),
        method="POST",
        kwargs=_pk("community"),
        note="only members of the register join",
    ),
    Row(
        "practice:community_leave",
        signed_in(302),
        method="POST",
        kwargs=_pk("community"),
        note="not in it: refused with a message",
    ),
    Row(
        "practice:community_coordinator",
        only("dpp_officer", answer=302),
        method="POST",
        kwargs=_pk("community"),
        note="no member number: refused with a message",
    ),
    Row("practice:standard_new", only("dpp_officer"), kwargs=_pk("community")),
    Row("practice:version_detail", drafts_hidden(), kwargs=_pk("draft")),
    Row("practice:version_detail", signed_in(), kwargs=_pk("adopted")),
    Row("practice:version_edit", drafts_hidden(), kwargs=_pk("draft")),
    Row(
        "practice:version_comment",
        signed_in(403),
        method="POST",
        kwargs=_pk("adopted"),
        note="only the community's members comment",
    ),
    Row(
        "practice:version_open",
        only("dpp_officer", answer=302),
        method="POST",
        kwargs=_pk("adopted"),
        note="an adopted version: refused with a message",
    ),
    Row(
        "practice:version_adopt",
        only("dpp_officer", answer=302),
        method="POST",
        kwargs=_pk("adopted"),
        note="no decision given: refused with a message",
    ),
    Row(
        "practice:version_next",
        drafts_hidden(302),
        method="POST",
        kwargs=_pk("draft"),
        note="a draft already open: refused with a message",
    ),
    # Public: adopted standards only.
    Row("practice:public_standards", anyone()),
    Row("practice:public_standard", anyone(), kwargs=_pk("adopted")),
    Row("practice:public_standard", anyone(404), kwargs=_pk("draft"), note="a draft is not published"),
]
