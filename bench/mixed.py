"""Signed-in analysts for the benchmark's mixed scenario: real sign-ins, page loads and saves.

While wrk reads public pages, each analyst (one thread, bench/run.py starts them) signs in
through the login page and then goes round its own concept assessment as a person would:
"Mijn taken", the assessment's task list, a questionnaire step (the form read from the page,
a note changed, posted back with the page's CSRF token and lock version, the redirect
followed), a findings page, one finding's page and its review form posted back the same way,
the matrix and the overview. Every response is checked: a save must answer with a redirect
to the next page (a 200 is a form error, 403 a CSRF failure, a redirect to the login page a
lost session), and any other status than 2xx/3xx is counted as a failure.

Standard library only (http.client, html.parser): no dependency of its own, no Django.
"""

from __future__ import annotations

import http.client
import math
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie

# What each request is, for the report (in this order).
KINDS = {
    "my_tasks": "Mijn taken",
    "task_list": "Task list of the assessment",
    "step_page": "Questionnaire step page",
    "findings_page": "Findings page (one criterion)",
    "finding_page": "One finding's review page",
    "matrix": "Matrix (resultaat) of the concept",
    "overview": "Overview",
    "check_answers": "Antwoorden controleren",
    "step_save": "Saving a step (POST)",
    "finding_review": "Saving a finding review (POST)",
}
WRITES = ("step_save", "finding_review")


# --- pure helpers -------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float | None:
    """The nearest-rank percentile ``p`` (0-100) of ``values``; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def summarize(samples: list[tuple[str, float, bool]], seconds: float) -> dict:
    """Per kind of request: count, failures, p50/p95/max in ms, from ``(kind, ms, ok)``."""
    kinds: dict[str, dict] = {}
    for kind in [*KINDS, *sorted({k for k, _ms, _ok in samples} - set(KINDS))]:
        times = [ms for k, ms, _ok in samples if k == kind]
        if not times:
            continue
        kinds[kind] = {
            "requests": len(times),
            "failed": sum(1 for k, _ms, ok in samples if k == kind and not ok),
            "p50_ms": percentile(times, 50),
            "p95_ms": percentile(times, 95),
            "max_ms": max(times),
        }
    total = len(samples)
    return {
        "requests": total,
        "failed": sum(1 for _k, _ms, ok in samples if not ok),
        "writes": sum(1 for k, _ms, _ok in samples if k in WRITES),
        "writes_ok": sum(1 for k, _ms, ok in samples if k in WRITES and ok),
        "rps": total / seconds if seconds else 0.0,
        "kinds": kinds,
    }


@dataclass
class Form:
    """One HTML form as a browser would submit it: its action and its successful fields."""

    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    # Submit buttons are kept apart: a browser sends only the one that was pressed.
    buttons: list[tuple[str, str]] = field(default_factory=list)

    def get(self, name: str) -> str | None:
        return next((v for k, v in self.fields if k == name), None)

    def set(self, name: str, value: str) -> None:
        """Replace every value of ``name`` with ``value`` (or add it)."""
        self.fields = [(k, v) for k, v in self.fields if k != name] + [(name, value)]


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._option_value: str | None = None
        self._option_text = ""
        self._option_selected = False
        self._textarea: str | None = None
        self._textarea_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self._form = Form(action=a.get("action", ""), method=a.get("method", "get").lower())
            self.forms.append(self._form)
            return
        form = self._form
        if form is None or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    form.fields.append((name, a.get("value", "on")))
            elif kind in ("submit", "image"):
                form.buttons.append((name, a.get("value", "")))
            elif kind not in ("button", "reset", "file"):
                form.fields.append((name, a.get("value", "")))
        elif tag == "button" and name and a.get("type", "submit").lower() == "submit":
            form.buttons.append((name, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea, self._textarea_text = name, ""
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select:
            self._option_value = a.get("value")
            self._option_text = ""
            self._option_selected = "selected" in a

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea_text += data
        if self._select is not None and self._option_value is None:
            self._option_text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            # The HTML parser keeps the newline that follows <textarea>; browsers drop it.
            text = self._textarea_text.removeprefix("\r\n").removeprefix("\n")
            self._form.fields.append((self._textarea, text))
            self._textarea = None
        elif tag == "option" and self._select is not None:
            self._close_option()
        elif tag == "select" and self._select is not None and self._form is not None:
            self._close_option()
            if not self._select_chosen and self._select_first is not None:
                self._form.fields.append((self._select, self._select_first))
            self._select = None

    def _close_option(self) -> None:
        if self._option_value is None and not self._option_text:
            return
        value = self._option_value if self._option_value is not None else self._option_text.strip()
        if self._select_first is None:
            self._select_first = value
        if self._option_selected and self._form is not None and self._select is not None:
            self._form.fields.append((self._select, value))
            self._select_chosen = True
        self._option_value, self._option_text, self._option_selected = None, "", False


def parse_forms(html: str) -> list[Form]:
    """The forms of ``html`` with the values a browser would submit."""
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


def post_form(forms: list[Form], path: str) -> Form | None:
    """The POST form that submits to ``path`` (its action, or no action: the page itself)."""
    for form in forms:
        if form.method == "post" and (form.action in ("", path) or form.action.endswith(path)):
            return form
    return None


class CookieJar:
    """The few cookies one signed-in browser keeps for one site."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def update(self, set_cookie_headers: list[str]) -> None:
        for header in set_cookie_headers:
            jar: SimpleCookie = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                gone = morsel["max-age"] == "0" or (
                    morsel["expires"] and "1970" in morsel["expires"]
                )
                if gone or morsel.value == "":
                    self.values.pop(name, None)
                else:
                    self.values[name] = morsel.value

    def header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.values.items())


