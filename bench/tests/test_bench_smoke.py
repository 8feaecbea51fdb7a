"""Smoke test of the benchmark suite: every benchmark function runs on tiny data, in process
(Django's test client instead of gunicorn), and gives well-formed result rows. The real figures
come from `make bench`; these tests only prove the harness works."""

import http.server
import os
import threading

import pytest
from django.core.management import call_command

from accounts.demo import grant
from accounts.roles import Role
from accounts.tests.factories import make_staff
from bench import benchmarks as b
from bench.legacy import measure_import, write_legacy_csv
from bench.loadgen import ClientTransport, HttpTransport, run_load
from bench.memory import PrivatePeak, private_mb
from bench.run import table
from bench.server import rss_mb, server_shape

KEYS = {"name", "value", "unit", "target", "baseline", "ratio", "meets"}


def assert_well_formed(rows):
    assert rows
    for r in rows:
        assert KEYS <= set(r) <= KEYS | {"note"}, r
        assert isinstance(r["name"], str) and r["name"]
        assert isinstance(r["unit"], str) and r["unit"]
        assert r["value"] is None or isinstance(r["value"], int | float)
        assert r["baseline"] is None or isinstance(r["baseline"], int | float)
        assert r["ratio"] is None or isinstance(r["ratio"], int | float)
        assert r["meets"] in (True, False, None)
        assert r["target"] is None or isinstance(r["target"], str)
        if r["value"] is None:
            assert r["meets"] in (False, None) and r.get("note"), "an unmeasured figure says why and never passes"
        if r["target"] is None:
            assert r["meets"] is None, "only figures with a target can meet it"


@pytest.fixture
def tiny_register(db, settings):
    settings.ROOT_URLCONF = "bench.urls"
    call_command("generate_synthetic", members=60, lks=3, seed=7, verbosity=0)


def test_each_http_benchmark_runs_on_tiny_data_and_gives_well_formed_rows(tiny_register):
    samples = b.sample_data(count=20, seed=7)
    assert samples["numbers"] and samples["public_ids"] and samples["names"]
    endpoints = b.discover(samples)
    assert {e.key for e in endpoints} == {
        "bare",
        "health",
        "floor",
        "verify",
        "lookup",
        "search",
        "staff_list",
        "staff_search",
        "monitoring",
        "dashboard",
    }
    officer = make_staff(Role.DPP_OFFICER)
    grant(officer, Role.BALKS_OFFICER)
    staff = ClientTransport(user=officer)
    public = ClientTransport(requests_per_client=100)  # visitors under the public rate limits, as in `make bench`
    baseline = b.measure(endpoints[0], transport=public, duration=0.2, concurrency=1, warmup=0)
    assert baseline.ok > 0 and baseline.errors == 0
    rows = b.http_rows(endpoints[0], baseline, None, members=60, throughput_target=False, p99_target=None)
    for endpoint in endpoints[1:]:
        if endpoint.missing:
            rows += b.missing_http_rows(endpoint, members=60, targets=[("p95", "ms", "< 100 ms")])
            continue
        stats = b.measure(endpoint, transport=staff if endpoint.staff else public, duration=0.2, concurrency=1, warmup=0)
        assert stats.requests > 0
        assert stats.errors == 0, (endpoint.key, stats.summary())
        rows += b.http_rows(endpoint, stats, baseline, members=60, p95_target=100)
        rows += b.growth_rows(endpoint.label, (10, baseline), (60, stats))
    verify = next(e for e in endpoints if e.key == "verify")
    measured, bare = b.measure_beside(
        verify, endpoints[0], transport=public, duration=0.3, concurrency=1, warmup=0, slices=3, settle=0
    )
    assert measured.ok > 0 and bare.ok > 0 and measured.errors == bare.errors == 0
    assert abs(measured.seconds - 0.3) < 1e-9 and abs(bare.seconds - 0.3) < 1e-9  # three stretches of 0.1 s each
    assert bare.statuses == {200: bare.ok}
    rows += b.http_rows(verify, measured, bare, members=60)
    rows += b.rss_rows([rss_mb(os.getpid())], members=60, private_mb=[private_mb(os.getpid())])
    assert_well_formed(rows)
    assert 0 < rows[-1]["value"] <= rows[-2]["value"]  # private memory is part of the RSS
    assert "bare Django view" in table(rows)


