"""The benchmark's mixed scenario: its pure parts, without a server or a database.

The analysts post forms the way a browser would (bench/mixed.py), and the report turns their
timings into percentiles and a table with targets (bench/run.py). A slip in either would
silently measure the wrong thing: a form posted without its CSRF token or lock version
measures 403s, a percentile off by one rank flatters the p95.
"""

import pytest

from bench import mixed, run

STEP_PAGE = """
<form method="post" action="/beoordelingen/u/vragen/werk/" novalidate data-follow-ups>
  <input type="hidden" name="csrfmiddlewaretoken" value="tok123">
  <input type="hidden" name="lock_version" value="7">
  <input type="radio" name="werk-soort" value="11"><input type="radio" name="werk-soort"
    value="12" checked>
  <input type="checkbox" name="werk-vorm" value="3" checked>
  <input type="checkbox" name="werk-vorm" value="4">
  <input type="checkbox" name="werk-vorm" value="5" checked>
  <textarea name="werk-note">
Eerste regel &amp; meer</textarea>
  <input type="url" name="werk-source_url" value="https://voorbeeld.nl/a?b=1&amp;c=2">
  <input type="date" name="werk-consulted_on" value="2025-03-01">
  <input type="text" name="uit" value="x" disabled>
  <select name="priority"><option value="">---</option><option value="hoog" selected>Hoog</option>
  </select>
  <select name="owner"><option value="a">A</option><option value="b">B</option></select>
  <button type="submit" name="next" value="continue">Opslaan en verder</button>
  <button type="submit" name="next" value="later">Opslaan en later verder</button>
</form>
<form method="post" action="/i18n/setlang/"><input name="language" value="en"></form>
"""


def test_a_form_holds_what_a_browser_would_submit():
    form = mixed.post_form(mixed.parse_forms(STEP_PAGE), "/beoordelingen/u/vragen/werk/")

    assert form is not None
    assert form.fields == [
        ("csrfmiddlewaretoken", "tok123"),
        ("lock_version", "7"),
        ("werk-soort", "12"),
        ("werk-vorm", "3"),
        ("werk-vorm", "5"),
        ("werk-note", "Eerste regel & meer"),
        ("werk-source_url", "https://voorbeeld.nl/a?b=1&c=2"),
        ("werk-consulted_on", "2025-03-01"),
        ("priority", "hoog"),
        ("owner", "a"),
    ]
    assert form.buttons == [("next", "continue"), ("next", "later")]


def test_the_form_for_a_page_is_the_one_that_posts_to_it():
    forms = mixed.parse_forms(STEP_PAGE)

    assert mixed.post_form(forms, "/i18n/setlang/").fields == [("language", "en")]
    assert mixed.post_form(forms, "/elders/") is None


def test_setting_a_field_replaces_all_its_values():
    form = mixed.Form(action="", method="post", fields=[("a", "1"), ("b", "2"), ("a", "3")])

    form.set("a", "9")

    assert form.fields == [("b", "2"), ("a", "9")]


def test_cookies_follow_what_the_server_sets_and_deletes():
    jar = mixed.CookieJar()
    jar.update(["csrftoken=abc; Path=/; SameSite=Lax", "sessionid=s1; HttpOnly; Path=/"])
    jar.update(["messages=m; Path=/"])
    jar.update(['messages=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/'])

    assert jar.header() == "csrftoken=abc; sessionid=s1"


def test_percentile_is_the_nearest_rank():
    values = [float(v) for v in range(1, 21)]  # 1..20

    assert mixed.percentile(values, 50) == 10.0
    assert mixed.percentile(values, 95) == 19.0
    assert mixed.percentile(values, 100) == 20.0
    assert mixed.percentile([5.0], 95) == 5.0
    assert mixed.percentile([], 95) is None


