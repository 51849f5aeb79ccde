from django.core.management import call_command


def test_framework_page_is_accessible_in_both_languages(page, assert_accessible, transactional_db):
    call_command("load_framework", verbosity=0)
    page.goto("/raamwerk/")
    assert page.locator("h1").inner_text() == "Het raamwerk inclusief platformwerk"
    assert page.get_by_role("table", name="Kansen en uitdagingen van platformwerk per criterium")
    assert_accessible(page)
    page.get_by_role("button", name="English").click()
    assert page.locator("h1").inner_text() == "The framework for inclusive platform work"
    assert_accessible(page)


def test_framework_page_stacks_the_matrix_at_320_pixels(page, transactional_db):
    call_command("load_framework", verbosity=0)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/raamwerk/")
    assert page.evaluate("document.documentElement.scrollWidth > window.innerWidth") is False
