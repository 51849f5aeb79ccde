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
    def translations(catalogue) -> dict:
        return {
            (e.msgctxt, e.msgid): e.msgstr or tuple(sorted(e.msgstr_plural.items()))
            for e in catalogue
            if e.msgstr or any(e.msgstr_plural.values())
        }

    source = translations(polib.pofile(str(EN_PO)))
    compiled = translations(polib.mofile(str(EN_PO.with_suffix(".mo"))))
    assert compiled == source


def test_dutch_is_the_default_language():
    assert settings.LANGUAGE_CODE == "nl"
    assert [code for code, _ in settings.LANGUAGES] == ["nl", "en"]