def test_summary_counts_failures_and_saves_per_kind():
    samples = [("step_save", 100.0, True), ("step_save", 300.0, False), ("matrix", 20.0, True)]

    summary = mixed.summarize(samples, seconds=2.0)

    assert summary["requests"] == 3
    assert summary["failed"] == 1
    assert (summary["writes"], summary["writes_ok"]) == (2, 1)
    assert summary["rps"] == 1.5
    assert summary["kinds"]["step_save"] == {
        "requests": 2,
        "failed": 1,
        "p50_ms": 100.0,
        "p95_ms": 300.0,
        "max_ms": 300.0,
    }
    assert list(summary["kinds"]) == ["matrix", "step_save"]


def _mix(step_p95: float, share: float, failed: int = 0) -> dict:
    row = {"requests": 40, "failed": 0, "p50_ms": 30.0, "p95_ms": 60.0, "max_ms": 90.0}
    return {
        "available": True,
        "seconds": 60,
        "public_pages": ["home", "overview"],
        "public": {
            "requests": 60000,
            "rps": 1000.0 * share,
            "rps_share_of_bare": share,
            "p50_ms": 2.0,
            "p95_ms": 5.0,
            "errors": 0,
            "non_2xx": 0,
        },
        "public_alone_rps": 1500.0,
        "signed_in": {
            "requests": 80,
            "failed": failed,
            "writes": 40,
            "writes_ok": 40 - failed,
            "analysts": 4,
            "pause_seconds": 0.25,
            "seconds": 60.0,
            "errors": ["step_save POST /x/: 403 "] if failed else [],
            "kinds": {
                "matrix": row,
                "step_save": {**row, "p95_ms": step_p95, "failed": failed},
            },
        },
        "writes_in_db": {
            "available": True,
            "assessments": 4,
            "answers_changed": 120,
            "answer_saves": 130,
            "findings_reviewed": 10,
            "finding_saves": 12,
        },
        "public_version_unchanged": True,
    }


def test_mixed_table_says_which_targets_are_met():
    lines = run.mixed_markdown(_mix(step_p95=140.0, share=0.62), {"rps": 1000.0})
    text = "\n".join(lines)

    assert (
        "| Public pages, while analysts save | 60000 | 620.0 | 0.62 | 2.0 | 5.0 | 0 "
        "| ≥ 0.5 × bare | met |" in lines
    )
    assert (
        "| Signed in: Matrix (resultaat) of the concept | 40 | 0.7 | | 30.0 | 60.0 | 0 "
        "| p95 ≤ 100 ms | met |" in lines
    )
    assert (
        "| Signed in: Saving a step (POST) | 40 | 0.7 | | 30.0 | 140.0 | 0 "
        "| p95 ≤ 150 ms | met |" in lines
    )
    assert "Signed-in requests: 80 of 60080 (0.1%), 40 of them saves." in text
    assert "120 answers changed (130 answer versions in their history)" in text
    assert "concept work retired no cached public page" in text


def test_mixed_table_marks_a_slow_save_a_low_share_and_failed_saves_as_missed():
    lines = run.mixed_markdown(_mix(step_p95=151.0, share=0.49, failed=2), {"rps": 1000.0})

    assert lines[5].endswith("| ≥ 0.5 × bare | **missed** |")
    step = next(ln for ln in lines if "Saving a step" in ln)
    assert step.endswith("| 2 | p95 ≤ 150 ms | **missed** |")
    assert "Saves that answered with their redirect: 38 of 40" in lines[-1]
    assert "(first: step_save POST /x/: 403 )" in lines[-1]


def test_export_rows_judge_peak_memory_and_say_when_the_probe_is_missing():
    export = {
        "available": True,
        "assessments": 50000,
        "files": 6,
        "seconds": 81.25,
        "peak_rss_mb": 101.2,
        "rss_before_mb": 70.0,
        "tracemalloc_peak_mb": 12.34,
    }

    rows = run.export_markdown(export)
    missing = run.export_markdown({"available": False, "reason": "not in this build"})

    assert "| Peak memory of the process (RSS) | 101 MB | ≤ 100 MB | **missed** |" in rows
    assert "| Peak Python allocations (tracemalloc) | 12.3 MB | | |" in rows
    assert missing[-1] == "| Peak memory | not available: not in this build | ≤ 100 MB | n/a |"


