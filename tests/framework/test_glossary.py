import re

import pytest


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def loaded(framework):
    from framework.models import Criterion

    return Criterion.objects.get(code="begeleiding")


def test_the_glossary_holds_the_frameworks_criteria_with_their_definitions(client, loaded):
    text = _text(client.get("/raamwerk/begrippen/"))

    definition = re.sub(r"\s+", " ", loaded.definition_nl)
    assert f'<dt>{loaded.name_nl} <span class="glossary-kind">(criterium)</span></dt>' in text
    assert definition in text
    assert "Afstand tot de arbeidsmarkt" in text


def test_the_glossary_is_sorted_and_in_english_when_chosen(client, loaded):
    client.cookies["django_language"] = "en"

    text = _text(client.get("/raamwerk/begrippen/"))

    terms = re.findall(r"<dt>([^<]+) <span", text)
    assert terms == sorted(terms, key=str.casefold)
    assert f'<dt>{loaded.name_en} <span class="glossary-kind">(criterion)</span></dt>' in text
    assert "Distance to the labour market" in text


def test_an_empty_framework_says_why_the_glossary_is_short(client, db):
    text = _text(client.get("/raamwerk/begrippen/"))

    # The general words are always there; the framework's own terms need a loaded framework.
    assert "(criterium)" not in text
    assert "Kans" in text
