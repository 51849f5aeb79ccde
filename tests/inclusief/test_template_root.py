"""The project's templates have one root, ``templates/``, one folder per namespace."""

from pathlib import Path

from django.conf import settings

APPS = ("inclusief", "framework", "assessments", "maatwerk", "opendata")


def test_no_app_keeps_templates_of_its_own():
    base = Path(settings.BASE_DIR)
    assert [app for app in APPS if (base / app / "templates").exists()] == []


def test_there_is_one_pagination_partial():
    base = Path(settings.BASE_DIR)
    found = sorted(
        str(path.relative_to(base))
        for app in (*APPS, "templates")
        for path in (base / app).rglob("*pagination*.html")
    )
    assert found == ["templates/_pagination.html"]
