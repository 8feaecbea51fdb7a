"""The tested topology, started on this machine for `make faults` and stopped after it:

    nginx :8800 (round robin) ─┬─ gunicorn A :8801 ─┐
                               └─ gunicorn B :8802 ─┼─ PostgreSQL cluster "faults" :5433 (db peksos_faults)
                                   db_worker ───────┴─ Redis :6380 (REDIS_URL, shared)

Everything is the suite's own: its own PostgreSQL cluster and Redis server on ports of their own,
so that restarting or stopping them never touches the services other work on this machine uses
(PostgreSQL :5432, Redis :6379). Binaries come from Debian's packages (scripts/system-packages
faults installs the missing ones)."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench.server import Gunicorn, rss_mb

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "faults" / ".data"
PG_PORT, REDIS_PORT, NGINX_PORT, PORT_A, PORT_B = 5433, 6380, 8800, 8801, 8802
PG_CLUSTER = "faults"
DATABASE = "peksos_faults"
# Copies of the freshly migrated database: scenario 6 moves its clock to 2028 on the one, the
# backup of scenario 5 is restored into the other.
CLOCK_DATABASE, RESTORE_DATABASE = f"{DATABASE}_clock", f"{DATABASE}_restore"


def database_url(name: str) -> str:
    return f"postgres://postgres@127.0.0.1:{PG_PORT}/{name}"


DATABASE_URL = database_url(DATABASE)
REDIS_URL = f"redis://127.0.0.1:{REDIS_PORT}/0"


def say(message: str) -> None:
    print(f"[faults {time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}", flush=True)


def as_postgres(*command: str, check: bool = True) -> subprocess.CompletedProcess:
    if os.getuid() == 0:
        command = ("runuser", "-u", "postgres", "--", *command)
    return subprocess.run(command, check=check, capture_output=True, text=True)


def pg_version() -> str:
    return sorted(os.listdir("/etc/postgresql"), key=lambda v: [int(p) for p in v.split(".") if p.isdigit()])[-1]


def pg_ready(timeout: float = 0.5) -> bool:
    return (
        subprocess.run(
            ["pg_isready", "-q", "-h", "127.0.0.1", "-p", str(PG_PORT), "-t", str(max(1, int(timeout)))], check=False
        ).returncode
        == 0
    )


def pg_ctl(action: str) -> None:
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", pg_version(), PG_CLUSTER, action], check=True)


def start_postgresql() -> None:
    version = pg_version()
    if not Path(f"/etc/postgresql/{version}/{PG_CLUSTER}").exists():
        say(f"creating PostgreSQL cluster {version}/{PG_CLUSTER} on :{PG_PORT} (trust on loopback)")
        subprocess.run(
            ["pg_createcluster", version, PG_CLUSTER, "--port", str(PG_PORT), "--", "--auth-host=trust", "--auth-local=trust"],
            check=True,
            capture_output=True,
        )
    if not pg_ready():
        pg_ctl("start")
    for _ in range(60):
        if pg_ready():
            return
        time.sleep(0.5)
    raise SystemExit(f"PostgreSQL cluster {PG_CLUSTER} did not start on :{PG_PORT}")


def copy_database(name: str, *, template: str = DATABASE) -> None:
    """`name` made anew as a copy of `template` (nobody may be connected to it)."""
    import psycopg

    with psycopg.connect(host="127.0.0.1", port=PG_PORT, user="postgres", dbname="postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')


def migrated_template() -> str:
    """The name of the kept copy of a freshly migrated database for the migrations in the tree
    now: `migrate` runs once per set of migrations; every run after copies it (a second)."""
    import hashlib

    digest = hashlib.sha1()
    for path in sorted(ROOT.glob("*/migrations/*.py")):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return f"{DATABASE}_migrated_{digest.hexdigest()[:12]}"


def migrate_template(template: str, migrate) -> None:
    """`migrate(url)` on an empty database, renamed to `template` once it succeeded (a migration
    that fails half-way leaves no template behind); templates of other migrations are dropped."""
    import psycopg

    partial = f"{template}_partial"
    with psycopg.connect(host="127.0.0.1", port=PG_PORT, user="postgres", dbname="postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{partial}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{partial}"')
    migrate(database_url(partial))
    with psycopg.connect(host="127.0.0.1", port=PG_PORT, user="postgres", dbname="postgres", autocommit=True) as admin:
        admin.execute(f'ALTER DATABASE "{partial}" RENAME TO "{template}"')
    drop_other_templates(keep=template)


def drop_other_templates(keep: str) -> None:
    import psycopg

    with psycopg.connect(host="127.0.0.1", port=PG_PORT, user="postgres", dbname="postgres", autocommit=True) as admin:
        names = [r[0] for r in admin.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{DATABASE}_migrated_%"])]
        for name in names:
            if name != keep:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database_exists(name: str) -> bool:
    import psycopg

    with psycopg.connect(host="127.0.0.1", port=PG_PORT, user="postgres", dbname="postgres", autocommit=True) as admin:
        return admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def redis_up() -> bool:
    return (
        subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "ping"], capture_output=True, text=True, check=False).stdout.strip()
        == "PONG"
    )


def start_redis() -> None:
    if redis_up():
        return
    DATA.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "redis-server",
            "--daemonize", "yes",
            "--bind", "127.0.0.1",
            "--port", str(REDIS_PORT),
            "--save", "",
            "--appendonly", "no",
            "--dir", str(DATA),
            "--pidfile", str(DATA / "redis.pid"),
            "--logfile", str(DATA / "redis.log"),
        ],
        check=True,
    )  # fmt: skip
    for _ in range(50):
        if redis_up():
            return
        time.sleep(0.1)
    raise SystemExit(f"Redis did not start on :{REDIS_PORT}")


def stop_redis() -> None:
    subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "shutdown", "nosave"], capture_output=True, check=False)
    for _ in range(50):
        if not redis_up():
            return
        time.sleep(0.1)


NGINX_CONF = """\
worker_processes 1;
pid {data}/nginx.pid;
error_log {data}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log {data}/nginx-access.log;
    client_body_temp_path {data}/nginx-body;
    proxy_temp_path {data}/nginx-proxy;
    fastcgi_temp_path {data}/nginx-fastcgi;
    uwsgi_temp_path {data}/nginx-uwsgi;
    scgi_temp_path {data}/nginx-scgi;
    client_max_body_size 20m;
    upstream peksos {{
        server 127.0.0.1:{a} max_fails=0;
        server 127.0.0.1:{b} max_fails=0;
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://peksos;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            # TLS ends here in production ($scheme); the suite speaks plain HTTP on loopback.
            proxy_set_header X-Forwarded-Proto https;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_next_upstream off;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


class Nginx:
    def __init__(self):
        self.conf = DATA / "nginx.conf"

    def __enter__(self):
        DATA.mkdir(parents=True, exist_ok=True)
        self.conf.write_text(NGINX_CONF.format(data=DATA, a=PORT_A, b=PORT_B, port=NGINX_PORT))
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.stop()
        subprocess.run([nginx, "-c", str(self.conf), "-p", str(DATA)], check=True)
        return self

    def __exit__(self, *exc):
        self.stop()

    def stop(self) -> None:
        pid_file = DATA / "nginx.pid"
        if pid_file.exists():
            try:
                os.kill(int(pid_file.read_text().strip()), signal.SIGQUIT)
            except (ValueError, ProcessLookupError):
                pass
            for _ in range(50):
                if not pid_file.exists():
                    break
                time.sleep(0.1)


class AppServer(Gunicorn):
    """bench.server.Gunicorn on a fixed port."""

    def __init__(self, env: dict, *, port: int, name: str, workers: int = 2, threads: int = 2):
        super().__init__(env, workers=workers, threads=threads, log_path=DATA / f"gunicorn-{name}.log")
        self.port, self.name = port, name

    def rss(self) -> float:
        return round(sum(rss_mb(pid) for pid in self.worker_pids()), 1)


class Worker:
    """`manage.py db_worker`, the background task runner."""

    def __init__(self, env: dict):
        self.env, self.process = env, None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self) -> None:
        log = (DATA / "db_worker.log").open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker"], cwd=ROOT, env=self.env, stdout=log, stderr=log
        )

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def get(port: int, path: str, *, headers: dict | None = None, source: str | None = None, timeout: float = 10):
    """One GET on loopback: (status, headers, body text)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0) if source else None)
    try:
        connection.request("GET", path, headers={"X-Forwarded-Proto": "https", "Host": "127.0.0.1", **(headers or {})})
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode("utf-8", "replace")
    finally:
        connection.close()
