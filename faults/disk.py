"""Scenario 5: the disk of private files is full.

`PEKSOS_VAR_DIR` of the whole stack is a small tmpfs (mounted by the suite when it runs as root;
otherwise the scenario says it was not run). The scenario fills it, then: a staff upload through
nginx must get the clear "storage full" page in the user's language with nothing kept (no list
row, no part of a file); a certificate PDF task must fail without pointing its certificate at a
file; once space is freed, no row of the database names a file that is missing, and `backup`
followed by `restore` into another database (and another folder) gives zero differences.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

from .stack import DATA, NGINX_PORT, ROOT, say

VAR = DATA / "var"
TMPFS_MB = 64


def mount_var() -> str:
    """A tmpfs of TMPFS_MB as the stack's PEKSOS_VAR_DIR; '' when mounted, else why not."""
    VAR.mkdir(parents=True, exist_ok=True)
    if os.path.ismount(VAR):
        return ""
    if os.getuid() != 0:
        return "not root: cannot mount a tmpfs (scenario 5 needs it)"
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={TMPFS_MB}m,mode=0755", "tmpfs", str(VAR)], capture_output=True, text=True
    )
    return "" if done.returncode == 0 else f"mount failed: {done.stderr.strip()}"


def unmount_var() -> None:
    if os.path.ismount(VAR):
        subprocess.run(["umount", "-l", str(VAR)], capture_output=True, check=False)


def fill(path: Path) -> int:
    """Write zeros until the disk refuses, in smaller and smaller blocks, unbuffered (a buffered
    file would fail again when closed); returns the bytes written."""
    written = 0
    with open(path, "wb", buffering=0) as handle:
        for size in (1 << 20, 65536, 4096, 512, 1):
            block = b"\0" * size
            try:
                while True:
                    written += handle.write(block) or 0
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
    return written


def multipart(fields: dict, file_field: str, filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{filename}"\r\n'
        "Content-Type: text/csv\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def upload(browser, path: str, fields: dict, filename: str, content: bytes) -> tuple[int, str]:
    import http.client

    from bench.soak import PROXY_HEADERS

    body, content_type = multipart(
        {**fields, "csrfmiddlewaretoken": browser.cookies.get("csrftoken", "")}, "file", filename, content
    )
    connection = http.client.HTTPConnection("127.0.0.1", browser.port, timeout=60)
    headers = {
        **PROXY_HEADERS,
        "Host": "127.0.0.1",
        "Cookie": "; ".join(f"{k}={v}" for k, v in browser.cookies.items()),
        "Content-Type": content_type,
        "Referer": "https://127.0.0.1/",
    }
    connection.request("POST", path, body=body, headers=headers)
    response = connection.getresponse()
    text = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, text


def missing_files() -> tuple[int, list[str]]:
    """Every file name a row of the database holds (file fields of every model), and those whose
    file is not in the storage."""
    from django.apps import apps
    from django.db import models

    checked, missing = 0, []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.FileField):
                continue
            for name in model._default_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True).iterator():
                if not name:
                    continue
                checked += 1
                if not field.storage.exists(name):
                    missing.append(f"{model._meta.label}.{field.name}: {name}")
    return checked, missing


