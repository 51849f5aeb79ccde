"""The open-data pages in a real browser, checked with axe: the downloads page, the API
documentation and a platform page with its record, citation and sector benchmark."""

import pytest
from playwright.sync_api import expect

from opendata.benchmarks import benchmarks_compute
from opendata.datasets import datasets_build
from tests.opendata.conftest import build_world


@pytest.fixture
def published_world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = build_world()
    benchmarks_compute()
    datasets_build()
    return world


def test_open_data_pages_are_accessible(page, assert_accessible, published_world):
    page.goto("/open-data/")
    assert page.locator("h1").inner_text() == "Open data"
    expect(page.get_by_role("link", name="inclusief-beoordelingen.csv")).to_be_visible()
    assert_accessible(page)

    page.goto("/api/v1/")
    assert page.locator("h1").inner_text() == "API-documentatie"
    assert_accessible(page)

    page.goto("/platforms/klusplein/")
    expect(page.get_by_role("heading", name="Vergelijking met de sector")).to_be_visible()
    expect(page.get_by_role("img", name="Kansen en uitdagingen per criterium")).to_be_visible()
    expect(page.get_by_role("heading", name="Zo verwijst u naar deze beoordeling")).to_be_visible()
    assert_accessible(page)
