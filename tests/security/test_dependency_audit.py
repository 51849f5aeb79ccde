"""Dependency hygiene: the fallback checks of .ci/audit_dependencies.py (no network here)."""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location(
    "audit_dependencies", ROOT / ".ci" / "audit_dependencies.py"
)
audit = importlib.util.module_from_spec(spec)
sys.modules["audit_dependencies"] = audit  # dataclasses look their module up there
spec.loader.exec_module(audit)


def release(yanked: bool = False, reason: str = "") -> list[dict]:
    return [{"yanked": yanked, "yanked_reason": reason or None}]


def project(releases: dict, vulnerabilities: list | None = None) -> dict:
    return {"releases": releases, "vulnerabilities": vulnerabilities or []}


def messages(findings) -> list[tuple[str, bool]]:
    return [(f.message, f.fails) for f in findings]


def test_every_installed_package_is_pinned_in_the_lock_file():
    pins = audit.read_lock(ROOT / "requirements.lock")
    assert pins["django"].startswith("5.2.")
    assert {"django-axes", "weasyprint", "psycopg2", "pytest"} <= set(pins)


def test_a_yanked_release_fails():
    data = project({"1.0.0": release(yanked=True, reason="broken wheel"), "1.0.1": release()})
    assert messages(audit.check_project("x", "1.0.0", data)) == [
        ("this release was yanked: broken wheel", True),
        ("a newer patch release exists: 1.0.1 (update the lock)", False),
    ]


def test_a_listed_vulnerability_without_a_fix_in_our_line_fails():
    vuln = {"id": "PYSEC-2026-1", "link": "https://example.org/1", "fixed_in": ["2.0.3"]}
    data = project({"1.4.0": release(), "2.0.2": release()}, [vuln])
    assert messages(audit.check_project("x", "1.4.0", data)) == [
        ("known vulnerability PYSEC-2026-1: https://example.org/1", True)
    ]


def test_a_vulnerability_fixed_at_or_below_our_release_passes():
    vuln = {"id": "PYSEC-2026-2", "fixed_in": ["5.2.10", "6.0.2"]}
    data = project({"5.2.19": release(), "6.0.2": release()}, [vuln])
    assert audit.check_project("django", "5.2.19", data) == []


def test_a_newer_patch_release_is_a_note_not_a_failure():
    data = project({"3.1.0": release(), "3.1.4": release(), "3.2.0": release(), "3.1.5rc1": []})
    assert messages(audit.check_project("x", "3.1.0", data)) == [
        ("a newer patch release exists: 3.1.4 (update the lock)", False)
    ]


def test_a_package_that_cannot_be_looked_up_fails():
    def unreachable(name: str) -> dict:
        raise audit.urllib.error.URLError("no route")

    findings = audit.fallback({"django": "5.2.19"}, fetch=unreachable)
    assert messages(findings) == [("could not be checked: <urlopen error no route>", True)]


@pytest.mark.parametrize("line", ["django>=5.2", "django"])
def test_an_unpinned_line_in_the_lock_is_refused(tmp_path, line):
    lock = tmp_path / "requirements.lock"
    lock.write_text(f"# pins\n{line}\n")
    with pytest.raises(ValueError, match="not pinned with =="):
        audit.read_lock(lock)