# --- the analysts -------------------------------------------------------------------------


class Failure(Exception):
    """A response that a person would notice as an error."""


class Stopped(Exception):
    """The public load is over: the analyst stops between two requests."""


@dataclass
class Response:
    status: int
    location: str
    body: str


class Analyst:
    """One signed-in person, in one thread, with their own cookies and assessment."""

    def __init__(self, host: str, port: int, plan: dict, pause: float) -> None:
        self.host, self.port, self.plan, self.pause = host, port, plan, pause
        self.cookies = CookieJar()
        self.samples: list[tuple[str, float, bool]] = []
        self.errors: list[str] = []
        self.recording = False
        self.stop: threading.Event | None = None
        self.round = 0

    # HTTP -------------------------------------------------------------------------------

    def request(
        self,
        kind: str,
        method: str,
        path: str,
        data: list | None = None,
        *,
        expect: tuple[int, ...] = (),
    ) -> Response:
        """One request on a new connection (gunicorn's sync workers close each one), timed and
        checked: a failure is any status but 2xx/3xx, a redirect to the login page, or, with
        ``expect``, any other status (a page must answer 200; a save its redirect, since a 200
        is the form shown again with errors)."""
        headers = {"Host": f"{self.host}:{self.port}", "User-Agent": "inclusief-bench-analyst"}
        if self.cookies.values:
            headers["Cookie"] = self.cookies.header()
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://{self.host}:{self.port}"
            headers["Referer"] = f"http://{self.host}:{self.port}{path}"
        started = time.perf_counter()
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            content = raw.read()
            elapsed = (time.perf_counter() - started) * 1000
            self.cookies.update(raw.headers.get_all("Set-Cookie") or [])
            response = Response(raw.status, raw.headers.get("Location", ""), content.decode())
        except OSError as exc:
            self._record(kind, (time.perf_counter() - started) * 1000, False)
            raise Failure(f"{kind} {path}: {exc}") from exc
        finally:
            connection.close()
        ok = 200 <= response.status < 400 and "/account/inloggen/" not in response.location
        if expect:
            ok = ok and response.status in expect
        self._record(kind, elapsed, ok)
        if not ok:
            raise Failure(f"{kind} {method} {path}: {response.status} {response.location}")
        return response

    def _record(self, kind: str, ms: float, ok: bool) -> None:
        if self.recording:
            self.samples.append((kind, ms, ok))

    def get(self, kind: str, path: str) -> Response:
        return self.request(kind, "GET", path, expect=(200,))

    def submit(self, kind: str, path: str, form: Form, button: tuple | None = None) -> Response:
        """POST ``form`` and follow its redirect; a save that does not redirect failed."""
        data = list(form.fields) + ([button] if button else [])
        response = self.request(kind, "POST", path, data, expect=(302, 303))
        target = urllib.parse.urlsplit(response.location).path
        return self.get(_kind_of(target, self.plan), target)

    def pace(self) -> None:
        if self.pause:
            time.sleep(self.pause)
        if self.stop is not None and self.stop.is_set():
            raise Stopped

    # what a person does ----------------------------------------------------------------

    def sign_in(self, password: str) -> None:
        login = self.plan["login"]
        page = self.request("login", "GET", login)
        form = post_form(parse_forms(page.body), login)
        if form is None or not form.get("csrfmiddlewaretoken"):
            raise Failure("no login form with a CSRF token")
        form.set("username", self.plan["username"])
        form.set("password", password)
        response = self.request("login", "POST", login, form.fields)
        if response.status != 302 or "sessionid" not in self.cookies.header():
            raise Failure(f"sign-in of {self.plan['username']} failed: {response.status}")

    def one_round(self) -> None:
        plan, n = self.plan, self.round
        self.round += 1
        self.get("my_tasks", plan["my_tasks"])
        self.pace()
        self.get("task_list", plan["task_list"])
        self.pace()
        step = plan["steps"][n % len(plan["steps"])]
        self.save_step(step, n)
        self.pace()
        finding = plan["findings"][n % len(plan["findings"])]
        self.get("findings_page", finding["findings_url"])
        self.pace()
        self.review_finding(finding["url"], n)
        self.pace()
        self.get("matrix", plan["matrix"])
        self.pace()
        self.get("overview", plan["overview"])
        self.pace()

    def save_step(self, path: str, n: int) -> None:
        page = self.get("step_page", path)
        self.pace()
        form = post_form(parse_forms(page.body), path)
        if form is None or not form.get("lock_version") or not form.get("csrfmiddlewaretoken"):
            raise Failure(f"step {path}: no form with a lock version and a CSRF token")
        for name, _value in list(form.fields):
            if name.endswith("-note"):
                form.set(name, f"Bench {self.plan['username']}, ronde {n}: nagevraagd.")
        button = next((b for b in form.buttons if b == ("next", "continue")), None)
        self.submit("step_save", path, form, button)

    def review_finding(self, path: str, n: int) -> None:
        page = self.get("finding_page", path)
        self.pace()
        form = post_form(parse_forms(page.body), path)
        if form is None or not form.get("lock_version"):
            raise Failure(f"finding {path}: no review form with a lock version")
        form.set("motivation", f"Bench {self.plan['username']}, ronde {n}: herbeoordeeld.")
        self.submit("finding_review", path, form)

    def run_until(self, stop: threading.Event) -> None:
        self.stop = stop
        while not stop.is_set():
            try:
                self.one_round()
            except Stopped:
                break
            except Failure as exc:
                self.errors.append(str(exc))
                time.sleep(0.2)  # do not spin on a broken page


