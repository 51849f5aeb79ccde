"""`make demo` (setup_demo) publishes example assessments, only when DEMO_MODE is on."""

import io

import pytest
from django.core.management import CommandError, call_command

from assessments.demo import DEMO_PLATFORMS, EXAMPLES
from assessments.models import Assessment, AssessmentStatus, Platform, Verdict
from framework.rules import Rules

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_nothing_is_created_without_demo_mode(settings, full_framework):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError):
        call_command("seed_demo_assessments", stdout=io.StringIO())
    assert Assessment.objects.count() == 0
    assert not Platform.objects.filter(name__contains="Voorbeeld uit het paper").exists()


def test_setup_demo_publishes_the_worked_examples_and_demo_data(settings, full_framework):
    settings.DEMO_MODE = True
    out = io.StringIO()
    call_command("setup_demo", stdout=out)
    assert "Demo assessments: 6 published." in out.getvalue()

    published = Assessment.objects.filter(status=AssessmentStatus.PUBLISHED)
    assert sorted(published.values_list("platform__name", flat=True)) == sorted(
        spec.name for spec in [*EXAMPLES, *DEMO_PLATFORMS]
    )
    # The catalogue's 69 real platforms stay unassessed; the examples are clearly invented.
    assert Platform.objects.count() == 69 + 6
    assert not published.filter(platform__slug__in=["temper", "fiverr", "helpling"]).exists()
    for spec in EXAMPLES:
        platform = Platform.objects.get(slug=spec.slug)
        assert platform.name.endswith("(Voorbeeld uit het paper)")
        assert platform.description.startswith("Verzonnen platform, geen echt bedrijf.")
    for spec in DEMO_PLATFORMS:
        assessment = published.get(platform__slug=spec.slug)
        assert assessment.summary.startswith("Demodata:")

    # The findings are the ones the loaded rules derive from the paper's answers, confirmed.
    rules = Rules.from_db()
    example = published.get(platform__slug=EXAMPLES[0].slug)
    answers = [option.code for answer in example.answers.all() for option in answer.options.all()]
    assert sorted(answers) == sorted(EXAMPLES[0].answers)
    assert sorted(f.statement.code for f in example.findings.all()) == sorted(
        rules.derive(EXAMPLES[0].answers)
    )
    assert {f.verdict for f in example.findings.all()} == {Verdict.CONFIRMED}
    assert example.reviewer.username == "analist2@demo"

    # Running it again adds nothing.
    call_command("seed_demo_assessments", stdout=io.StringIO())
    assert Assessment.objects.count() == 6
