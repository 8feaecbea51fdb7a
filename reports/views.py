import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts import policy
from accreditation import documents as accreditation_documents
from core import audit, letterheads, pdf
from core.exports import streaming_csv, xlsx_bytes
from core.models import AuditEvent
from core.ratelimit import public_rate_limit
from regions.models import Province
from registry import documents as registry_documents

from . import forms, queries, services, tilemap
from .models import ReportDocument


def _scope(request) -> queries.Scope:
    scope = queries.scope_of(request.user)
    if scope is None:
        raise PermissionDenied
    return scope


def _map(table: queries.Table, column: int, title: str) -> dict:
    names = {p.code: p.name for p in Province.objects.all()}
    by_name = {row[0]: row[column] for row in table.rows}
    values = {code: by_name.get(name, 0) for code, name in names.items()}
    tiles, legend = tilemap.tiles(values, names)
    width, height = tilemap.size()
    return {
        "title": title,
        "tiles": tiles,
        "legend": legend,
        "width": width,
        "height": height,
        "tile": tilemap.TILE,
        "table": table,
    }


def _regency_map(table: queries.Table, column: int, title: str) -> dict:
    rows = [(str(row[0]), row[column]) for row in table.rows]
    tiles, legend, width, height = tilemap.regency_tiles(rows)
    return {
        "title": title,
        "tiles": tiles,
        "legend": legend,
        "width": width,
        "height": height,
        "tile": tilemap.TILE,
        "table": table,
    }


