from django import template

from core import dates, money, qr

register = template.Library()


@register.filter
def rupiah(value):
    return money.format_rupiah(value)


@register.filter
def tanggal(value):
    return dates.format_id(value)


@register.simple_tag
def qr_code(data):
    from django.utils.safestring import mark_safe

    return mark_safe(qr.qr_svg(str(data)))  # segno escapes nothing user-provided: it draws modules


@register.inclusion_tag("core/_history.html")
def history_table(obj, limit=20):
    records = obj.history.select_related("history_user").order_by("-history_date")[:limit] if hasattr(obj, "history") else []
    return {"records": records}
