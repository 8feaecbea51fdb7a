"""Bahasa Indonesia is complete: every string marked for translation anywhere in Peksos has a
non-fuzzy Indonesian translation in a committed, compiled catalogue."""

import os
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

BASE = Path(settings.BASE_DIR)
CATALOGUE_DIRS = [BASE / "config"] + [
    BASE / app
    for app in (
        "core",
        "regions",
        "accounts",
        "credentials",
        "registry",
        "certification",
        "licensing",
        "accreditation",
        "practice",
        "ethics",
        "assemblies",
        "portal",
        "reports",
    )
]


def _extract_msgids(source: Path, tmp_path: Path) -> set[str]:
    """Run makemessages on a copy of the folder, so the committed catalogue is not touched."""
    copy = tmp_path / source.name
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("locale", "tests", "__pycache__", "static"))
    (copy / "locale").mkdir()
    cwd = os.getcwd()
    try:
        os.chdir(copy)
        call_command("makemessages", locale=["id"], verbosity=0)
    finally:
        os.chdir(cwd)
    fresh = copy / "locale" / "id" / "LC_MESSAGES" / "django.po"
    return {entry.msgid for entry in polib.pofile(str(fresh))} if fresh.exists() else set()


@pytest.mark.parametrize("folder", CATALOGUE_DIRS, ids=lambda p: p.name)
def test_every_string_has_an_indonesian_translation(folder, tmp_path):
    needed = _extract_msgids(folder, tmp_path)
    catalogue = folder / "locale" / "id" / "LC_MESSAGES" / "django.po"
    if not needed:
        return
    assert catalogue.exists(), f"{folder.name} has translatable strings but no Indonesian catalogue (run `make messages`)"
    po = polib.pofile(str(catalogue))
    translated = {e.msgid for e in po if (e.msgstr or e.msgstr_plural.get(0)) and "fuzzy" not in e.flags}
    missing = sorted(needed - translated)
    assert missing == [], f"untranslated or fuzzy in {folder.name}: {missing[:10]}"


@pytest.mark.parametrize("folder", CATALOGUE_DIRS, ids=lambda p: p.name)
def test_compiled_catalogues_match_their_sources(folder):
    source = folder / "locale" / "id" / "LC_MESSAGES" / "django.po"
    if not source.exists():
        return
    compiled = source.with_suffix(".mo")
    assert compiled.exists(), f"{folder.name}: django.mo is missing (run `make messages`)"
    po = {e.msgid: e.msgstr for e in polib.pofile(str(source)) if e.msgstr and not e.msgid_plural}
    mo = {e.msgid: e.msgstr for e in polib.mofile(str(compiled)) if not e.msgid_plural}
    assert po == {k: v for k, v in mo.items() if k in po}, f"{folder.name}: django.mo is stale"