def test_docs_change_only_between_the_markers(tmp_path, monkeypatch):
    doc = tmp_path / "performance.md"
    doc.write_text(f"# Performance\n\nBefore.\n\n{run.BEGIN}\nold table\n{run.END}\n\nAfter.\n")
    monkeypatch.setattr(run, "markdown", lambda result: "| new | table |")

    run.write_docs({}, run.ROOT / "bench" / "results" / "x.json", doc)

    assert doc.read_text() == (
        f"# Performance\n\nBefore.\n\n{run.BEGIN}\n"
        "_Generated by `bench/run.sh` from `bench/results/x.json`._\n\n| new | table |\n"
        f"{run.END}\n\nAfter.\n"
    )


def test_public_pages_in_the_mix_are_judged_against_the_bare_view_of_the_same_run():
    mix = _mix(step_p95=100.0, share=0.0)
    mix["public"]["rps"] = 600.0
    pages = {
        "bare": {"available": True, "rps": 1200.0},
        "home": {"available": True, "rps": 1000.0},
        "overview": {"available": True, "rps": 250.0},
    }

    run.mixed_against_bare(mix, pages)

    assert mix["public"]["rps_share_of_bare"] == 0.5
    # One request of each page in turn: 2 / (1/1000 + 1/250) requests/s.
    assert mix["public_alone_rps"] == 400.0


class _Site:
    """A stand-in server: a step page with its form, and a POST answered with ``status``."""

    FORM = (
        '<form method="post" action="/step/"><input type="hidden" name="csrfmiddlewaretoken" '
        'value="tok"><input type="hidden" name="lock_version" value="3">'
        '<textarea name="q1-note">oud</textarea>'
        '<button type="submit" name="next" value="continue">Verder</button></form>'
    )

    def __init__(self, post_status: int):
        import http.server
        import threading

        site = self
        self.posted: list[str] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                self.send_response(200)
                self.send_header("Set-Cookie", "csrftoken=tok; Path=/")
                self.end_headers()
                self.wfile.write(site.FORM.encode())

            def do_POST(self):
                length = int(self.headers["Content-Length"])
                site.posted.append(self.rfile.read(length).decode())
                self.send_response(post_status)
                if post_status == 302:
                    self.send_header("Location", "/next/")
                self.end_headers()

        self.server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.port = self.server.server_address[1]

    def analyst(self) -> mixed.Analyst:
        plan = {"username": "a1", "steps": ["/step/"], "task_list": "/t/"}
        analyst = mixed.Analyst("127.0.0.1", self.port, plan, pause=0)
        analyst.recording = True
        return analyst


def test_a_step_save_posts_the_pages_token_and_lock_version_and_counts_its_redirect():
    site = _Site(post_status=302)
    analyst = site.analyst()

    analyst.save_step("/step/", 4)
    site.server.shutdown()

    assert site.posted == [
        "csrfmiddlewaretoken=tok&lock_version=3&q1-note=Bench+a1%2C+ronde+4%3A+nagevraagd."
        "&next=continue"
    ]
    assert [(kind, ok) for kind, _ms, ok in analyst.samples] == [
        ("step_page", True),
        ("step_save", True),
        ("other", True),
    ]


def test_a_save_answered_with_403_or_with_the_form_again_is_counted_as_failed():
    for status in (403, 200):
        site = _Site(post_status=status)
        analyst = site.analyst()

        with pytest.raises(mixed.Failure, match=f"step_save POST /step/: {status}"):
            analyst.save_step("/step/", 0)
        site.server.shutdown()

        assert [(kind, ok) for kind, _ms, ok in analyst.samples] == [
            ("step_page", True),
            ("step_save", False),
        ]


def test_mixed_table_says_when_the_public_pages_were_retired_during_the_run():
    mix = _mix(step_p95=100.0, share=0.7)
    mix["public_version_unchanged"] = False

    lines = run.mixed_markdown(mix, {"rps": 1000.0})

    assert lines[-1].endswith(
        "**changed during the run**: something retired the cached public pages."
    )
