"""Settings for the benchmark: the production settings plus a bare view (bench/urls.py).

The bare view is the ceiling: a minimal template rendered through the same middleware stack,
so each page's throughput reads as a share of what the stack itself allows. It is served only
under these settings and never by the project's own URLconf.
"""

from inclusief.settings import *  # noqa: F403
from inclusief.settings import BASE_DIR, TEMPLATES

ROOT_URLCONF = "bench.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]
