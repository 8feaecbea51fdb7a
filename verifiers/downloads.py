"""A bulk answer as CSV or XLSX (the same columns as the API's items)."""

from django.http import HttpResponse

from core.exports import streaming_csv, xlsx_bytes

from .numbers import EXPORT_HEADER, NumberAnswer, export_rows

FORMATS = ("csv", "xlsx")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(answers: list[NumberAnswer], fmt: str) -> HttpResponse:
    rows = export_rows(answers)
    if fmt == "csv":
        return streaming_csv("verifikasi-massal.csv", EXPORT_HEADER, rows)
    response = HttpResponse(xlsx_bytes(EXPORT_HEADER, rows), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="verifikasi-massal.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response