@login_required
def dashboard(request):
    scope = _scope(request)
    figures = queries.figures_for(scope)
    sections = figures.sections
    maps = []
    keys = {table.key for _title, tables in sections for table in tables}
    for _title, tables in sections:
        for table in tables:
            # An officer of one province or of some regencies gets their own area by regency,
            # not a national map that is zero everywhere but there.
            if table.key == "anggota-provinsi" and "anggota-kabupaten" not in keys:
                maps.append(_map(table, 1, _("Members by province")))
            elif table.key == "anggota-kabupaten":
                maps.append(_regency_map(table, 1, _("Members by regency/city")))
            elif table.key == "lks-provinsi" and "lks-kabupaten" not in keys:
                maps.append(_map(table, 2, _("Accredited LKS by province")))
            elif table.key == "lks-kabupaten":
                maps.append(_regency_map(table, 2, _("Accredited LKS by regency/city")))
    charts = {table.key: table.as_chart() for _title, tables in sections for table in tables if table.chart != "none"}
    return render(
        request,
        "reports/dashboard.html",
        {
            "scope": scope,
            "sections": sections,
            "charts": charts,
            "maps": maps,
            "computed_at": figures.computed_at,
            "refresh_minutes": max(1, settings.PEKSOS_DASHBOARD_SECONDS // 60),
            "can_accreditation_report": policy.allows(request.user, "reports.view_accreditation_report"),
            "can_membership_report": scope.sees("members"),
            "can_certification_report": scope.sees("certifications"),
            "can_practice_map": policy.allows(request.user, "practice.view_map"),
            "today": timezone.localdate(),
            **forms.max_dates(),
        },
    )


@login_required
def download(request, key: str, fmt: str):
    scope = _scope(request)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    table = queries.table_by_key(scope, key)
    if table is None:
        raise Http404
    audit.record(request.user, AuditEvent.Action.EXPORT, None, summary=f"report {key} {fmt}", request=request, scope=scope.label)
    filename = f"peksos-{key}-{timezone.localdate().isoformat()}"
    header = [str(c) for c in table.columns]
    if fmt == "csv":
        return streaming_csv(f"{filename}.csv", header, table.rows)
    response = HttpResponse(
        xlsx_bytes(header, table.rows), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


def _bad_date(request, message: str):
    return render(request, "reports/bad_request.html", {"message": message}, status=400)


def _dates(request, form_class):
    """The report's dates read by the one rule of reports/forms.py; None (and a 400 page) if not valid."""
    form = form_class(request.GET)
    if form.is_valid():
        return form.cleaned_data, None
    return None, _bad_date(request, form.message())


def _pdf(
    request,
    template: str,
    context: dict,
    filename: str,
    what: str,
    *,
    issuer: dict,
    kind: str,
    area: str = "",
    period: tuple[datetime.date | None, datetime.date | None] = (None, None),
) -> HttpResponse:
    """A report in the shared document layout, under the letterhead of the body it reports for,
    with the next number of the report series and the QR code of its public check page. The
    number is recorded (reports.ReportDocument) before the PDF is drawn, so a number once printed
    is never given again."""
    record = services.record_report(
        actor=request.user, kind=kind, issuer_name=issuer["name"], area=area, period_start=period[0], period_end=period[1]
    )
    audit.record(request.user, AuditEvent.Action.EXPORT, None, summary=f"{what} {record.number}", request=request)
    document = pdf.document_context(
        issuer=issuer,
        title=ReportDocument.Kind(kind).label,
        number=record.number,
        verification_url=record.verification_url,
        **context,
        made_on=record.made_on,
        made_by=request.user,
    )
    response = HttpResponse(pdf.render_pdf(template, document), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
def accreditation_report(request):
    """The list of results validated by BALKS awaiting the Minister's determination, as it stood
    on a date (`?per=YYYY-MM-DD`, today by default)."""
    if not policy.allows(request.user, "reports.view_accreditation_report"):
        raise PermissionDenied
    dates, refusal = _dates(request, forms.AsOfForm)
    if refusal:
        return refusal
    day = dates["per"]
    rows = queries.awaiting_determination(day)
    return _pdf(
        request,
        "reports/accreditation_report.html",
        {"day": day, "rows": rows},
        f"akreditasi-untuk-menteri-{day}.pdf",
        "accreditation results for the Minister",
        issuer=letterheads.issuer_block(accreditation_documents.BALKS, name=accreditation_documents.BALKS_NAME),
        kind=ReportDocument.Kind.ACCREDITATION,
        period=(None, day),
    )


@login_required
def membership_report(request):
    """A DPD's monthly membership report (`?bulan=YYYY-MM`; the DPP chooses `&provinsi=<code>`)."""
    scope = _scope(request)
    if not scope.sees("members"):
        raise PermissionDenied
    dates, refusal = _dates(request, forms.MonthForm)
    if refusal:
        return refusal
    month = dates["bulan"]
    raw = month.strftime("%Y-%m")
    provinces = scope.provinces
    code = request.GET.get("provinsi", "")[:2]
    if code:
        province = Province.objects.filter(code=code).first()
        if province is None or (provinces is not None and province.pk not in provinces):
            raise Http404
        provinces = frozenset({province.pk})
    area = ", ".join(Province.objects.filter(pk__in=provinces).values_list("name", flat=True)) if provinces is not None else ""
    figures = queries.monthly_membership(provinces, month)
    return _pdf(
        request,
        "reports/membership_report.html",
        {"figures": figures, "area": area or _("Indonesia (national)")},
        f"laporan-keanggotaan-{raw}.pdf",
        f"monthly membership report {raw} {code or 'scope'}",
        issuer=registry_documents.ipspi(),
        kind=ReportDocument.Kind.MEMBERSHIP,
        area=area,
        period=(figures["first"], figures["last"]),
    )


@login_required
def certification_report(request):
    """The LSP's certification report for a period (`?dari=YYYY-MM-DD&sampai=YYYY-MM-DD`)."""
    scope = _scope(request)
    if not scope.sees("certifications"):
        raise PermissionDenied
    dates, refusal = _dates(request, forms.PeriodForm)
    if refusal:
        return refusal
    first, last = dates["dari"], dates["sampai"]
    from certification.models import LSP

    area = ", ".join(LSP.objects.filter(pk__in=scope.lsps).values_list("name", flat=True)) if scope.lsps is not None else ""
    figures = queries.certification_period(scope.lsps, first, last)
    return _pdf(
        request,
        "reports/certification_report.html",
        {"figures": figures, "area": area or _("all LSPs")},
        f"laporan-sertifikasi-{first}-{last}.pdf",
        "certification report",
        issuer=_certification_issuer(scope.lsps),
        kind=ReportDocument.Kind.CERTIFICATION,
        area=area,
        period=(first, last),
    )


@login_required
def accountability_report(request, pk):
    """The board's accountability report (laporan pertanggungjawaban) for a Kongres or Musda:
    the board's own account and Peksos's figures for the period it set. Read by those who may
    read the assembly; the board edits it on the assembly's pages."""
    from assemblies.models import Assembly

    assembly = Assembly.objects.select_related("province").filter(pk=pk).first()
    if assembly is None or not policy.allows(request.user, "assemblies.read_assembly", assembly):
        raise Http404
    if not assembly.has_report:
        raise Http404
    first, last = assembly.report_period_start, assembly.report_period_end
    province_ids = frozenset({assembly.province_id}) if assembly.province_id else None
    return _pdf(
        request,
        "reports/accountability_report.html",
        {
            "assembly": assembly,
            "figures": queries.accountability_period(province_ids, first, last),
            "area": assembly.province.name if assembly.province else _("Indonesia (national)"),
        },
        f"laporan-pertanggungjawaban-{assembly.pk}.pdf",
        f"accountability report {assembly.pk}",
        issuer=registry_documents.ipspi(),
        kind=ReportDocument.Kind.ACCOUNTABILITY,
        area=assembly.province.name if assembly.province else "",
        period=(first, last),
    )


def _certification_issuer(lsps) -> dict:
    """One LSP's report goes under its own letterhead; a report over several, under the consortium's."""
    from certification.models import LSP

    if lsps is not None and len(lsps) == 1:
        lsp = LSP.objects.get(pk=next(iter(lsps)))
        return letterheads.issuer_block(f"lsp:{lsp.pk}", name=lsp.name)
    return letterheads.consortium()


@public_rate_limit("report-check", "60/m")
@require_GET
def report_check(request, public_id: str):
    """The page a report's QR code opens, for anyone: that Peksos issued a report with this
    number, for whom, over what and when. Never its figures (those are the issuer's to share)."""
    record = ReportDocument.objects.filter(public_id=public_id[:32]).first()
    response = render(request, "reports/report_check.html", {"record": record}, status=200 if record else 404)
    response["Cache-Control"] = "private, no-cache"
    return response
