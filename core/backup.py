"""Backup and restore of the whole database plus the private files, as one .tar.gz.

The archive holds `data.json` (Django's dumpdata with natural keys, so it restores into any
supported database), `files/` (every private upload) and `manifest.json` (row counts per model
and a SHA-256 of every file), so a restore can prove it is complete. For large PostgreSQL
production databases, pg_dump is faster; this format is what the tests prove round-trips.
"""

import hashlib
import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]
# Django's "json" with whole timestamps (core/serializers/exact_json.py); read back by "json".
EXACT_JSON = "exact_json"


def _file_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def left_out() -> list[str]:
    """What a backup leaves out: what Django rebuilds by itself, and models over tables Peksos
    does not own (managed = False)."""
    return EXCLUDED + [model._meta.label for model in apps.get_models() if not model._meta.managed]


def row_counts() -> dict[str, int]:
    excluded_apps = {e for e in EXCLUDED if "." not in e}
    excluded_models = {e for e in EXCLUDED if "." in e}
    return {
        model._meta.label_lower: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in excluded_apps and model._meta.label_lower not in excluded_models and model._meta.managed
    }


def file_hashes() -> dict[str, str]:
    root = _file_root()
    if not root.exists():
        return {}
    return {str(p.relative_to(root)): _sha256(p) for p in sorted(root.rglob("*")) if p.is_file()}


def create_backup(destination: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        data_path = Path(tmp) / "data.json"
        with transaction.atomic():  # one consistent snapshot
            call_command(
                "dumpdata",
                natural_foreign=True,
                natural_primary=False,
                exclude=left_out(),
                output=str(data_path),
                verbosity=0,
                format=EXACT_JSON,
            )
            files = file_hashes()
            manifest = {"rows": row_counts(), "files": files}
        with tarfile.open(destination, "w:gz") as archive:
            archive.add(data_path, arcname="data.json")
            blob = json.dumps(manifest, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(blob)
            archive.addfile(info, io.BytesIO(blob))
            root = _file_root()
            for relative in files:
                archive.add(root / relative, arcname=f"files/{relative}")
    return manifest


class RestoreError(Exception):
    pass


def restore_backup(source: Path) -> dict:
    """Replace the database contents and private files with the archive's, then check them
    against the manifest."""
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(source, "r:gz") as archive:
        archive.extractall(tmp, filter="data")
        manifest = json.loads((Path(tmp) / "manifest.json").read_text())
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            # The archive holds the change history as it was. Loading a record sets its
            # many-to-many fields, which simple-history would record as a new change (loaddata
            # marks only saves as raw): one history row too many, and on PostgreSQL, whose
            # sequences are reset only after the load, a clash with the restored rows' ids.
            with override_settings(SIMPLE_HISTORY_ENABLED=False):
                call_command("loaddata", str(Path(tmp) / "data.json"), verbosity=0)
            counts = row_counts()
            different = {k: (v, counts.get(k)) for k, v in manifest["rows"].items() if counts.get(k) != v}
            if different:
                raise RestoreError(f"Row counts differ after restore: {different}")
        root = _file_root()
        for relative in manifest["files"]:
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes((Path(tmp) / "files" / relative).read_bytes())
    restored = file_hashes()
    missing = {k for k, v in manifest["files"].items() if restored.get(k) != v}
    if missing:
        raise RestoreError(f"Files differ after restore: {sorted(missing)[:10]}")
    return manifest
