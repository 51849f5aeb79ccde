"""Internal stays internal: what a published assessment's pages and exports show outsiders.

The permission matrix checks status codes; this checks content. Every GET URL of the project
is filled with a published assessment (its uuid, a finding, a criterion, a step, its
platform) and read as an anonymous visitor and as a researcher. None of the answers may hold
a reviewer comment, the reviewer's message when sending back, a draft note of a later
concept, or any participant's login or e-mail address.
"""

import io
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from pypdf import PdfReader

from assessments import services
from assessments.models import Verdict
from assessments.reports import render_assessment_pdf
from framework.models import Question
from tests.assessments.builders import platform, user_with_role

SECRETS = {
    "comment": "Interne opmerking zeven-twee",
    "send back message": "Terug met reden negen-vier",
    "draft note": "Conceptnotitie acht-een",
    "owner login": "ana.login.q7",
    "reviewer login": "rev.login.q7",
    "co-author login": "co.login.q7",
    "owner e-mail": "ana.q7@voorbeeld.invalid",
    "reviewer e-mail": "rev.q7@voorbeeld.invalid",
    "co-author e-mail": "co.q7@voorbeeld.invalid",
}


# A researcher's tool for pairing two analysts: it lists colleagues to choose from, by login,
# and shows nothing of a published assessment.
NOT_ABOUT_AN_ASSESSMENT = {"double_list"}


def _person(login: str, email: str, first: str, last: str):
    user = user_with_role(login)
    user.email, user.first_name, user.last_name = email, first, last
    user.save()
    return user


@pytest.fixture
def world(fw):
    owner = _person(SECRETS["owner login"], SECRETS["owner e-mail"], "Anna", "Schrijver")
    reviewer = _person(SECRETS["reviewer login"], SECRETS["reviewer e-mail"], "Rob", "Lezer")
    # No name at all: whatever shows this person must not fall back to the login.
    co_author = _person(SECRETS["co-author login"], SECRETS["co-author e-mail"], "", "")
    assessment = services.assessment_start(platform=platform("Klusplein"), owner=owner)
    services.co_author_add(assessment=assessment, co_author=co_author)
    services.answers_save(
        assessment=assessment,
        inputs=[
            services.AnswerInput(
                question=Question.objects.get(code="mode"),
                option_ids=[fw["options"]["online"].pk],
                unknown=False,
            ),
            services.AnswerInput(
                question=Question.objects.get(code="community"),
                option_ids=[fw["options"]["no-community"].pk],
                unknown=False,
            ),
        ],
        expected_version=None,
    )
    for finding in assessment.findings.all():
        services.finding_review(
            finding=finding,
            expected_version=None,
            verdict=Verdict.CONFIRMED,
            motivation="Openbare motivering.",
            action="Regel het." if finding.is_challenge else "",
            priority="high" if finding.is_challenge else "",
        )
    services.assessment_submit(assessment=assessment, reviewer=reviewer)
    services.finding_comment(finding=assessment.findings.first(), comment=SECRETS["comment"])
    services.assessment_send_back(assessment=assessment, message=SECRETS["send back message"])
    services.assessment_submit(assessment=assessment, reviewer=reviewer)
    services.assessment_publish(assessment=assessment)
    # A later edition in the works, with a draft note only its authors may read.
    draft = services.assessment_new_edition(assessment=assessment, owner=owner)
    services.answers_save(
        assessment=draft,
        inputs=[
            services.AnswerInput(
                question=Question.objects.get(code="mode"),
                option_ids=[fw["options"]["online"].pk],
                unknown=False,
                note=SECRETS["draft note"],
            )
        ],
        expected_version=None,
    )
    assessment.refresh_from_db()
    return {"published": assessment, "draft": draft}


def _urls(world) -> list[str]:
    """Every GET URL, filled in with the published assessment where it takes parameters."""
    published = world["published"]
    values = {
        "uuid": [published.uuid],
        "finding": [f.uuid for f in published.findings.all()],
        "criterion": ["passend_werk", "integratie"],
        "code": ["werk", "beoordeling"],
        "slug": [published.platform.slug],
        "fmt": ["csv", "json"],
        "language": ["nl"],
    }
    urls: list[str] = []

    def walk(patterns, prefix: str = "") -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
                if entry.namespace != "admin":
                    walk(entry.url_patterns, namespace)
            elif isinstance(entry, URLPattern) and entry.name in NOT_ABOUT_AN_ASSESSMENT:
                continue
            elif isinstance(entry, URLPattern) and entry.name:
                params = list(entry.pattern.converters) or re.findall(
                    r"<(?:\w+:)?(\w+)>", str(entry.pattern)
                )
                if any(p not in values for p in params):
                    continue  # report jobs, account links: nothing of an assessment in them
                combos: list[dict] = [{}]
                for param in params:
                    combos = [{**c, param: v} for c in combos for v in values[param]]
                for kwargs in combos:
                    try:
                        urls.append(reverse(prefix + entry.name, kwargs=kwargs))
                    except Exception:  # noqa: BLE001 - a pattern that takes other values
                        continue

    walk(get_resolver().url_patterns)
    return sorted(set(urls))


def _pdf(body: bytes) -> str:
    reader = PdfReader(io.BytesIO(body))
    return " ".join(page.extract_text() for page in reader.pages)


def _text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body.startswith(b"%PDF"):
        return _pdf(body)
    return body.decode("utf-8", errors="replace")


@pytest.mark.parametrize("visitor", ["anonymous", "onderzoeker"])
def test_no_page_or_export_of_a_published_assessment_shows_internal_things(world, visitor):
    client = Client()
    if visitor == "onderzoeker":
        client.force_login(user_with_role("rita", "onderzoeker"))
    urls = _urls(world)
    published = world["published"]
    # The walk reaches the assessment's own pages, its PDF, exports and the platform.
    for expected in (
        f"/beoordelingen/{published.uuid}/",
        f"/beoordelingen/{published.uuid}/status/",
        f"/beoordelingen/{published.uuid}/rapport.pdf",
        f"/beoordelingen/{published.uuid}/antwoorden/",
        "/platforms/klusplein/",
    ):
        assert expected in urls
    leaks = []
    read = 0
    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            continue
        read += 1
        text = _text(response)
        leaks += [f"{url}: {what}" for what, secret in SECRETS.items() if secret in text]
    # The published report is a stored file rendered in the background: read it as rendered.
    text = _pdf(render_assessment_pdf(published, "nl"))
    leaks += [f"report PDF: {what}" for what, secret in SECRETS.items() if secret in text]
    assert read >= 20
    assert leaks == []


def test_participants_do_see_the_reviewer_comments_and_co_authors(world):
    client = Client()
    client.force_login(world["published"].owner)
    html = client.get(f"/beoordelingen/{world['published'].uuid}/status/").content.decode()
    assert SECRETS["comment"] in html
    assert f"<li>{SECRETS['co-author login']}</li>" in html