def scenario_disk_full(args, env, seed, why_not: str) -> object:
    from django.conf import settings
    from django.db import connections
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from bench.soak import Browser
    from certification.models import Certificate
    from certification.tasks import render_certificate_pdf
    from registry.models import ImportBatch

    from .run import Check, sign_in

    check = Check("5-disk-full")
    if why_not:
        say(f"scenario 5: not run ({why_not})")
        check.expect("5 the private-file disk is a tmpfs the suite can fill", False, why_not)
        return check
    say(f"scenario 5: the private-file disk ({TMPFS_MB} MB tmpfs as PEKSOS_VAR_DIR) is full")
    media = Path(settings.MEDIA_ROOT)
    files_before = sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())
    filler = VAR / "filler.bin"
    filled = fill(filler)
    lists_before = ImportBatch.objects.count()

    browser = Browser(NGINX_PORT)
    failure = sign_in(browser, seed["staff"])
    rows = "nama_lengkap;nik;tanggal_lahir\n" + "".join(
        f"Peserta Penuh {chr(65 + n % 26)}{chr(65 + n // 26 % 26)};3273014508900{n % 900 + 100:03d};05/08/1990\n"
        for n in range(400)
    )
    browser.request("GET", "/anggota/impor/")
    status, page = upload(
        browser, "/anggota/impor/", {"source": "Uji disk penuh", "source_kind": "lain"}, "daftar.csv", rows.encode()
    )
    browser.cookies["django_language"] = "en"
    status_en, page_en = upload(
        browser, "/anggota/impor/", {"source": "Uji disk penuh", "source_kind": "lain"}, "daftar.csv", rows.encode()
    )
    connections.close_all()
    lists_after = ImportBatch.objects.count()
    new_files = sorted(
        str(p.relative_to(media)) for p in media.rglob("*") if p.is_file() and str(p.relative_to(media)) not in files_before
    )
    said_id = "Penyimpanan dokumen sedang penuh" in page
    said_en = "The storage for documents is full" in page_en
    check.figures["upload"] = {"filled_bytes": filled, "status": status, "status_en": status_en, "new_files": new_files}
    check.expect(
        "5 an upload on the full disk: a clear 503 page in the user's language (Indonesian, English), no list kept, no part of a file",
        not failure
        and status == 503
        and status_en == 503
        and said_id
        and said_en
        and lists_after == lists_before
        and not new_files,
        failure
        or f"filled {filled / 1048576:.0f} MB; answers {status} ({'says' if said_id else 'does NOT say'} 'Penyimpanan dokumen "
        f"sedang penuh') and {status_en} in English ({'says' if said_en else 'does NOT say'} it); lists {lists_before} -> "
        f"{lists_after}; new files {new_files[:3]}",
    )

    # A certificate PDF rendered while the disk is full: the task fails, the row names no file.
    certificate = Certificate.objects.filter(credential__isnull=False, pdf="").order_by("pk").first()
    result = render_certificate_pdf.enqueue(certificate.pk)
    deadline = time.monotonic() + 60
    task = None
    while time.monotonic() < deadline:
        task = DBTaskResult.objects.filter(id=result.id).first()
        if task and task.status in (TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL):
            break
        time.sleep(0.5)
    certificate.refresh_from_db()
    partial = sorted(p.name for p in media.glob(f"certification/certificates/certificate-{certificate.pk}*"))
    check.expect(
        "5 a certificate PDF rendered on the full disk: the task fails, the certificate names no file, no part of one is left",
        task is not None and task.status == TaskResultStatus.FAILED and not certificate.pdf and not partial,
        f"task {task.status if task else 'not run'} ({(task.exception_class_path if task else '')}); "
        f"certificate pdf {certificate.pdf.name!r}; files {partial}",
    )

    filler.unlink()
    # Space again: the nightly run's re-queueing of missing PDFs makes it; here the same call.
    render_certificate_pdf.enqueue(certificate.pk)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        certificate.refresh_from_db()
        if certificate.pdf:
            break
        time.sleep(0.5)
    checked, missing = missing_files()
    check.expect(
        "5 after the fault: no row of the database names a missing file (every file field of every model); the PDF made once space is back",
        checked > 0 and not missing and bool(certificate.pdf),
        f"{checked:,} file names checked, {len(missing)} missing {missing[:3]}; certificate pdf {certificate.pdf.name!r}",
    )
    backup_restore(check, env)
    return check


def backup_restore(check, env) -> None:
    """`backup`, then `restore` into another database and another PEKSOS_VAR_DIR (the restore
    checks every model's row count and every file's SHA-256 against the archive's manifest); the
    restored database and folder are then read once more here and compared with the manifest."""
    import json
    import tarfile

    from . import stack

    archive = DATA / "faults-backup.tar.gz"
    restored_var = DATA / "var-restored"
    subprocess.run(["rm", "-rf", str(restored_var)], check=False)
    started = time.monotonic()
    backup = subprocess.run(
        [sys.executable, "manage.py", "backup", str(archive)], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    backup_seconds = round(time.monotonic() - started, 1)
    manifest: dict = {"rows": {}, "files": {}}
    if backup.returncode == 0:
        with tarfile.open(archive, "r:gz") as tar:
            handle = tar.extractfile("manifest.json")
            manifest = json.loads(handle.read()) if handle else manifest
    restore_env = {**env, "DATABASE_URL": stack.database_url(stack.RESTORE_DATABASE), "PEKSOS_VAR_DIR": str(restored_var)}
    started = time.monotonic()
    restore = subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive), "--yes"],
        cwd=ROOT,
        env=restore_env,
        capture_output=True,
        text=True,
        check=False,
    )
    restore_seconds = round(time.monotonic() - started, 1)
    read_back = subprocess.run(
        [
            sys.executable, "-c",
            "import django, json; django.setup(); from core.backup import row_counts, file_hashes; "
            "print(json.dumps({'rows': row_counts(), 'files': file_hashes()}))",
        ],
        cwd=ROOT, env=restore_env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    try:
        other = json.loads(read_back.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        other = {"rows": {}, "files": {}}
    rows, files = manifest["rows"], manifest["files"]
    row_differences = {k: (v, other["rows"].get(k)) for k, v in rows.items() if other["rows"].get(k) != v}
    file_differences = sorted(k for k in set(files) | set(other["files"]) if files.get(k) != other["files"].get(k))
    check.figures["backup_restore"] = {
        "backup_seconds": backup_seconds,
        "restore_seconds": restore_seconds,
        "archive_mb": round(archive.stat().st_size / 1048576, 1) if archive.exists() else None,
        "rows": sum(rows.values()),
        "files": len(files),
    }
    check.expect(
        "5 backup, then restore into another database and folder: zero differences (row counts of every model, every file's SHA-256)",
        backup.returncode == 0 and restore.returncode == 0 and rows and not row_differences and not file_differences,
        f"backup {backup_seconds} s (exit {backup.returncode}), restore {restore_seconds} s (exit {restore.returncode}); "
        f"{sum(rows.values()):,} rows of {len(rows)} models and {len(files):,} files; {len(row_differences)} models and "
        f"{len(file_differences)} files differ"
        + (f"; {restore.stderr[-200:]!r}" if restore.returncode else "")
        + (f"; {backup.stderr[-200:]!r}" if backup.returncode else "")
        + (f"; e.g. {list(row_differences.items())[:2]}" if row_differences else ""),
    )
    archive.unlink(missing_ok=True)
