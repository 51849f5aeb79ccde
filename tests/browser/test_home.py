def test_home_page_loads_in_dutch_and_is_accessible(page, assert_accessible):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").inner_text() == "Inclusief platformwerk"
    assert_accessible(page)


def test_language_switch_turns_the_page_english(page, assert_accessible):
    page.goto("/")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Inclusive platform work"
    assert_accessible(page)
    page.get_by_role("button", name="Nederlands").click()
    assert page.locator("h1").inner_text() == "Inclusief platformwerk"


def test_skip_link_is_the_first_stop_for_keyboard_users(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_page_works_at_320_pixels_wide_without_horizontal_scrolling(page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/")
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert overflow is False
