def username_from_login(request, credentials) -> str | None:
    """allauth passes the address as `email` to authenticate(); its form field is `login`."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("login") or credentials.get("username")
    if not value and request is not None:
        value = request.POST.get("login")
    return value.strip().lower() if value else None
