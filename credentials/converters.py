from django.urls import register_converter


class VerificationId:
    """An opaque verification id (letters, digits, - and _), so that /v/<id> and the download
    /v/<id>.jwt are told apart by the address alone."""

    regex = "[A-Za-z0-9_-]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


# Registered once, on first import, by whichever address list uses it first.
register_converter(VerificationId, "verification_id")
