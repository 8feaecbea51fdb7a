import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)


def manage(*args, **env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "PEKSOS_SIGNING_SECRET",
            "DEBUG",
            "ALLOWED_HOSTS",
            "DATABASE_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "SITE_URL",
        }
    }
    env.update(env_overrides)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=BASE, env=env, capture_output=True, text=True, timeout=120)


def test_the_production_profile_passes_djangos_deploy_checks():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="x" * 20 + "production-secret-key-with-enough-entropy-9f8e7d6c5b4a",
        ALLOWED_HOSTS="peksos.example.id",
        PEKSOS_SIGNING_SECRET="y" * 20 + "production-signing-secret-0a1b2c3d4e5f",
        SITE_URL="https://peksos.example.id",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_missing_secret_key_stops_start_up_with_a_clear_message():
    result = manage("check", DEBUG="0", ALLOWED_HOSTS="peksos.example.id")
    assert result.returncode == 2
    assert "SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_without_site_url_refuses_to_start_and_says_why():
    result = manage(
        "check",
        DEBUG="0",
        SECRET_KEY="x" * 20 + "production-secret-key-with-enough-entropy-9f8e7d6c5b4a",
        ALLOWED_HOSTS="peksos.example.id",
        PEKSOS_SIGNING_SECRET="y" * 20 + "production-signing-secret-0a1b2c3d4e5f",
    )
    assert result.returncode == 2
    assert "SITE_URL is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_malformed_setting_names_the_variable():
    result = manage("check", DEBUG="maybe")
    assert result.returncode == 2
    assert "DEBUG must be" in result.stderr


def _mmap_size(tmp_path, **env):
    result = manage(
        "shell",
        "-c",
        "from django.db import connection\nwith connection.cursor() as c:\n    c.execute('PRAGMA mmap_size')\n    print(c.fetchone()[0])",
        DEBUG="1",
        SQLITE_PATH=str(tmp_path / "mmap.sqlite3"),
        **env,
    )
    assert result.returncode == 0, result.stderr
    return int(result.stdout.strip().splitlines()[-1])


def test_sqlite_reads_through_the_shared_page_cache_unless_turned_off(tmp_path):
    assert _mmap_size(tmp_path) >= 1024 * 1024 * 1024  # 2 GB asked; SQLite may cap it lower
    assert _mmap_size(tmp_path, SQLITE_MMAP_MB="64") == 64 * 1024 * 1024
    assert _mmap_size(tmp_path, SQLITE_MMAP_MB="0") == 0
    refused = manage("check", DEBUG="1", SQLITE_MMAP_MB="-5")
    assert refused.returncode == 2 and "SQLITE_MMAP_MB must be zero (off) or more" in refused.stderr
    assert "Traceback" not in refused.stderr
