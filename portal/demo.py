from accounts.demo import demo_user, grant
from accounts.roles import Role


def seed() -> list[tuple[str, str]]:
    editor = demo_user("editor@peksos.demo", "Editor Portal KPSI", with_totp=True)
    grant(editor, Role.CONTENT_EDITOR)
    return [(str(Role.CONTENT_EDITOR.label), editor.email)]
