"""The benchmark: seed PostgreSQL at scale, load the pages under gunicorn with wrk, the mixed
scenario (public pages while signed-in analysts save, bench/mixed.py), time PDFs, and the full
export's memory (bench/export_probe.py).

Run it with ``bench/run.sh`` (see bench/README.md). It writes bench/results/<date>.json and
regenerates the measured part of docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: bench/ itself is on the path, not the root
    sys.path.insert(0, str(ROOT))

from bench import mixed  # noqa: E402

PORT = 8765
HOST = "127.0.0.1"
DB_NAME = "inclusief_bench"
PG = f"postgres://postgres@{HOST}:5432"

TARGETS = {
    "throughput_share_min": 0.5,  # every page at least half the bare view's requests/s
    "p95_ratio_max": 3.0,  # p95 at most 3 x the bare view's p95
    "pdf_ratio_max": 1.3,  # one PDF within 1.3 x WeasyPrint alone on the same HTML
    "worker_rss_mb_max": 150,
    "catalogue_seconds_max": 60,
    # The mixed scenario (issue 16): public pages while analysts save, and the analysts' pages.
    "mixed_share_min": 0.5,  # public pages at least half the bare view's requests/s
    "signed_in_p95_ms_max": 100,
    "step_save_p95_ms_max": 150,
    "export_peak_mb_max": 100,  # the full export (bench/export_probe.py), peak RSS
}
# The public pages that anonymous visitors read during the mixed scenario (wrk, round robin).
MIXED_PUBLIC = (
    "home",
    "catalogue_page_1",
    "catalogue_search",
    "platform",
    "matrix",
    "comparison_4",
    "overview",
)
# The analysts' pages with the p95 target, in the table's order; the saves follow them.
SIGNED_IN_PAGES = (
    "my_tasks",
    "task_list",
    "step_page",
    "findings_page",
    "finding_page",
    "matrix",
    "overview",
    "check_answers",
)
PAGES = [
    ("home", "Home"),
    ("catalogue_page_1", "Catalogue, page 1"),
    ("catalogue_search", "Catalogue, filtered search"),
    ("platform", "Platform page"),
    ("matrix", "Assessment matrix (resultaat)"),
    ("comparison_4", "Comparison of 4"),
    ("overview", "Overview"),
    ("api_assessments", "API: published assessments, page 1"),
    ("api_assessment", "API: one assessment"),
    ("api_platforms", "API: platforms, filtered"),
    ("api_platform", "API: one platform"),
]


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def env(**overrides: str) -> dict[str, str]:
    values = dict(os.environ)
    values.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": f"{PG}/{DB_NAME}",
            "DEBUG": "false",
            "HTTPS": "false",
            "DEMO_MODE": "false",
            "SECRET_KEY": "bench-" + os.urandom(24).hex(),
            "ALLOWED_HOSTS": f"{HOST},localhost",
            "LOG_LEVEL": "WARNING",
            # wrk is one address; the API's per-address limit would answer 429 at once.
            "API_ANON_RATE": "1000000/second",
            "PYTHONPATH": str(ROOT),
        }
    )
    values.update(overrides)
    return values


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=ROOT, env=env(), check=True, text=True, **kwargs)


def manage(*args: str) -> None:
    run([sys.executable, "manage.py", *args])


def probe(*args: str) -> dict:
    """Run a probe in its own process; a probe that fails is reported, not fatal."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.probe", *args],
        cwd=ROOT,
        env=env(),
        text=True,
        capture_output=True,
    )
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("PROBE_JSON ")]
    if done.returncode != 0 or not lines:
        reason = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"available": False, "reason": f"probe {args[0]} failed: {reason}"}
    return json.loads(lines[-1].removeprefix("PROBE_JSON "))


def psql(sql: str, db: str = "postgres") -> str:
    return subprocess.run(
        ["psql", "-h", HOST, "-U", "postgres", "-d", db, "-tAc", sql],
        check=True,
        text=True,
        capture_output=True,
    ).stdout.strip()


