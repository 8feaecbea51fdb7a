"""The portal's rows of the authorisation matrix: public pages for everyone, content editing
for content editors only."""

from core.tests.access_matrix import Row, anyone, only


def _jabar_contact(scene):
    from portal.models import DpdContact

    return DpdContact.objects.get(province=scene.jabar)


def _article(scene):
    from portal.models import Article

    return Article.objects.get(slug="mengenal-pilar-kpsi-balks")


ROWS = [
    Row("portal:social_worker_register", anyone()),
    Row("portal:lks_register", anyone()),
    Row("portal:search", anyone()),
    Row("portal:article_list", anyone()),
    Row("portal:category", anyone(), kwargs=lambda s: {"category_slug": "mengenal-pilar-kpsi"}),
    Row("portal:article", anyone(), kwargs=lambda s: {"slug": "mengenal-pilar-kpsi-balks"}),
    Row(
        "portal:article_image",
        anyone(404),
        kwargs=lambda s: {"slug": "mengenal-pilar-kpsi-balks"},
        note="the seeded article has no image",
    ),
    Row("portal:faq", anyone()),
    Row("portal:dpd_contacts", anyone()),
    Row("portal:how_to_register", anyone()),
    Row("portal:dpd_contact_list", only("dpd_officer", "dpd_officer@elsewhere", "dpp_officer")),
    Row(
        "portal:dpd_contact_edit",
        {**only("dpd_officer", "dpp_officer"), "dpd_officer@elsewhere": 404},
        kwargs=lambda s: {"pk": _jabar_contact(s).pk},
        note="another province's DPD is told nothing",
    ),
    Row("portal:robots", anyone()),
    Row("portal:sitemap", anyone()),
    Row("portal:editor_list", only("content_editor")),
    Row("portal:editor_new", only("content_editor")),
    Row("portal:editor_edit", only("content_editor"), kwargs=lambda s: {"pk": _article(s).pk}),
    # The scene has no member: everyone, signed in or not, gets the API's plain "not found".
    Row("public:social-worker", anyone(404), kwargs=lambda s: {"number": "IPSPI.32.2024.00001"}, note="no member in the scene"),
]
API_ROWS = [
    Row("", anyone(), api_path="GET /api/v1/public/social-workers"),
    Row("", anyone(), api_path="GET /api/v1/public/lks"),
    Row(
        "",
        anyone(404),
        api_path="GET /api/v1/public/social-workers/{number}",
        kwargs=lambda s: {"number": "IPSPI.32.2024.00001"},
        note="no member in the scene",
    ),
]
