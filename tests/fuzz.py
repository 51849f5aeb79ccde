"""Hostile input for property-based tests (Hypothesis), reusable for every form and import.

    from hypothesis import given, settings
    from tests.fuzz import FUZZ_SETTINGS, assert_no_injected_markup, hostile_form

    @FUZZ_SETTINGS
    @given(data=hostile_form(["name", "website"]))
    def test_platform_form_survives_hostile_input(client, beheerder, data):
        response = client.post(url, data)
        assert response.status_code in {200, 302, 400}
        assert_no_injected_markup(response.content.decode())

Every payload that tries to inject markup carries the marker ``xss``; the checker parses the
page and fails when an element or attribute came from user text instead of our templates.
"""

from html.parser import HTMLParser

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

FUZZ_SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

MARKUP_PAYLOADS = (
    "<script>xss()</script>",
    '"><script>xss()</script>',
    "'><img src=x onerror=xss()>",
    '" onfocus="xss()" autofocus="',
    "<svg/onload=xss()>",
    "</textarea><script>xss()</script>",
    "javascript:xss()",
    "{{ xss }}{% debug %}",
    "<!--xss-->",
    "&lt;script&gt;xss()&lt;/script&gt;",
)
OTHER_PAYLOADS = (
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n\r\nX-Injected: xss",
    "\u202e\u200b\ufeff",
    "'; DROP TABLE auth_user; --",
    "%00%0d%0a",
    "../../../../etc/passwd",
    "😀" * 50,
    "ﷺ" * 30,
    "-1",
    "1e309",
    "NaN",
    "true",
    "null",
    "[]",
    '{"a": 1}',
)

_no_surrogates = st.characters(exclude_categories=["Cs"])
control_characters = st.text(st.characters(codec="ascii", categories=["Cc"]), min_size=1)


def hostile_text(max_size: int = 300) -> st.SearchStrategy[str]:
    """Strings a hostile or careless user might send in a text field."""
    return st.one_of(
        st.sampled_from(MARKUP_PAYLOADS + OTHER_PAYLOADS),
        st.text(_no_surrogates, max_size=max_size),
        control_characters,
        st.builds(
            lambda a, b, c: a + b + c,
            st.text(_no_surrogates, max_size=20),
            st.sampled_from(MARKUP_PAYLOADS),
            control_characters,
        ),
        huge_text(),
    )


def huge_text() -> st.SearchStrategy[str]:
    """Very long strings (up to 100,000 characters, well below Django's 2.5 MB body limit)."""
    return st.builds(
        lambda piece, times: piece * times,
        st.sampled_from(["A", "<b>xss</b>", "é", "\x01"]),
        st.integers(min_value=1_000, max_value=100_000 // 10),
    )


def wrong_type() -> st.SearchStrategy:
    """Values of the wrong shape for a single text field: several values, numbers, booleans."""
    return st.one_of(
        st.lists(hostile_text(40), min_size=2, max_size=4),  # the field sent more than once
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True).map(str),
        st.booleans(),
    )


def hostile_value() -> st.SearchStrategy:
    return st.one_of(hostile_text(), wrong_type())


def hostile_form(fields: list[str]) -> st.SearchStrategy[dict]:
    """POST data with some or all of ``fields`` set to hostile values (missing ones left out)."""
    return st.fixed_dictionaries({}, optional=dict.fromkeys(fields, hostile_value()))


URL_ATTRIBUTES = {"href", "src", "action", "formaction"}
ACTIVE_TAGS = {"script", "img", "svg", "iframe", "object", "embed"}


class _MarkupChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") or "xss" in name:
                self.problems.append(f"injected attribute <{tag} {name}={value[:80]!r}>")
            if name in URL_ATTRIBUTES and value.strip().lower().startswith("javascript:"):
                self.problems.append(f"javascript: URL in <{tag} {name}>")
            if tag in ACTIVE_TAGS and "xss" in value:
                self.problems.append(f"injected <{tag} {name}={value[:80]!r}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "xss" in data:
            self.problems.append(f"injected script: {data[:80]!r}")

    def handle_comment(self, data: str) -> None:
        if "xss" in data:
            self.problems.append("injected comment")


def assert_no_injected_markup(html: str) -> None:
    """Fail when user text turned into elements, attributes, scripts or comments on the page."""
    checker = _MarkupChecker()
    checker.feed(html)
    checker.close()
    assert checker.problems == [], "Unescaped user input on the page:\n" + "\n".join(
        checker.problems
    )