def machine() -> dict:
    meminfo = Path("/proc/meminfo").read_text()
    total_kb = int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1))
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"model name\s*:\s*(.+)", cpuinfo)
    import django

    return {
        "nproc": os.cpu_count(),
        "memory_gb": round(total_kb / 2**20, 1),
        "cpu": model.group(1).strip() if model else platform.processor(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgresql": psql("SHOW server_version"),
        "wrk": subprocess.run(["wrk", "-v"], text=True, capture_output=True).stdout.split("\n")[0]
        or "wrk",
        "load_average_at_start": os.getloadavg(),
    }


# --- steps ----------------------------------------------------------------------------------


def prepare_database(platforms: int, assessments: int, seed: int) -> dict:
    psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    psql(f"CREATE DATABASE {DB_NAME}")
    timings = {}
    started = time.perf_counter()
    manage("migrate", "--verbosity", "0")
    manage("load_framework", "--verbosity", "0")
    manage("load_catalogue", "--verbosity", "0")
    timings["migrate_and_load_seconds"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    manage(
        "seed_scale",
        "--platforms",
        str(platforms),
        "--assessments",
        str(assessments),
        "--seed",
        str(seed),
    )
    timings["seed_seconds"] = round(time.perf_counter() - started, 1)
    timings["counts"] = table_counts()
    return timings


COUNTED_TABLES = (
    "assessments_platform",
    "assessments_assessment",
    "assessments_answer",
    "assessments_finding",
)


def table_counts() -> dict[str, int]:
    # Fixed table names from the tuple above, not input.
    return {t: int(psql(f"SELECT count(*) FROM {t}", DB_NAME)) for t in COUNTED_TABLES}  # noqa: S608


def port_in_use() -> bool:
    with socket.socket() as probe_socket:
        return probe_socket.connect_ex((HOST, PORT)) == 0


def start_gunicorn(workers: int, page_cache: bool = True) -> subprocess.Popen:
    if port_in_use():
        raise SystemExit(f"{HOST}:{PORT} is in use (an earlier benchmark still running?)")
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    process = subprocess.Popen(
        [
            gunicorn,
            "inclusief.wsgi:application",
            "--workers",
            str(workers),
            "--bind",
            f"{HOST}:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env(**({} if page_cache else {"PAGE_CACHE_SECONDS": "0"})),
    )
    for _ in range(60):
        try:
            urllib.request.urlopen(f"http://{HOST}:{PORT}/health/", timeout=2).read()
            return process
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit("gunicorn did not answer within 30 s")


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024


def worker_rss(process: subprocess.Popen) -> dict[str, float]:
    return {str(pid): round(rss_mb(pid), 1) for pid in worker_pids(process.pid)}


def warm_up(url: str, count: int = 20, seconds: float = 5.0) -> int:
    """Up to ``count`` requests, stopping after ``seconds`` (a slow page must not eat the
    benchmark's time budget before it is even measured)."""
    status = 0
    deadline = time.monotonic() + seconds
    for _ in range(count):
        if time.monotonic() > deadline:
            break
        with urllib.request.urlopen(f"http://{HOST}:{PORT}{url}", timeout=60) as response:
            response.read()
            status = response.status
    return status


def _wrk(script: str, url: str, seconds: int, threads: int, connections: int, *args: str) -> dict:
    """Run wrk with one of our Lua scripts, which prints its figures as one BENCH_JSON line."""
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "-s",
            str(ROOT / "bench" / script),
            f"http://{HOST}:{PORT}{url}",
            *(["--", *args] if args else []),
        ],
        cwd=ROOT,
        check=True,
        text=True,
        capture_output=True,
    ).stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("BENCH_JSON "))
    return json.loads(line.removeprefix("BENCH_JSON "))


def load(url: str, seconds: int, threads: int, connections: int) -> dict:
    return _wrk("report.lua", url, seconds, threads, connections)


