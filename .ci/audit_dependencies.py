"""Audit the locked dependencies (requirements.lock) for known vulnerabilities.

1. ``pip-audit --strict`` over the lock file, against PyPI's vulnerability data (the PyPA
   advisory database, per release). When that answers, it decides: a known vulnerability
   fails the run.
2. Where pip-audit cannot reach a vulnerability database (on a closed network PyPI's per-release
   JSON and OSV are often blocked while the package index is open), this script says so in
   capitals and falls back to what the package index's project pages still tell, which is
   NOT a vulnerability audit: a locked release that was yanked fails; a vulnerability that
   PyPI lists for the project's newest release and that our release is not fixed in fails;
   a newer patch release in the same line (where security fixes arrive) is reported.

Run from the repository root: ``.venv/bin/python .ci/audit_dependencies.py``. Exit 0: clean;
1: a problem (named); 2: the lock file is missing or unreadable.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from packaging.version import InvalidVersion, Version

LOCK = Path(__file__).resolve().parent.parent / "requirements.lock"
PYPI_PROJECT = "https://pypi.org/pypi/{name}/json"


@dataclass
class Finding:
    name: str
    version: str
    message: str
    fails: bool


def read_lock(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, sep, version = line.partition("==")
        if not sep:
            raise ValueError(f"{path.name}: not pinned with ==: {line!r}")
        pins[name.strip().lower()] = version.strip()
    return pins


def fetch_project(name: str) -> dict:
    # A fixed https address; the name comes from our own lock file.
    url = PYPI_PROJECT.format(name=name)
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310
        return json.load(response)


def check_project(name: str, version: str, project: dict) -> list[Finding]:
    """What the project page says about our pinned ``version`` (see the module docstring)."""
    findings = []
    files = project.get("releases", {}).get(version, [])
    yanked = [f for f in files if f.get("yanked")]
    if yanked:
        reason = yanked[0].get("yanked_reason") or "no reason given"
        findings.append(Finding(name, version, f"this release was yanked: {reason}", True))
    ours = Version(version)
    for vuln in project.get("vulnerabilities") or []:
        fixed = []
        for value in vuln.get("fixed_in") or []:
            try:
                fixed.append(Version(value))
            except InvalidVersion:
                continue
        # Fixed for us when a fix exists in our line at or below our release.
        if not any(f <= ours and f.release[:2] == ours.release[:2] for f in fixed):
            ident = vuln.get("id") or "?"
            findings.append(
                Finding(name, version, f"known vulnerability {ident}: {vuln.get('link', '')}", True)
            )
    line_releases = []
    for value, release_files in project.get("releases", {}).items():
        try:
            candidate = Version(value)
        except InvalidVersion:
            continue
        if (
            release_files
            and not candidate.is_prerelease
            and candidate.release[:2] == ours.release[:2]
            and candidate > ours
            and not all(f.get("yanked") for f in release_files)
        ):
            line_releases.append(candidate)
    if line_releases:
        newest = max(line_releases)
        findings.append(
            Finding(
                name, version, f"a newer patch release exists: {newest} (update the lock)", False
            )
        )
    return findings


def fallback(pins: dict[str, str], fetch: Callable[[str], dict] = fetch_project) -> list[Finding]:
    findings = []
    for name, version in sorted(pins.items()):
        try:
            project = fetch(name)
        except (urllib.error.URLError, TimeoutError, json.JSONDecodeError) as exc:
            findings.append(Finding(name, version, f"could not be checked: {exc}", True))
            continue
        findings.extend(check_project(name, version, project))
    return findings


def run_pip_audit(lock: Path) -> tuple[list[str], list[str], str]:
    """Run pip-audit over the lock: (vulnerabilities found, packages not audited, stderr)."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip_audit",
            "--no-deps",
            "--disable-pip",
            "-r",
            str(lock),
            "--progress-spinner",
            "off",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        return [f"pip-audit did not run (exit {result.returncode})"], [], result.stderr
    found, not_audited = [], []
    for dependency in report.get("dependencies", []):
        name, version = dependency["name"].lower(), dependency.get("version", "?")
        if "skip_reason" in dependency:
            not_audited.append(name)
        for vuln in dependency.get("vulns", []):
            fixes = ", ".join(vuln.get("fix_versions", [])) or "none yet"
            found.append(f"{name}=={version}: {vuln['id']} (fixed in: {fixes})")
    return found, not_audited, result.stderr


def main() -> int:
    try:
        pins = read_lock(LOCK)
    except (OSError, ValueError) as exc:
        print(f"Cannot read the lock file: {exc}")
        return 2
    found, not_audited, errors = run_pip_audit(LOCK)
    for line in found:
        print(f"FAIL: {line}")
    if found:
        print(errors)
        return 1
    if not not_audited:
        print(f"pip-audit: no known vulnerabilities in {len(pins)} locked packages.")
        return 0
    print(
        f"WARNING: PIP-AUDIT COULD NOT REACH A VULNERABILITY DATABASE for {len(not_audited)} of "
        f"{len(pins)} locked packages. What follows is NOT a vulnerability audit: only yanked "
        "releases, vulnerabilities PyPI lists for a project's newest release, and newer patch "
        "releases, from the package index's project pages."
    )
    findings = fallback({n: pins[n] for n in not_audited if n in pins})
    for finding in findings:
        level = "FAIL" if finding.fails else "note"
        print(f"{level}: {finding.name}=={finding.version}: {finding.message}")
    failed = [f for f in findings if f.fails]
    print(f"{len(failed)} problem(s), {len(findings) - len(failed)} note(s).")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
