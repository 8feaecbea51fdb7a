class DomainError(Exception):
    """A business rule refused an operation. The message is shown to the user as it is, so it
    must be translatable and say what to do; nothing was changed when this is raised."""

    def __init__(self, message, *, field: str | None = None, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code

    def __str__(self):
        return str(self.message)


class NotAllowed(DomainError):
    """The actor's role or scope does not allow this operation."""

    def __init__(self, message=None, **kwargs):
        from django.utils.translation import gettext_lazy as _

        super().__init__(message or _("You are not allowed to do this."), code="forbidden", **kwargs)


class StaleObject(DomainError):
    """Someone else changed the record after this form was opened."""

    def __init__(self, message=None, **kwargs):
        from django.utils.translation import gettext_lazy as _

        super().__init__(
            message or _("This record was changed by someone else after you opened it. Reload the page and try again."),
            code="stale",
            **kwargs,
        )


class BadParameter(DomainError):
    """A number or body in the request is outside what Peksos accepts (a page far past any list,
    an id no row can have, JSON nested too deep). The visitor gets 400 with this message."""

    def __init__(self, message, **kwargs):
        super().__init__(message, code="bad_parameter", **kwargs)