def load_pages(
    targets: dict, args, page_cache: bool = True, then=None
) -> tuple[dict, dict, dict | None]:
    """Each page under wrk; with ``page_cache`` off every request renders the page. ``then``,
    if given, is called with the gunicorn process after the pages (its caches still warm) and
    its result returned third."""
    process = start_gunicorn(args.workers, page_cache)
    results: dict[str, dict] = {}
    extra = None
    try:
        for key in ["bare", *[k for k, _ in PAGES]]:
            target = targets[key]
            if not target["available"]:
                results[key] = target
                log(f"{key}: not available ({target['reason']})")
                continue
            url = target["url"]
            warm_up(url)
            measured = load(url, args.seconds, args.threads, args.connections)
            results[key] = {"available": True, "url": url, **measured}
            log(
                f"{key}: {measured['rps']:.1f} req/s, p50 {measured['p50_ms']:.1f} ms, "
                f"p95 {measured['p95_ms']:.1f} ms, errors {measured['errors']}, "
                f"non-2xx {measured['non_2xx']}"
            )
        workers = worker_rss(process)
        if then is not None:
            extra = then(process)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    bare = results["bare"]
    for key, _label in PAGES:
        page = results[key]
        if page.get("available"):
            page["rps_share_of_bare"] = page["rps"] / bare["rps"]
            page["p95_ratio_to_bare"] = page["p95_ms"] / bare["p95_ms"]
            page["p50_ratio_to_bare"] = page["p50_ms"] / bare["p50_ms"]
    return results, workers, extra


def log_mixed(mix: dict) -> None:
    if not mix.get("available"):
        log(f"mixed: not available ({mix.get('reason')})")
        return
    public, signed = mix["public"], mix["signed_in"]
    log(
        f"mixed public: {public['rps']:.1f} req/s ({public['rps_share_of_bare']:.2f} of bare), "
        f"p95 {public['p95_ms']:.1f} ms, non-2xx {public['non_2xx']}"
    )
    for kind, row in signed["kinds"].items():
        log(
            f"mixed signed in {kind}: {row['requests']} requests, p50 {_ms(row['p50_ms'])} ms, "
            f"p95 {_ms(row['p95_ms'])} ms, failed {row['failed']}"
        )
    log(
        f"mixed: {signed['error_count']} errors {signed['errors'][:3]}; in the database "
        f"{mix['writes_in_db']}; public version unchanged: {mix['public_version_unchanged']}"
    )


def catalogue_report() -> dict:
    started = time.perf_counter()
    job = probe("catalogue-start")
    if not job.get("available"):
        return job
    run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
        capture_output=True,
    )
    wall = time.perf_counter() - started
    status = probe("catalogue-status", job["job"])
    return {"available": True, "assessments": job["assessments"], "wall_seconds": wall, **status}


def load_mixed(paths: list[str], seconds: int, threads: int, connections: int) -> dict:
    """wrk over ``paths`` in turn (bench/mixed.lua): the anonymous visitors of the mix."""
    return _wrk("mixed.lua", "/", seconds, threads, connections, *paths)


def mixed_pass(targets: dict, args, process: subprocess.Popen) -> dict:
    """Anonymous visitors read the public pages (wrk) while ``args.analysts`` signed-in
    analysts save steps and review findings in their own concepts (bench/mixed.py).

    Runs on the gunicorn of the pages' pass, right after it: its page caches are warm, as a
    site's are while people work."""
    public = [targets[k]["url"] for k in MIXED_PUBLIC if targets[k]["available"]]
    password = secrets.token_urlsafe(18)
    plans = probe("analysts", str(args.analysts), password)
    if not plans.get("available"):
        return plans
    before = plans["versions"]
    since = datetime.datetime.now(datetime.UTC).isoformat()
    for url in public:
        warm_up(url)
    outcome = mixed.run_analysts(
        HOST,
        PORT,
        plans["analysts"],
        password,
        pause=args.analyst_pause,
        while_running=lambda: load_mixed(
            public, args.mixed_seconds, args.threads, args.connections
        ),
    )
    workers = worker_rss(process)
    written = probe("writes-check", since)
    return {
        "available": True,
        "seconds": args.mixed_seconds,
        "public_pages": [k for k in MIXED_PUBLIC if targets[k]["available"]],
        "public": outcome["public"],
        "signed_in": outcome["signed_in"],
        "writes_in_db": written,
        "public_version_unchanged": (
            before.get("public") == written["versions"].get("public")
            if written.get("available")
            else None
        ),
        "worker_rss_mb": workers,
    }


