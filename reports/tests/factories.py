from registry import services
from registry.tests.factories import submitted_application


def members(officer, province_code, n):
    made = []
    for _i in range(n):
        application = submitted_application(province_code=province_code)
        made.append(services.verify_application(actor=officer, application=application, version=application.version))
    return made


def province_figure(page_tables, name):
    table = next(t for t in page_tables if t.key == "anggota-provinsi")
    return {row[0]: row[1] for row in table.rows}.get(name)
