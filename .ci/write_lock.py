"""Write requirements.lock from a `pip install --dry-run --report` file (see `make lock`)."""

import json
import sys
from pathlib import Path

HEADER = """\
# Every package Inclusief installs (runtime and the extras test and postgres), pinned.
# Made by `make lock` from pyproject.toml; audited in CI (.ci/audit_dependencies.py).
# Update: see README, "Dependencies: pinned and updated".
"""


def main(report_path: str, lock_path: str) -> None:
    report = json.loads(Path(report_path).read_text(encoding="utf-8"))
    pins = sorted(
        (item["metadata"]["name"], item["metadata"]["version"])
        for item in report["install"]
        if item["metadata"]["name"].lower() != "inclusief"
    )
    lines = [f"{name}=={version}" for name, version in pins]
    Path(lock_path).write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{lock_path}: {len(pins)} packages pinned.")


if __name__ == "__main__":
    main(*sys.argv[1:3])
