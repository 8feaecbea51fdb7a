from django import template

from core import dates, money, qr

register = template.Library()


@register.filter
def rupiah(value):
    if value is None or value == "":
        return ""
    if not isinstance(value, int):
        value = int(round(float(value)))  # an aggregate may arrive as Decimal
    return money.format_rupiah(value)


@register.filter
def tanggal(value):
    if value is None or value == "":  # a missing variable reaches a filter as ""
        return ""
    return dates.format_local(value)


@register.filter
def change_reason(value):
    """A history entry's reason in the reader's language. Transitions store the English msgid
    (marked with gettext_noop), so rows written before a translation existed read right too;
    reasons typed by a person have no catalogue entry and come back unchanged."""
    from django.utils.translation import gettext

    return gettext(value) if value else ""


BLANK_DASHES = "---------"


@register.filter
def with_prompt(bound_field):
    """A select's empty choice reads "— choose … —" instead of Django's "---------". Works on the
    form's own copy of the field, so nothing leaks into other forms."""
    from django import forms
    from django.utils.translation import gettext

    field = getattr(bound_field, "field", None)
    if field is None:
        return bound_field
    prompt = gettext("— choose —")
    if isinstance(field, forms.ModelChoiceField) and field.empty_label == BLANK_DASHES:
        field.empty_label = prompt
    elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        choices = list(field.choices)
        if any(value == "" and label == BLANK_DASHES for value, label in choices):
            field.choices = [(value, prompt if value == "" and label == BLANK_DASHES else label) for value, label in choices]
            bound_field.field.widget.choices = field.choices
    return bound_field


@register.filter
def bulan(value):
    """Januari 2026, from a date or a "2026-01" key."""
    return dates.format_month(value)


@register.filter
def angka(value, decimals=None):
    """540.000 and 87,50: `{{ x|angka }}`, or `{{ x|angka:1 }}` for a fixed number of decimals."""
    return money.format_number(value, None if decimals in (None, "") else int(decimals))


@register.filter
def short_address(url):
    """The verification address as people type it from paper: no scheme, no trailing slash."""
    text = str(url or "")
    for prefix in ("https://", "http://"):
        text = text.removeprefix(prefix)
    return text.rstrip("/")


@register.filter
def initials(name):
    """Up to three initials for a body with no logo yet (e.g. "LSP PS")."""
    words = [w for w in str(name or "").replace("-", " ").split() if w[:1].isalpha()]
    return "".join(w[0].upper() for w in words[:3])


@register.simple_tag
def qr_code(data):
    from django.utils.safestring import mark_safe

    return mark_safe(qr.qr_svg(str(data)))  # segno escapes nothing user-provided: it draws modules


@register.inclusion_tag("core/_history.html")
def history_table(obj, limit=20):
    records = obj.history.select_related("history_user").order_by("-history_date")[:limit] if hasattr(obj, "history") else []
    return {"records": records}
