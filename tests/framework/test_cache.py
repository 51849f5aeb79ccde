from django.core.management import call_command

from framework import cache
from framework.models import Segment
from tests.assessments.factories import SegmentFactory


def test_cached_value_is_loaded_once(db):
    calls = []

    def load():
        calls.append(1)
        return len(calls)

    assert cache.cached("k", load) == 1
    assert cache.cached("k", load) == 1
    assert calls == [1]


def test_saving_a_framework_row_drops_the_cache(db):
    SegmentFactory(code="zorg", name_nl="Zorg")
    names = lambda: [s.name_nl for s in Segment.objects.order_by("code")]  # noqa: E731
    assert cache.cached("segments", names) == ["Zorg"]
    SegmentFactory(code="horeca", name_nl="Horeca")
    assert cache.cached("segments", names) == ["Horeca", "Zorg"]
    Segment.objects.get(code="zorg").delete()
    assert cache.cached("segments", names) == ["Horeca"]


def test_loading_the_framework_drops_the_cache(db):
    cache.cached("anything", lambda: "stale")
    call_command("load_framework", verbosity=0)
    assert cache.cached("anything", lambda: "fresh") == "fresh"


def test_the_catalogue_filter_shows_a_new_sector_at_once(client, db):
    client.get("/platforms/")
    SegmentFactory(code="nieuw", name_nl="Nieuwe sector")
    assert "Nieuwe sector" in client.get("/platforms/").content.decode()
