import gc
import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver
from django.utils import translation

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inclusief.settings")
application = get_wsgi_application()

# Python's full garbage collection walks every tracked object. After start-up that is about
# 150,000 objects (modules, models, URL patterns, message catalogues) that live as long as the
# process, and a full collection took 80-130 ms in the middle of a request: the p95 of the
# signed-in pages in bench/run.sh. gc.freeze() moves everything made so far out of the
# collector's reach, so collections scan only what requests leave behind. The URLconf and both
# languages are loaded first, so that they are frozen too.
get_resolver().url_patterns  # noqa: B018 (loads the URLconf and the views)
for language, _name in settings.LANGUAGES:
    with translation.override(language):
        translation.gettext("Inclusief")
gc.freeze()
