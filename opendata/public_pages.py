"""Tell the public-page cache that something public changed (the sector benchmarks that
platform pages show are worked out after the publication that retired those pages)."""

import importlib


def public_pages_changed() -> None:
    # The explicit content versions (inclusief.caching, issue 16) replace the page cache's
    # SQL watcher; call whichever this checkout has.
    try:
        caching = importlib.import_module("inclusief.caching")
    except ModuleNotFoundError:
        importlib.import_module("inclusief.pagecache").content_changed()
    else:
        caching.bump("public")
