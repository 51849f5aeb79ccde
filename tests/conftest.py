import pytest
from django.core.management import call_command


@pytest.fixture
def framework(db):
    """The real framework content, loaded from fixtures/framework.yaml."""
    call_command("load_framework", verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_api_throttle():
    """Each test starts with no requests counted against the open-data API's rate limit."""
    from django.core.cache import caches

    caches["api-throttle"].clear()


@pytest.fixture(autouse=True)
def _fresh_framework_cache():
    """Each test starts without cached framework data: a rolled-back test sends no signals."""
    from framework.cache import clear

    clear()
    yield
    clear()


@pytest.fixture(autouse=True)
def _page_cache_off_unless_asked(request, settings):
    """The page cache stays off in tests unless a test asks for ``page_cache``.

    It renews its token when a transaction commits, and a test wrapped in a transaction
    never commits: a page stored early in such a test would be served after the test changed
    its data. Tests of the cache itself commit with ``django_capture_on_commit_callbacks``;
    the browser tests run on committed data and keep it on.
    """
    from django.core.cache import caches

    from inclusief import pagecache

    pagecache._token_memo = None
    wanted = "page_cache" in request.fixturenames or "live_server" in request.fixturenames
    settings.PAGE_CACHE_SECONDS = 300 if wanted else 0
    caches["pages"].clear()
    yield
    caches["pages"].clear()


@pytest.fixture
def page_cache():
    """Turn the page cache on for this test (see ``_page_cache_off_unless_asked``)."""
