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
def _fresh_caches():
    """Each test starts with empty caches and reads the content versions again: a test's
    rollback brings back the versions of before it, under which nothing must be stored."""
    from django.core.cache import caches

    from inclusief import caching

    for alias in ("default", "pages"):
        caches[alias].clear()
    caching.forget()
    yield
    for alias in ("default", "pages"):
        caches[alias].clear()
    caching.forget()


@pytest.fixture(autouse=True)
def _page_cache_off_unless_asked(request, settings):
    """The page cache stays off in tests unless a test asks for ``page_cache``: many tests set
    up their data with queryset updates, which (like raw SQL) bump no content version."""
    wanted = "page_cache" in request.fixturenames or "live_server" in request.fixturenames
    settings.PAGE_CACHE_SECONDS = 300 if wanted else 0


@pytest.fixture
def page_cache():
    """Turn the page cache on for this test (see ``_page_cache_off_unless_asked``)."""
