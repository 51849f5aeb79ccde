"""Issue 5 end to end: an analist assesses a real catalogue platform in Chromium.

Real framework and catalogue content; login through the form; every page of the flow, including
its error states, is checked with axe; one step is done by keyboard only; the analist leaves
mid-way and comes back; a colleague reviews and publishes.
"""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from inclusief.roles import ANALIST
from tests.users import PASSWORD, make_user

STEP_TITLE = re.compile(r"^(?:Fout: )?Stap (\d+) van (\d+): ")


@pytest.fixture
def real_content(transactional_db):
    call_command("load_framework", verbosity=0)
    call_command("load_catalogue", verbosity=0)
    Group.objects.get_or_create(name=ANALIST)
    author = make_user("anna", ANALIST, first_name="Anna", last_name="Analist")
    reviewer = make_user("rob", ANALIST, first_name="Rob", last_name="Reviewer")
    return author, reviewer


def log_in(page, username: str) -> None:
    page.goto("/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    go(page.get_by_role("button", name="Inloggen"))
    expect(page.get_by_text("Ingelogd als")).to_be_visible()


def log_out(page) -> None:
    go(page.get_by_role("button", name="Uitloggen"))
    expect(page.get_by_role("link", name="Inloggen")).to_be_visible()


def go(locator) -> None:
    """Click a link or submit button and wait for the next page."""
    with locator.page.expect_navigation():
        locator.click()


def is_focused(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def tab_to(page, locator, limit: int = 150) -> None:
    """Press Tab until ``locator`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if is_focused(locator):
            return
    raise AssertionError(f"Tab never reached {locator}")


def step_number(page) -> tuple[int, int]:
    match = STEP_TITLE.match(page.title())
    assert match, (page.title(), page.locator(".error-summary").all_inner_texts())
    h1 = page.get_by_role("heading", level=1)
    assert h1.inner_text().startswith(f"Stap {match[1]} van {match[2]}")
    return int(match[1]), int(match[2])


def question_groups(page) -> list:
    """The question fieldsets a step shows (not the 'Toelichting en bron' ones, nor follow-up
    questions that do not apply)."""
    return [g for g in page.locator("fieldset.choice-group").all() if g.is_visible()]


def answer_open_questions(page) -> None:
    """Click the first answer of every shown question that has none yet, again while an
    answer shows follow-up questions."""
    for _ in range(5):
        open_groups = [
            group
            for group in question_groups(page)
            if not any(i.is_checked() for i in group.locator("input").all())
        ]
        if not open_groups:
            return
        for group in open_groups:
            group.locator("input").first.check()


def save_and_continue(page) -> None:
    go(page.get_by_role("button", name="Opslaan en verder", exact=True))


def complete_step(page, assert_accessible) -> None:
    """Answer a step, saving again while follow-up questions appear."""
    number, _total = step_number(page)
    for _ in range(3):
        answer_open_questions(page)
        save_and_continue(page)
        if not STEP_TITLE.match(page.title()) or step_number(page)[0] != number:
            return
        expect(page.get_by_text("vervolgvragen bijgekomen")).to_be_visible()
        assert_accessible(page)
    raise AssertionError("The step did not move on")


def answer_step_by_keyboard(page) -> None:
    """Answer every question of the current step with the keyboard only."""
    groups = question_groups(page)
    assert groups
    for group in groups:
        inputs = group.locator("input")
        first = inputs.first
        kind = first.get_attribute("type")
        if kind == "radio":
            checked = [i for i in inputs.all() if i.is_checked()]
            tab_to(page, checked[0] if checked else first)
            if not checked:
                page.keyboard.press("Space")
            else:
                page.keyboard.press("ArrowDown")
                page.keyboard.press("ArrowUp")
            assert any(i.is_checked() for i in inputs.all())
        else:
            for box in inputs.all():
                if box.is_checked():
                    tab_to(page, box)
                    page.keyboard.press("Space")
            tab_to(page, first)
            page.keyboard.press("Space")
            assert first.is_checked()


def test_an_analist_assesses_a_catalogue_platform_end_to_end(page, assert_accessible, real_content):
    assert len(real_content) == 2

    # 1-2. Log in, start from the platform page, land on the task list.
    log_in(page, "anna")
    page.goto("/platforms/temper/")
    go(page.get_by_role("button", name="Dit platform beoordelen"))
    assert page.get_by_role("heading", level=1).inner_text() == "Beoordeling van Temper"
    expect(page.get_by_text("De beoordeling van Temper is gestart.")).to_be_visible()
    assert_accessible(page)
    task_list_url = page.url

    first_step = page.locator(".task-list").first.get_by_role("link").first
    go(first_step)
    number, total = step_number(page)
    assert (number, total) == (1, 8)
    assert_accessible(page)

    # 3a. Step 1 entirely by keyboard: details, answers, a toelichting, Enter to save.
    more = page.get_by_text("Meer uitleg", exact=True).first
    tab_to(page, more)
    page.keyboard.press("Enter")
    assert more.locator("xpath=..").evaluate("d => d.open")
    answer_step_by_keyboard(page)
    evidence = page.get_by_text("Toelichting en bron", exact=True).first
    tab_to(page, evidence)
    # An answer taken over from the catalogue shows its source already (the box is open).
    if not evidence.locator("xpath=..").evaluate("d => d.open"):
        page.keyboard.press("Enter")
    assert evidence.locator("xpath=..").evaluate("d => d.open")
    note = page.get_by_role("textbox", name="Toelichting").first
    tab_to(page, note)
    page.keyboard.type("Gezien op de website van Temper.")
    save = page.get_by_role("button", name="Opslaan en verder", exact=True)
    tab_to(page, save)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert step_number(page)[0] == 2
    assert_accessible(page)

    # 4. Error state: an invalid source address and a date in the future.
    evidence = page.get_by_text("Toelichting en bron", exact=True).first
    if not evidence.locator("xpath=..").evaluate("d => d.open"):
        evidence.click()
    url_field = page.get_by_role("textbox", name="Bron: webadres").first
    date_field = page.get_by_label("Geraadpleegd op").first
    url_field.fill("geen adres")
    future = (timezone.localdate() + timedelta(days=30)).isoformat()
    date_field.fill(future)
    save_and_continue(page)
    assert page.title().startswith("Fout: Stap 2 van")
    summary = page.get_by_role("alert").filter(has_text="Er is een probleem")
    assert summary.evaluate("el => el.contains(document.activeElement)")
    url_field = page.get_by_role("textbox", name="Bron: webadres").first
    date_field = page.get_by_label("Geraadpleegd op").first
    assert url_field.input_value() == "geen adres"
    assert date_field.input_value() == future
    assert url_field.get_attribute("aria-invalid") == "true"
    assert date_field.get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    summary.get_by_role("link", name=re.compile("geldig webadres")).click()
    assert is_focused(url_field)
    summary.get_by_role("link", name="De datum van raadplegen ligt in de toekomst.").click()
    assert is_focused(date_field)
    url_field.fill("https://temper.works/nl/voor-freelancers")
    date_field.fill(timezone.localdate().isoformat())
    complete_step(page, assert_accessible)
    assert step_number(page)[0] == 3

    # 5. Leave mid-way: save step 3 for later, log out, come back.
    answer_open_questions(page)
    go(page.get_by_role("button", name="Opslaan en later verder"))
    assert page.url == task_list_url
    log_out(page)
    log_in(page, "anna")
    go(page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Beoordelingen"))
    go(page.get_by_role("link", name="Temper"))
    assert page.url == task_list_url
    statuses = page.locator(".task-list").first.locator(".task-status").all_inner_texts()
    assert statuses[:3] == ["Klaar", "Klaar", "Klaar"]
    assert_accessible(page)
    go(page.get_by_role("link", name="Alle antwoorden controleren"))
    expect(page.get_by_text("Gezien op de website van Temper.")).to_be_visible()
    expect(
        page.get_by_role("link", name="https://temper.works/nl/voor-freelancers")
    ).to_be_visible()
    assert_accessible(page)
    go(page.get_by_role("link", name="Terug naar het overzicht"))

    # 3b/6. The remaining steps; the rating step reveals its follow-up questions.
    go(page.locator(".task-list").first.get_by_role("link").nth(3))
    while True:
        assert_accessible(page)
        number, total = step_number(page)
        heading = page.get_by_role("heading", level=1).inner_text()
        if "Beoordelings- en beloningssysteem" in heading:
            follow_up = page.get_by_role("group", name="Hoe werkt het beoordelingssysteem?")
            rated = page.get_by_role(
                "group", name="Worden werkers beoordeeld door opdrachtgevers of klanten?"
            )
            expect(follow_up).to_have_count(0)
            # The answer "Ja" shows the follow-up questions at once, and says so to screen
            # readers; undoing it hides them again (without JavaScript: after saving).
            rated.get_by_label("Ja", exact=True).check()
            expect(follow_up).to_be_visible()
            status = page.locator("#follow-up-status")
            assert "Vervolgvraag erbij: Hoe werkt het beoordelingssysteem?" in (
                status.text_content()
            )
            assert_accessible(page)
            rated.get_by_label("Nee, er is geen beoordelingssysteem").check()
            expect(follow_up).to_have_count(0)
            rated.get_by_label("Ja", exact=True).check()
            follow_up.locator("input").first.check()
        complete_step(page, assert_accessible)
        if number == total:
            break
    # After the last step: "Antwoorden controleren", which leads on to the findings.
    assert page.url == task_list_url + "antwoorden/"
    assert page.get_by_role("heading", level=1).inner_text() == "Antwoorden controleren"
    assert_accessible(page)
    go(page.get_by_role("link", name="Verder naar de bevindingen"))
    assert page.get_by_role("heading", level=1).inner_text() == "Bevindingen: Passend werk"
    go(page.get_by_role("link", name="Terug naar het overzicht"))
    assert page.url == task_list_url
    statuses = page.locator(".task-list").first.locator(".task-status").all_inner_texts()
    assert set(statuses) == {"Klaar"}

    # 7. Review the findings of every criterion.
    reviews = page.locator(".task-list").nth(1).get_by_role("link")
    criteria = reviews.all_inner_texts()
    assert len(criteria) == 5
    checked_error = False
    for index, name in enumerate(criteria):
        go(page.get_by_role("link", name=name))
        assert page.get_by_role("heading", level=1).inner_text() == name
        assert_accessible(page)
        findings_url = page.url
        if index == 1:
            # All derived findings of this criterion at once, with one shared motivation.
            bulk = page.get_by_role("region", name="Alle afgeleide bevindingen van dit criterium")
            bulk.get_by_label("Gedeelde motivering").fill("Klopt met de voorwaarden van Temper.")
            if bulk.get_by_role("group", name="Prioriteit van de uitdagingen").count():
                bulk.get_by_label("Middel").check()
            go(bulk.get_by_role("button", name="Alle afgeleide bevindingen bevestigen"))
            assert page.url == findings_url
            assert page.get_by_text(
                re.compile(r"^\d+ bevindingen? (is|zijn) bevestigd\.$")
            ).is_visible()
            assert_accessible(page)
        finding_links = page.get_by_role("link", name=re.compile(r"^Beoordelen\b"))
        # A reviewed finding's link turns into "Oordeel wijzigen": review until none is left.
        for _ in range(30):
            if finding_links.count() == 0:
                break
            go(finding_links.first)
            challenge = page.get_by_role("heading", level=1).inner_text().startswith("Uitdaging")
            if not checked_error:
                go(page.get_by_role("button", name="Oordeel opslaan"))
                assert page.title().startswith("Fout: ")
                assert page.get_by_role("alert").evaluate(
                    "el => el.contains(document.activeElement)"
                )
                assert_accessible(page)
                checked_error = True
            page.get_by_label("Bevestigen: dit klopt voor dit platform").check()
            page.get_by_label("Motivering").fill("Klopt met de voorwaarden van Temper.")
            if challenge:
                page.get_by_label("Wat moet er georganiseerd worden?").fill(
                    "Een jobcoach die meekijkt bij de eerste opdrachten."
                )
                page.get_by_role("group", name="Prioriteit").get_by_label("Hoog").check()
            go(page.get_by_role("button", name="Oordeel opslaan"))
            assert page.url == findings_url
        if index == 0:
            go(page.get_by_role("button", name="Toevoegen"))
            assert page.title().startswith("Fout: Bevindingen: ")
            summary = page.get_by_role("alert").filter(has_text="Er is een probleem")
            assert summary.evaluate("el => el.contains(document.activeElement)")
            summary.get_by_role("link", name="Geef een korte titel.").click()
            assert is_focused(page.get_by_label("Titel"))
            assert_accessible(page)
            page.get_by_role("group", name="Soort").get_by_label("Uitdaging").check()
            page.get_by_label("Titel").fill("Weinig uitleg in eenvoudige taal")
            page.get_by_label("Motivering").fill("De helppagina's zijn lastig te lezen.")
            page.get_by_label("Wat moet er georganiseerd worden?").fill("Uitleg in B1-taal.")
            page.get_by_role("group", name="Prioriteit").get_by_label("Middel").check()
            go(page.get_by_role("button", name="Toevoegen"))
            assert (
                page.get_by_role("listitem")
                .filter(has_text="Weinig uitleg in eenvoudige taal")
                .is_visible()
            )
            assert_accessible(page)
        go(page.get_by_role("link", name="Terug naar het overzicht"))
    statuses = page.locator(".task-list").nth(1).locator(".task-status").all_inner_texts()
    assert set(statuses) == {"Klaar"}

    # 8. Submit for review, the colleague publishes, the platform lists the version.
    go(page.get_by_role("link", name="Status, review, mede-auteurs en versies"))
    assert_accessible(page)
    go(page.get_by_role("button", name="Ter review aanbieden"))
    assert page.title().startswith("Fout: Status en review")
    summary = page.get_by_role("alert").filter(has_text="Er is een probleem")
    assert summary.evaluate("el => el.contains(document.activeElement)")
    summary.get_by_role("link", name="Kies een reviewer.").click()
    assert is_focused(page.get_by_label("Reviewer"))
    assert page.get_by_label("Reviewer").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    page.get_by_label("Reviewer").select_option(label="Rob Reviewer (rob)")
    go(page.get_by_role("button", name="Ter review aanbieden"))
    expect(page.get_by_text("De beoordeling is ter review aangeboden.")).to_be_visible()
    log_out(page)
    log_in(page, "rob")
    go(page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Beoordelingen"))
    go(page.get_by_role("link", name="Temper"))
    go(page.get_by_role("link", name="Status, review, mede-auteurs en versies"))
    assert_accessible(page)
    go(page.get_by_role("link", name="Goedkeuren en publiceren…"))
    page.get_by_label("Ik heb de beoordeling bekeken en keur haar goed voor publicatie.").check()
    go(page.get_by_role("button", name="Goedkeuren en publiceren"))
    expect(page.get_by_text("De beoordeling is goedgekeurd en gepubliceerd.")).to_be_visible()
    page.goto("/platforms/temper/")
    # The platform page lists the edition twice: in its assessments and in the citable record.
    expect(page.get_by_role("link", name="Versie 1").first).to_be_visible()
    assert_accessible(page)
