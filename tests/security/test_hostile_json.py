"""Finding 2: a hostile JSON import file (nesting, NUL, huge text, dates in the future)."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from assessments.exchange import ExchangeError, export_assessments, import_assessments
from assessments.models import Answer, Assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(published) -> dict:
    data = export_assessments(Assessment.objects.filter(pk=published.pk))
    data["assessments"][0]["answers"] = [
        {"question": "mode", "options": ["mode-online"], "note": "Gezien op de site."}
    ]
    Assessment.objects.all().delete()
    return data


def run_import(tmp_path, text: str) -> str:
    path = tmp_path / "import.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_assessments", str(path), stdout=StringIO())
    return str(error.value).replace(str(path), "FILE")


def test_200000_nested_brackets_are_refused_without_a_traceback(db, tmp_path):
    message = run_import(tmp_path, "[" * 200_000 + "]" * 200_000)
    assert message == (
        "Nothing imported. FILE: The file nests lists or objects deeper than 12 levels."
    )


def test_moderately_deep_nesting_is_refused_by_the_depth_limit(db, tmp_path):
    message = run_import(tmp_path, json.dumps({"schema": [[[[[[[[[[[[["x"]]]]]]]]]]]]]}))
    assert message.startswith("Nothing imported. FILE: top level › schema")
    assert message.endswith("the file nests lists or objects deeper than 12 levels.")


def test_a_nul_character_in_a_note_is_named_and_nothing_is_written(document, tmp_path):
    document["assessments"][0]["answers"][0]["note"] = "voor\x00na"
    message = run_import(tmp_path, json.dumps(document))
    assert message == (
        "Nothing imported. FILE: top level › assessments[0] › answers[0] › note: "
        "the text contains a NUL character (\\u0000)."
    )
    assert Assessment.objects.count() == 0


def test_a_nul_character_in_a_username_is_refused_too(document, tmp_path):
    document["assessments"][0]["owner"] = "auteur\x00"
    message = run_import(tmp_path, json.dumps(document))
    assert message.endswith("owner: the text contains a NUL character (\\u0000).")


def test_a_30_mb_note_is_refused_by_the_text_limit(document):
    document["assessments"][0]["answers"][0]["note"] = "x" * 30_000_000
    with pytest.raises(ExchangeError) as error:
        import_assessments(document)
    assert str(error.value) == (
        "assessments[0] (platform 'klusplein') › answers[0]: "
        "'note' has 30000000 characters; at most 5000 are allowed."
    )
    assert Assessment.objects.count() == 0


def test_a_note_at_the_limit_is_imported(document):
    document["assessments"][0]["answers"][0]["note"] = "x" * 5000
    import_assessments(document)
    assert len(Answer.objects.get().note) == 5000


def test_a_consulted_on_date_in_the_future_is_refused(document):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    document["assessments"][0]["answers"][0]["consulted_on"] = tomorrow.isoformat()
    with pytest.raises(ExchangeError) as error:
        import_assessments(document)
    assert str(error.value) == (
        "assessments[0] (platform 'klusplein') › answers[0]: "
        f"'consulted_on' lies in the future: {tomorrow.isoformat()}."
    )


def test_a_consulted_on_date_of_today_is_accepted(document):
    today = timezone.localdate()
    document["assessments"][0]["answers"][0]["consulted_on"] = today.isoformat()
    import_assessments(document)
    assert Answer.objects.get().consulted_on == today


def test_a_publication_in_the_future_is_refused(document):
    later = (timezone.now() + datetime.timedelta(days=3)).replace(microsecond=0)
    document["assessments"][0]["published_at"] = later.isoformat()
    with pytest.raises(ExchangeError, match="'published_at' lies in the future"):
        import_assessments(document)


def test_the_python_api_refuses_a_nul_character_as_well(document):
    document["assessments"][0]["summary"] = "\x00"
    with pytest.raises(ExchangeError) as error:
        import_assessments(document)
    assert str(error.value) == (
        "top level › assessments[0] › summary: the text contains a NUL character (\\u0000)."
    )