def _kind_of(path: str, plan: dict) -> str:
    if path in plan["steps"]:
        return "step_page"
    if path == plan["task_list"]:
        return "task_list"
    if "/bevindingen/" in path:
        return "findings_page"
    if path.endswith("/antwoorden/"):
        return "check_answers"
    return "other"


def run_analysts(
    host: str,
    port: int,
    plans: list[dict],
    password: str,
    *,
    pause: float,
    while_running,
) -> dict:
    """Sign every analyst in, do one unmeasured round each (warm-up), then let them work
    until ``while_running()`` (the public load, run in this thread) returns; its result and
    the analysts' figures are returned together."""
    analysts = [Analyst(host, port, plan, pause) for plan in plans]
    failures: list[Exception] = []

    def prepare(analyst: Analyst) -> None:
        try:
            analyst.sign_in(password)
            analyst.pause = 0  # the warm-up round without waiting: it is not measured
            analyst.one_round()
        except Failure as exc:
            failures.append(exc)
        finally:
            analyst.pause = pause

    preparing = [threading.Thread(target=prepare, args=(a,), daemon=True) for a in analysts]
    for thread in preparing:
        thread.start()
    for thread in preparing:
        thread.join(timeout=300)
    if failures:
        raise failures[0]
    stop = threading.Event()
    for analyst in analysts:
        analyst.recording = True
    threads = [threading.Thread(target=a.run_until, args=(stop,), daemon=True) for a in analysts]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    try:
        public = while_running()
    finally:
        seconds = time.perf_counter() - started
        stop.set()
        for analyst in analysts:
            analyst.recording = False  # a request still under way when the load ended
        for thread in threads:
            thread.join(timeout=120)
    samples = [s for a in analysts for s in a.samples]
    errors = [e for a in analysts for e in a.errors]
    return {
        "public": public,
        "signed_in": {
            **summarize(samples, seconds),
            "analysts": len(analysts),
            "pause_seconds": pause,
            "seconds": seconds,
            "rounds_started": sum(a.round for a in analysts) - len(analysts),
            "errors": errors[:20],
            "error_count": len(errors),
        },
    }