def mixed_against_bare(mix: dict, pages: dict) -> dict:
    """Add the public pages' share of the bare view, and what the same pages give without
    analysts: one request of each in turn, from the single pages (harmonic mean of req/s)."""
    if mix.get("available"):
        mix["public"]["rps_share_of_bare"] = mix["public"]["rps"] / pages["bare"]["rps"]
        alone = [pages[k]["rps"] for k in mix["public_pages"] if pages[k].get("available")]
        mix["public_alone_rps"] = len(alone) / sum(1 / r for r in alone) if alone else None
    return mix


def export_memory() -> dict:
    """The full export's memory, measured by bench/export_probe.py in its own process."""
    script = ROOT / "bench" / "export_probe.py"
    if not script.exists():
        return {"available": False, "reason": "bench/export_probe.py not in this build"}
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=ROOT,
        env=env(),
        text=True,
        capture_output=True,
        timeout=900,
    )
    lines = [ln for ln in done.stdout.splitlines() if ln.strip().startswith("{")]
    if done.returncode != 0 or not lines:
        reason = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"available": False, "reason": f"export probe failed: {reason}"}
    return {"available": True, **json.loads(lines[-1])}


# --- report ---------------------------------------------------------------------------------


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "**missed**")


def markdown(result: dict) -> str:
    pages = result["pages"]
    bare = pages["bare"]
    m = result["machine"]
    lines = [
        f"Measured {result['date']} on {m['nproc']} cores ({m['cpu']}), {m['memory_gb']} GB, "
        f"Python {m['python']}, Django {m['django']}, PostgreSQL {m['postgresql']}, {m['wrk']}. "
        f"Load average at start: {', '.join(f'{x:.1f}' for x in m['load_average_at_start'])}.",
        "",
        f"Data: {result['data']['counts']['assessments_platform']} platforms, "
        f"{result['data']['counts']['assessments_assessment']} assessments, "
        f"{result['data']['counts']['assessments_answer']} answers, "
        f"{result['data']['counts']['assessments_finding']} findings "
        f"(seeded in {result['data']['seed_seconds']} s). "
        f"Load: wrk {result['load']['threads']} threads, {result['load']['connections']} "
        f"connections, {result['load']['seconds']} s per page, gunicorn "
        f"{result['load']['workers']} sync workers.",
        "",
        "| Page | req/s | share of bare | p50 ms | p95 ms | p95 / bare | target |",
        "|---|---:|---:|---:|---:|---:|---|",
        f"| Bare view (ceiling) | {bare['rps']:.1f} | 1.00 | {bare['p50_ms']:.1f} | "
        f"{bare['p95_ms']:.1f} | 1.00 | |",
    ]
    for key, label in PAGES:
        page = pages[key]
        if not page.get("available"):
            lines.append(f"| {label} | not available in this build | | | | | n/a |")
            continue
        ok = (
            page["rps_share_of_bare"] >= TARGETS["throughput_share_min"]
            and page["p95_ratio_to_bare"] <= TARGETS["p95_ratio_max"]
            and page["errors"] == 0
            and page["non_2xx"] == 0
        )
        lines.append(
            f"| {label} | {page['rps']:.1f} | {page['rps_share_of_bare']:.2f} | "
            f"{page['p50_ms']:.1f} | {page['p95_ms']:.1f} | {page['p95_ratio_to_bare']:.2f} | "
            f"{verdict(ok)} |"
        )
    uncached = result.get("pages_uncached")
    if uncached:
        ubare = uncached["bare"]
        lines += [
            "",
            "With the page cache off (`PAGE_CACHE_SECONDS=0`), every request renders its page: "
            "what a signed-in user, or the first anonymous visitor after a change, waits for. "
            "For reference; the targets apply to the pages as served above.",
            "",
            "| Page, every request rendered | req/s | share of bare | p50 ms | p95 ms "
            "| p95 / bare |",
            "|---|---:|---:|---:|---:|---:|",
            f"| Bare view (ceiling) | {ubare['rps']:.1f} | 1.00 | {ubare['p50_ms']:.1f} | "
            f"{ubare['p95_ms']:.1f} | 1.00 |",
        ]
        for key, label in PAGES:
            page = uncached[key]
            if page.get("available"):
                lines.append(
                    f"| {label} | {page['rps']:.1f} | {page['rps_share_of_bare']:.2f} | "
                    f"{page['p50_ms']:.1f} | {page['p95_ms']:.1f} | "
                    f"{page['p95_ratio_to_bare']:.2f} |"
                )
    lines += mixed_markdown(result.get("mixed"), pages["bare"])
    pdf = result["pdf"]
    catalogue = result["catalogue_report"]
    rss = result["worker_rss_mb"]
    lines += ["", "| Measure | value | target | |", "|---|---:|---|---|"]
    if pdf.get("available"):
        lines += [
            f"| One assessment's PDF (median of {pdf['runs']}) | {pdf['pdf_seconds']:.2f} s | | |",
            f"| WeasyPrint alone, same HTML (ceiling) | {pdf['weasyprint_seconds']:.2f} s | | |",
            f"| PDF / WeasyPrint alone | {pdf['ratio']:.2f} | ≤ {TARGETS['pdf_ratio_max']} | "
            f"{verdict(pdf['ratio'] <= TARGETS['pdf_ratio_max'])} |",
            f"| First PDF in a fresh process | {pdf['pdf_cold_seconds']:.2f} s | | |",
            f"| Peak memory of one PDF (Python allocations, tracemalloc) | "
            f"{pdf['pdf_peak_python_mb']:.0f} MB | | |",
            f"| Peak RSS of the process after one PDF | {pdf['process_peak_rss_mb']:.0f} MB | | |",
        ]
    else:
        lines.append(f"| One assessment's PDF | not available: {pdf['reason']} | ≤ 1.3 × | n/a |")
    # After the pages, and after the analysts' signed-in pages and saves on the same workers.
    rss = {
        **rss,
        **{
            f"mixed-{k}": v for k, v in (result.get("mixed") or {}).get("worker_rss_mb", {}).items()
        },
    }
    worst = max(rss.values()) if rss else None
    shown = f"{worst:.0f} MB" if worst else "unknown"
    lines.append(
        f"| Gunicorn worker RSS after the run (largest) | "
        f"{shown} | < {TARGETS['worker_rss_mb_max']} MB | "
        f"{verdict(None if worst is None else worst < TARGETS['worker_rss_mb_max'])} |"
    )
    if catalogue.get("available"):
        seconds = catalogue["enqueued_to_finished_seconds"] or catalogue["wall_seconds"]
        lines.append(
            f"| Catalogue report, {catalogue['assessments']} assessments, background task "
            f"({catalogue['status']}) | {seconds:.1f} s | ≤ {TARGETS['catalogue_seconds_max']} s "
            f"| {verdict(catalogue['status'] == 'done' and seconds <= 60)} |"
        )
    else:
        lines.append(
            f"| Catalogue report (73) | not available: {catalogue['reason']} | ≤ 60 s | n/a |"
        )
    lines += export_markdown(result.get("export"))
    lines += ["", f"Whole benchmark: {result['total_seconds'] / 60:.1f} minutes."]
    return "\n".join(lines)


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def mixed_markdown(mix: dict | None, bare: dict) -> list[str]:
    """The mixed scenario's tables: public pages against the bare view while analysts work,
    the analysts' pages and saves, and what the saves left in the database."""
    if mix is None:
        return []
    if not mix.get("available"):
        return ["", f"Mixed scenario: not available ({mix.get('reason', 'skipped')})."]
    public, signed = mix["public"], mix["signed_in"]
    share = public["rps_share_of_bare"]
    all_requests = public["requests"] + signed["requests"]
    lines = [
        "",
        f"**Mixed scenario** ({mix['seconds']} s): anonymous visitors read "
        f"{len(mix['public_pages'])} public pages in turn (wrk, same threads and connections) "
        f"while {signed['analysts']} signed-in analysts, each in their own concept, go round "
        f"Mijn taken, the task list, a questionnaire step (saved), a findings page, one finding "
        f"(review saved), the matrix and the overview, {signed['pause_seconds']} s apart. "
        f"Signed-in requests: {signed['requests']} of {all_requests} "
        f"({signed['requests'] / all_requests:.1%}), {signed['writes']} of them saves.",
        "",
        "| Mixed scenario | requests | req/s | share of bare | p50 ms | p95 ms | failed | target "
        "| |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|",
        f"| Public pages, while analysts save | {public['requests']} | {public['rps']:.1f} | "
        f"{share:.2f} | {public['p50_ms']:.1f} | {public['p95_ms']:.1f} | "
        f"{public['errors'] + public['non_2xx']} | ≥ {TARGETS['mixed_share_min']} × bare | "
        f"{verdict(share >= TARGETS['mixed_share_min'] and not public['non_2xx'])} |",
    ]
    if mix.get("public_alone_rps"):
        lines.append(
            f"| (the same pages without analysts, from the first table) | | "
            f"{mix['public_alone_rps']:.1f} | {mix['public_alone_rps'] / bare['rps']:.2f} "
            f"| | | | | |"
        )
    for kind in [*SIGNED_IN_PAGES, *mixed.WRITES]:
        row = signed["kinds"].get(kind)
        if row is None:
            continue
        if kind == "step_save":
            limit = TARGETS["step_save_p95_ms_max"]
        elif kind in mixed.WRITES:
            limit = None
        else:
            limit = TARGETS["signed_in_p95_ms_max"]
        ok = None if limit is None else (row["p95_ms"] <= limit and row["failed"] == 0)
        lines.append(
            f"| Signed in: {mixed.KINDS[kind]} | {row['requests']} | "
            f"{row['requests'] / signed['seconds']:.1f} | | {_ms(row['p50_ms'])} | "
            f"{_ms(row['p95_ms'])} | {row['failed']} | "
            f"{'' if limit is None else f'p95 ≤ {limit} ms'} | {verdict(ok)} |"
        )
    db = mix.get("writes_in_db", {})
    unchanged = mix["public_version_unchanged"]
    lines += [
        "",
        f"Saves that answered with their redirect: {signed['writes_ok']} of {signed['writes']}; "
        f"failed requests of the analysts: {signed['failed']}"
        + (f" (first: {signed['errors'][0]})" if signed["errors"] else "")
        + ". In the database afterwards: "
        + (
            f"{db['answers_changed']} answers changed ({db['answer_saves']} answer versions "
            f"in their history), {db['findings_reviewed']} findings with a new review "
            f"({db['finding_saves']} versions) in {db['assessments']} concepts"
            if db.get("available")
            else "not checked"
        )
        + ". The public pages' content version "
        + (
            "was not checked."
            if unchanged is None
            else "was the same before and after: concept work retired no cached public page."
            if unchanged
            else "**changed during the run**: something retired the cached public pages."
        ),
    ]
    return lines


