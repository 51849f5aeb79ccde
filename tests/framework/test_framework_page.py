import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from framework.models import Criterion, Statement
from tests.framework.factories import OptionFactory, StatementFactory, WorkTypeFactory


def test_it_shows_every_criterion_with_its_guiding_question(client, framework):
    html = client.get("/raamwerk/").content.decode()
    for criterion in Criterion.objects.all():
        assert criterion.name_nl in html
        assert criterion.question_nl in html
    assert len(re.findall(r"<h1[ >]", html)) == 1


def test_it_shows_every_statement_in_the_matrix(client, framework):
    html = client.get("/raamwerk/").content.decode()
    for statement in Statement.objects.all():
        assert escape(statement.title_nl) in html


def test_it_speaks_english_when_asked(client, framework):
    client.post("/i18n/setlang/", {"language": "en", "next": "/raamwerk/"})
    html = client.get("/raamwerk/").content.decode()
    assert "The framework for inclusive platform work" in html
    for criterion in Criterion.objects.all():
        assert criterion.name_en in html


def test_a_challenge_shows_what_must_be_organised(client, db):
    StatementFactory(kind="uitdaging", title_nl="Geen begeleider", action_nl="Regel een coach.")
    html = client.get("/raamwerk/").content.decode()
    assert "Geen begeleider" in html
    assert "Regel een coach." in html


def test_work_types_appear_in_their_table_cell(client, db):
    WorkTypeFactory(name_nl="Honden uitlaten", mode="fysiek", skill_level="lager")
    WorkTypeFactory(name_nl="Programmeren", mode="online", skill_level="hoger")
    html = client.get("/raamwerk/").content.decode()
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", html, flags=re.S)
    lower = next(r for r in rows if r.startswith("Lager"))
    higher = next(r for r in rows if r.startswith("Hoger"))
    assert "Honden uitlaten" in lower and "Programmeren" not in lower
    assert "Programmeren" in higher


def _queries_for_page(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/raamwerk/").status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_the_framework(client, db):
    StatementFactory()
    OptionFactory()
    WorkTypeFactory()
    small = _queries_for_page(client)
    for _ in range(5):
        StatementFactory(kind="uitdaging")
        OptionFactory()
        WorkTypeFactory(mode="online")
    assert _queries_for_page(client) == small


def test_every_statement_says_when_it_appears(client, framework):
    html = client.get("/raamwerk/").content.decode()

    assert html.count("Wanneer verschijnt dit punt?") == Statement.objects.count()
    low_entry = html[html.index("Lage toetredingseisen geven kans op werkervaring") :]
    low_entry = low_entry[: low_entry.index("</details>")]
    assert (
        "Bij ‘Wat moet een werker doen of hebben om zich aan te melden?’ is geen van deze gekozen: "
        "‘Een toelatingstest maken’, ‘Inschrijven bij de KvK (of een btw-nummer hebben)’, "
        "‘Bepaalde diploma&#x27;s of certificaten hebben’, ‘Een auto, scooter of fiets hebben’ of "
        "‘Een verklaring omtrent het gedrag (VOG) hebben’." in low_entry
    )
    assert "Een antwoord ‘onbekend’ telt nooit als ‘niet gekozen’." in low_entry
    assert "toetreding-" not in html


def test_a_default_says_it_holds_in_general_and_what_switches_it_off(client, framework):
    html = client.get("/raamwerk/").content.decode()

    supervisor = html[html.index("Er is geen leidinggevende of collega die begeleidt") :]
    supervisor = supervisor[: supervisor.index("</details>")]
    assert "Geldt voor platformwerk in het algemeen." in supervisor
    assert "Niet als:" in supervisor
    assert "Minstens één van de volgende geldt:" in supervisor
    assert "is gekozen: ‘Een hulplijn of iemand die op afstand meekijkt’." in supervisor
