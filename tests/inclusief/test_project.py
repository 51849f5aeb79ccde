import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
EN_PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_models_and_migrations_agree(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_english_catalogue_is_complete():
    catalogue = polib.pofile(str(EN_PO))
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


def test_compiled_catalogue_matches_the_source():
    # A stale .mo would show Dutch text on English pages although the .po is complete.
    def entries(catalogue) -> dict:
        return {
            (e.msgctxt, e.msgid): (e.msgstr, sorted(e.msgstr_plural.items()))
            for e in catalogue
            if e.msgstr or e.msgstr_plural
        }

    source = entries(polib.pofile(str(EN_PO)))
    compiled = entries(polib.mofile(str(EN_PO.with_suffix(".mo"))))
    assert compiled == source


def test_dutch_is_the_default_language():
    assert settings.LANGUAGE_CODE == "nl"
    assert [code for code, _ in settings.LANGUAGES] == ["nl", "en"]


def started_app_prints(script: str) -> str:
    """What ``script`` prints in a fresh Python process that has started the WSGI application
    as a server would (this test process has started Django its own way)."""
    result = subprocess.run(
        [sys.executable, "-c", f"import inclusief.wsgi; {script}"],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "inclusief.settings"},
    )
    return result.stdout.strip()


def test_the_wsgi_application_keeps_start_up_objects_out_of_garbage_collection():
    """What start-up made (about 150,000 objects) is frozen, so that a full collection in a
    request scans only the request's own objects (bench/run.sh: it took 80-130 ms otherwise)."""
    frozen, still_tracked = started_app_prints(
        "import gc; print(gc.get_freeze_count(), len(gc.get_objects()))"
    ).split()
    assert int(frozen) > 50_000
    assert int(still_tracked) < int(frozen) // 10


def test_starting_the_application_leaves_weasyprint_unloaded():
    """WeasyPrint (with fontTools and Pillow, ~22 MB) loads when a report is laid out, not in
    every web worker, task worker and export process that starts Django."""
    assert started_app_prints("import sys; print('weasyprint' in sys.modules)") == "False"