def export_markdown(export: dict | None) -> list[str]:
    """The full export's memory (bench/export_probe.py) as rows of a table of its own."""
    if export is None:
        return []
    limit = TARGETS["export_peak_mb_max"]
    header = ["", "| Full export | value | target | |", "|---|---:|---|---|"]
    if not export.get("available"):
        return [
            *header,
            f"| Peak memory | not available: {export['reason']} | ≤ {limit} MB | n/a |",
        ]
    peak = export["peak_rss_mb"]
    return [
        *header,
        f"| Assessments exported, files written | {export['assessments']}, {export['files']} | | |",
        f"| Time | {export['seconds']:.1f} s | | |",
        f"| Peak memory of the process (RSS) | {peak:.0f} MB | ≤ {limit} MB | "
        f"{verdict(peak <= limit)} |",
        f"| RSS before the export started | {export['rss_before_mb']:.0f} MB | | |",
        f"| Peak Python allocations (tracemalloc) | {export['tracemalloc_peak_mb']:.1f} MB | | |",
    ]


BEGIN = "<!-- bench:results:begin -->"
END = "<!-- bench:results:end -->"


def write_docs(result: dict, json_path: Path, doc: Path = ROOT / "docs" / "performance.md") -> None:
    """Replace what stands between the ``bench:results`` markers of ``doc``, nothing else."""
    table = (
        f"{BEGIN}\n_Generated by `bench/run.sh` from "
        f"`{json_path.relative_to(ROOT)}`._\n\n{markdown(result)}\n{END}"
    )
    text = doc.read_text() if doc.exists() else f"# Performance\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text:
        text += f"\n{BEGIN}\n{END}\n"
    before, rest = text.split(BEGIN, 1)
    after = rest.split(END, 1)[1]
    doc.write_text(before + table + after)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--platforms", type=int, default=10_000)
    parser.add_argument("--assessments", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per page")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-seed", action="store_true", help="reuse the bench database")
    parser.add_argument("--no-docs", action="store_true", help="do not rewrite the docs table")
    parser.add_argument(
        "--skip-uncached", action="store_true", help="skip the pass with the page cache off"
    )
    parser.add_argument("--skip-mixed", action="store_true", help="skip the mixed scenario")
    parser.add_argument(
        "--skip-export",
        action="store_true",
        help="skip the full open-data export (about 9 minutes at 50,000 assessments)",
    )
    parser.add_argument(
        "--skip-pdf",
        action="store_true",
        help="skip the PDF, the catalogue report and the export (quick runs while developing)",
    )
    parser.add_argument(
        "--mixed-seconds", type=int, help="length of the mixed scenario (default 6 x --seconds)"
    )
    parser.add_argument("--analysts", type=int, default=4, help="signed-in analysts in the mix")
    parser.add_argument(
        "--analyst-pause",
        type=float,
        default=0.5,
        help="seconds each analyst waits between two requests",
    )
    args = parser.parse_args()
    if args.mixed_seconds is None:
        args.mixed_seconds = 6 * args.seconds

    started = time.perf_counter()
    result: dict = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "targets": TARGETS,
        "load": {
            "seconds": args.seconds,
            "threads": args.threads,
            "connections": args.connections,
            "workers": args.workers,
            "analysts": args.analysts,
            "analyst_pause": args.analyst_pause,
            "mixed_seconds": args.mixed_seconds,
        },
    }
    if args.skip_seed:
        log("reusing the existing bench database")
        result["data"] = {"counts": table_counts(), "seed_seconds": "(reused)"}
    else:
        log(f"database {DB_NAME}: {args.platforms} platforms, {args.assessments} assessments")
        result["data"] = prepare_database(args.platforms, args.assessments, args.seed)
    log("choosing the pages")
    targets = probe("targets")
    result["targets_chosen"] = targets
    log("load on each page with wrk")

    def then(process: subprocess.Popen) -> dict:
        log(f"worker RSS after the pages: {worker_rss(process)}")
        log(
            f"mixed scenario: public pages while {args.analysts} analysts save "
            f"({args.mixed_seconds} s)"
        )
        return mixed_pass(targets, args, process)

    result["pages"], result["worker_rss_mb"], mix = load_pages(
        targets, args, then=None if args.skip_mixed else then
    )
    if mix is not None:
        result["mixed"] = mixed_against_bare(mix, result["pages"])
        log_mixed(result["mixed"])
    if not args.skip_uncached:
        log("the same pages with the page cache off (every request rendered)")
        result["pages_uncached"], _rss, _none = load_pages(targets, args, page_cache=False)
    if args.skip_pdf:
        skipped = {"available": False, "reason": "skipped (--skip-pdf)"}
        result["pdf"] = result["catalogue_report"] = skipped
    else:
        log("one assessment's PDF against WeasyPrint alone")
        result["pdf"] = probe("pdf")
        log(f"pdf: {result['pdf']}")
        log("catalogue report of 73 assessments as a background task")
        result["catalogue_report"] = catalogue_report()
        log(f"catalogue report: {result['catalogue_report']}")
    if args.skip_pdf or args.skip_export:
        reason = "--skip-pdf" if args.skip_pdf else "--skip-export"
        result["export"] = {"available": False, "reason": f"skipped ({reason})"}
    else:
        log("memory of the full export (bench/export_probe.py)")
        result["export"] = export_memory()
        log(f"export: {result['export']}")
    result["total_seconds"] = round(time.perf_counter() - started, 1)

    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H%M")
    json_path = ROOT / "bench" / "results" / f"{stamp}.json"
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(result, indent=2, default=str) + "\n")
    if not args.no_docs:
        write_docs(result, json_path)
    print(markdown(result))
    log(f"done in {result['total_seconds'] / 60:.1f} minutes; results in {json_path}")


if __name__ == "__main__":
    main()
