import re


def test_home_page_has_the_accessible_base_layout(client, db):
    html = client.get("/").content.decode()
    assert '<html lang="nl">' in html
    assert 'href="#main"' in html and 'id="main"' in html
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in html
    assert len(re.findall(r"<h1[ >]", html)) == 1


def test_language_switch_shows_the_page_in_english(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Inclusive platform work" in html
    assert "Skip to content" in html


def test_pages_carry_no_inline_script_or_style(client, db):
    html = client.get("/").content.decode()
    assert "<script>" not in html
    assert "style=" not in html
    assert "<style" not in html


def test_static_assets_come_from_this_server(client, db):
    html = client.get("/").content.decode()
    assert "/static/bootstrap/css/bootstrap.min.css" in html
    assert "https://" not in re.sub(r'href="https://[^"]*"', "", html).split("<body")[0]


def test_an_english_browser_still_gets_dutch_until_the_user_switches(client, db):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="nl">' in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="nl-NL").content.decode()
    assert '<html lang="en">' in html