def test_the_floor_view_reads_one_member_by_number_in_one_query(tiny_register, django_assert_num_queries):
    from django.test import Client

    from registry.models import Member

    number = Member.objects.values_list("number", flat=True).first()
    client = Client(headers={"X-Forwarded-Proto": "https"})
    with django_assert_num_queries(1):
        found = client.get(f"/bench/floor/{number}", secure=True)
    assert (found.status_code, found.content) == (200, b"ok")
    assert client.get("/bench/floor/NO.SUCH.NUMBER", secure=True).content == b"none"


def test_the_floor_view_is_mounted_only_for_benchmarks(db):
    from django.urls import Resolver404, resolve

    with pytest.raises(Resolver404):
        resolve("/bench/floor/IPSPI.32.2026.00001")


def test_look_ups_are_held_to_the_floor_view_on_postgresql_and_to_the_bare_view_on_sqlite(tiny_register):
    assert b.baselines_for("verify", "postgresql") == b.baselines_for("lookup", "postgresql") == ("bare", "floor")
    assert b.baselines_for("verify", "sqlite") == b.baselines_for("lookup", "sqlite") == ("bare",)
    assert b.baselines_for("health", "sqlite") == ("bare", "floor")
    endpoints = {e.key: e for e in b.discover(b.sample_data(count=20, seed=7))}
    public = ClientTransport(requests_per_client=100)
    measured, (bare, floor) = b.measure_in_turns(
        endpoints["lookup"],
        [endpoints["bare"], endpoints["floor"]],
        transport=public,
        duration=0.3,
        concurrency=1,
        warmup=0,
        slices=3,
        settle=0,
    )
    assert measured.ok and bare.ok and floor.ok and measured.errors == bare.errors == floor.errors == 0
    assert floor.seconds == pytest.approx(0.3)
    held = b.floor_row(endpoints["lookup"], measured, floor, members=60, target=True)
    assert held["baseline"] == round(floor.rps, 2) and held["meets"] is (measured.rps / floor.rps >= b.FLOOR_RATIO_TARGET)
    shown = b.floor_row(endpoints["health"], measured, floor, members=60, target=False)
    assert shown["target"] is None and shown["meets"] is None
    assert_well_formed([held, shown])


def test_an_endpoint_that_fails_is_reported_as_failing_not_as_fast(tiny_register):
    endpoint = b.Endpoint("verify", "verification", ["/v/no-such-credential-id"])
    stats = b.measure(endpoint, transport=ClientTransport(), duration=0.2, concurrency=1, warmup=0)
    bare = b.measure(
        b.Endpoint("bare", "bare", ["/bench/bare/"]), transport=ClientTransport(), duration=0.2, concurrency=1, warmup=0
    )
    rows = b.http_rows(endpoint, stats, bare, members=60)
    assert_well_formed(rows)
    assert rows[0]["meets"] is False and "failed" in rows[0]["note"]
    assert all(r["meets"] is not True for r in rows)


def test_the_legacy_import_benchmark_imports_the_generated_file_and_measures_memory(tiny_register, tmp_path):
    from registry.models import Person

    before = Person.objects.count()
    kinds = write_legacy_csv(tmp_path / "legacy.csv", 80, seed=3)
    assert sum(kinds.values()) == 80
    result = measure_import(tmp_path / "legacy.csv", source="Benchmark smoke")
    assert Person.objects.count() - before == kinds["new"]
    rows = b.import_rows(result, 80)
    assert_well_formed(rows)
    private, rss = rows[-2:]
    assert private["unit"] == rss["unit"] == "MB" and 0 < private["value"] <= rss["value"]
    assert private["target"] and private["meets"] is True and rss["target"] is None


def test_the_private_memory_peak_sees_memory_taken_and_given_back_within_the_block():
    import time

    with PrivatePeak(interval=0.005) as peak:
        before = private_mb()
        ballast = bytearray(64 * 1024 * 1024)
        ballast[::4096] = b"x" * len(ballast[::4096])  # touched, so really taken
        time.sleep(0.05)
        del ballast
    assert peak.peak >= before + 60 > private_mb()


