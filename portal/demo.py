from accounts.demo import demo_user, grant
from accounts.roles import Role

# The demo's two working DPDs keep their own offices, so /kontak-dpd/ reads like the real
# directory (demo values; the DPP keeps the other provinces until their DPDs enter theirs).
DEMO_DPD_OFFICES = {
    "32": (
        "dpd.jabar@peksos.demo",
        {
            "office": "Dewan Pengurus Daerah IPSPI Jawa Barat",
            "address": "Jl. Ir. H. Juanda No. 367, Coblong, Kota Bandung 40135",
            "email": "dpd.jabar@peksos.demo",
            "phone": "022 2503 4410",
            "office_hours": "Senin–Jumat 08.00–16.00 WIB",
            "chair": "Dr. Hery Wibowo, M.Si.",
        },
    ),
    "35": (
        "dpd.jatim@peksos.demo",
        {
            "office": "Dewan Pengurus Daerah IPSPI Jawa Timur",
            "address": "Jl. Raya Dukuh Kupang No. 122, Dukuh Pakis, Kota Surabaya 60225",
            "email": "dpd.jatim@peksos.demo",
            "phone": "031 567 2290",
            "office_hours": "Senin–Jumat 08.00–15.30 WIB",
            "chair": "Dra. Endang Sulistyowati, M.Kesos.",
        },
    ),
}


def seed() -> list[tuple[object, str]]:  # lazy role labels, read in English by seed_demo
    editor = demo_user("editor@peksos.demo", "Nadia Putri Anggraini", with_totp=True)
    grant(editor, Role.CONTENT_EDITOR)
    _dpds_keep_their_contacts()
    return [(Role.CONTENT_EDITOR.label, editor.email)]


def _dpds_keep_their_contacts() -> None:
    from accounts.models import User

    from .models import DpdContact
    from .services import update_dpd_contact

    for province_code, (officer_email, changes) in DEMO_DPD_OFFICES.items():
        officer = User.objects.filter(email=officer_email).first()
        contact = DpdContact.objects.filter(province__code=province_code).first()
        if officer is None or contact is None or not contact.is_national_office:
            continue
        update_dpd_contact(actor=officer, contact=contact, changes=changes)
