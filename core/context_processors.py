from django.conf import settings

from .navigation import staff_menu


def site(request):
    return {
        "SITE_NAME": "Peksos",
        "SITE_URL": settings.SITE_URL,
        "PEKSOS_DEMO": settings.PEKSOS_DEMO,
        "staff_menu": (lambda: staff_menu(request.user)) if getattr(request, "user", None) else list,
    }
