import re

from playwright.sync_api import expect

from inclusief.roles import ANALIST
from tests.users import PASSWORD, make_user

HOME = re.compile(r"^https?://[^/]+/$")


def tab_to(page, name: str, limit: int = 30) -> None:
    """Press Tab until the field called ``name`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == name:
            return
    raise AssertionError(f"Tab never reached the field {name!r}")


def test_login_page_is_accessible(page, assert_accessible, transactional_db):
    page.goto("/account/inloggen/")
    assert page.locator("h1").inner_text() == "Inloggen"
    assert_accessible(page)


def test_login_errors_are_accessible(page, assert_accessible, transactional_db):
    page.goto("/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("niemand")
    page.get_by_label("Wachtwoord").fill("verkeerd-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-danger, .invalid-feedback, .alert").first).to_be_visible()
    assert_accessible(page)


def test_password_reset_page_is_accessible(page, assert_accessible, transactional_db):
    page.goto("/account/wachtwoord-vergeten/")
    assert page.locator("h1").inner_text() == "Wachtwoord vergeten"
    assert_accessible(page)


def test_log_in_with_the_keyboard_only_and_see_your_name(page, assert_accessible, transactional_db):
    make_user("anna", ANALIST, first_name="Anna", last_name="de Vries")
    page.goto("/account/inloggen/")
    tab_to(page, "username")
    page.keyboard.type("anna")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(HOME)
    expect(page.locator("header").get_by_text("Anna de Vries")).to_be_visible()
    assert_accessible(page)
    # Log out with the keyboard too: the button is reachable and works.
    page.get_by_role("button", name="Uitloggen").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("header").get_by_role("link", name="Inloggen")).to_be_visible()


def test_password_change_page_is_accessible(page, assert_accessible, transactional_db):
    make_user("anna", ANALIST)
    page.goto("/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("anna")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(HOME)
    page.goto("/account/wachtwoord/")
    assert page.locator("h1").inner_text() == "Wachtwoord wijzigen"
    assert_accessible(page)
