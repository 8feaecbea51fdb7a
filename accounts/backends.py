from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend


class AuthenticationBackend(AllauthBackend):
    """Allauth's sign-in, without Django's per-user permission tables.

    Peksos grants rights through roles (`accounts.rules`, evaluated by django-rules); the
    `auth_permission` tables are never filled, so reading them on every check only costs two
    queries per request. Superusers (the Django admin) pass every check before backends run.
    """

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def has_perm(self, user_obj, perm, obj=None):
        return False

    def has_module_perms(self, user_obj, app_label):
        return False
