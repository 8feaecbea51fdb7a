from accounts.demo import demo_user, grant
from accounts.roles import Role


def seed() -> list[tuple[str, str]]:
    editor = demo_user("editor@peksos.demo", "Editor Portal KPSI", with_totp=True)
    grant(editor, Role.CONTENT_EDITOR)
    _dpd_keeps_its_contact()
    return [(str(Role.CONTENT_EDITOR.label), editor.email)]


def _dpd_keeps_its_contact() -> None:
    """The Jawa Barat DPD works in the demo, so /kontak-dpd/ shows its own office (demo values)."""
    from accounts.models import User

    from .models import DpdContact
    from .services import update_dpd_contact

    officer = User.objects.filter(email="dpd.jabar@peksos.demo").first()
    contact = DpdContact.objects.filter(province__code="32").first()
    if officer is None or contact is None or not contact.is_national_office:
        return
    update_dpd_contact(
        actor=officer,
        contact=contact,
        changes={
            "office": "Dewan Pengurus Daerah IPSPI Jawa Barat",
            "address": "Jalan Contoh No. 1, Bandung (alamat demo)",
            "email": "dpd.jabar@peksos.demo",
            "office_hours": "Senin–Jumat 08.00–16.00 WIB",
        },
    )
