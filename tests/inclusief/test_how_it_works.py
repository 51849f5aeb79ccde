import re


def test_it_walks_from_platform_to_report_in_five_pictured_steps(client, db):
    html = client.get("/hoe-werkt-het/").content.decode()

    steps = re.findall(r'<li class="how-step">.*?</li>', html, re.S)
    assert len(steps) == 5
    for step in steps:
        alt = re.search(r'<img src="/static/img/how/step-\d\.svg"[^>]* alt="([^"]+)"', step)
        assert alt and len(alt.group(1)) > 20
    assert re.findall(r"<h2>(\d)\. ", html) == ["1", "2", "3", "4", "5"]


def test_every_page_links_to_the_help_pages(client, db):
    html = client.get("/platforms/").content.decode()

    assert 'href="/hoe-werkt-het/"' in html
    assert 'href="/raamwerk/begrippen/"' in html