def test_batch_benchmarks_give_well_formed_rows_and_report_what_is_not_built(tiny_register):
    job, reason = b.accreditation_entry_point()
    rows = b.generation_rows(1.5, 60)
    if job is None:
        rows += b.accreditation_rows(3, None, reason)
    else:
        from django.utils import timezone

        from accreditation.models import Accreditation

        today = timezone.localdate()
        past_their_end = Accreditation.objects.filter(status=Accreditation.Status.VALID, valid_until__lt=today).count()
        seconds, changed = b.run_accreditation_recompute(job)
        assert seconds > 0 and changed == past_their_end
        assert not Accreditation.objects.filter(status=Accreditation.Status.VALID, valid_until__lt=today).exists()
        rows += b.accreditation_rows(3, seconds, changed=changed)
    history = b.history_rows(members=60)
    assert history["value"] > 0  # the synthetic register comes with its change history
    rows.append(history)
    [fresh] = b.dashboard_fresh_rows(repeats=2)
    assert fresh["value"] > 0 and fresh["meets"] is True  # 60 members count in far less than 500 ms
    rows.append(fresh)
    rows.append(b.missing("national dashboard", "ms", "< 500 ms", "not built yet"))
    assert_well_formed(rows)
    assert rows[-1]["meets"] is False


def test_synthetic_data_is_deterministic_for_a_seed_and_valid(tiny_register):
    from regions.nik import mismatches, parse_nik
    from registry.models import Member, Person

    people = list(Person.objects.order_by("pk").values_list("full_name", "nik", "birth_date", "sex"))
    for _name, nik, birth, sex in people:
        assert not mismatches(parse_nik(nik), birth_date=birth, sex=sex)
    assert {s for (s,) in Member.objects.values_list("status").distinct()} <= {"active", "lapsed", "suspended", "ended"}
    # Same seed on the same starting database: the same people.
    from django.db import connection

    with connection.cursor() as cursor:
        for table in (
            "licensing_licence",
            "licensing_licenceapplication",
            "licensing_str",
            "licensing_strapplication",
            "accreditation_accreditation",
            "accreditation_accreditationapplication",
            "certification_certificate",
            "certification_certificationapplication",
            "registry_duespayment",
            "registry_duesinvoice",
            "registry_member",
            "credentials_credential",
            "registry_membershipapplication",
            "registry_training",
            "registry_workexperience",
            "registry_education",
        ):
            cursor.execute(f"DELETE FROM {table}")
        cursor.execute("DELETE FROM registry_person")
    from accounts.models import User
    from registry.synthetic import SYNTHETIC_DOMAIN

    User.objects.filter(email__endswith="@" + SYNTHETIC_DOMAIN).delete()
    call_command("generate_synthetic", members=60, lks=0, seed=7, verbosity=0, only="registry")
    assert list(Person.objects.order_by("pk").values_list("full_name", "nik", "birth_date", "sex")) == people


def test_the_http_load_generator_keeps_connections_alive_and_stops_in_time():
    connections = []

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            connections.append(self.client_address)
            self.send_response(200 if self.path != "/missing" else 404)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        transport = HttpTransport("127.0.0.1", server.server_address[1])
        stats = run_load(["/a", "/b", "/missing"], transport=transport, duration=0.5, concurrency=2, warmup=0.1)
    finally:
        server.shutdown()
    assert stats.ok > 0 and stats.statuses[404] > 0
    assert stats.percentile(50) <= stats.percentile(99)
    assert len(set(connections)) <= 4, "each worker reuses its connection"
    assert {host for host, _port in connections} == {"127.0.0.1"}

    connections.clear()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        visitors = HttpTransport("127.0.0.1", server.server_address[1], requests_per_client=5)
        stats = run_load(["/a"], transport=visitors, duration=0.3, concurrency=2, warmup=0)
    finally:
        server.shutdown()
    addresses = {host for host, _port in connections}
    assert len(addresses) >= stats.requests // 5 and "127.0.0.1" not in addresses, (
        "simulated visitors come from their own addresses"
    )
    assert server_shape(2) == (3, 2)


def test_the_export_benchmark_streams_every_member_and_measures_memory(tiny_register):
    from accounts.demo import demo_user, grant
    from accounts.roles import Role
    from bench.export import measure_export
    from registry.models import Member

    officer = demo_user("export.bench@bench.peksos.invalid", "Petugas DPP (benchmark)")
    grant(officer, Role.DPP_OFFICER)
    result = measure_export(officer.email)
    assert result["rows"] == Member.objects.count() > 0
    rows = b.export_rows(result)
    assert_well_formed(rows)
    assert rows[-1]["unit"] == "MB" and rows[-1]["value"] > 0
