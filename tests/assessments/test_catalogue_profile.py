"""One source of truth for a platform's work modes and skill levels: its profile answers.

The platform page, the profile and a new assessment's pre-filled answers must agree for every
seeded platform; the flags on Platform only follow the profile.
"""

import importlib
import re

import pytest
from django.apps import apps
from django.core.management import call_command

from assessments.catalogue import (
    MODE_OPTIONS,
    SKILL_LEVEL_OPTIONS,
    platform_derive_work_flags,
    platform_profile,
)
from assessments.models import Platform, ProfileAnswer
from assessments.services import assessment_start
from inclusief.roles import ANALIST
from tests.assessments.factories import PlatformFactory, PlatformSourceFactory
from tests.users import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

migration = importlib.import_module(
    "assessments.migrations.0007_profile_is_the_source_of_work_modes"
)


def page_value(html: str, term: str) -> str:
    match = re.search(rf'<dt class="col-sm-3">{term}</dt>\s*<dd class="col-sm-9">(.*?)</dd>', html)
    assert match, term
    return match.group(1)


def profile_codes(platform: Platform, question: str) -> list[str]:
    lines = {
        line.question.code: line for section in platform_profile(platform) for line in section.lines
    }
    return sorted(option.code for option in lines[question].options)


def test_page_profile_and_prefill_agree_for_every_seeded_platform(full_framework, client):
    call_command("load_catalogue", verbosity=0)
    analist = make_user("analist", ANALIST, password=None)
    platforms = list(Platform.objects.order_by("slug"))
    assert len(platforms) == 69
    for platform in platforms:
        modes = profile_codes(platform, "werkvorm")
        levels = profile_codes(platform, "skills")
        # The flags (lists, filters, Table 1) follow the profile.
        assert sorted(MODE_OPTIONS[mode] for mode in platform.modes) == modes, platform.slug
        assert sorted(SKILL_LEVEL_OPTIONS[lvl] for lvl in platform.skill_levels) == levels
        # The page's "Gegevens" show the same.
        html = client.get(platform.get_absolute_url()).content.decode()
        assert page_value(html, "Fysiek of online") == (
            ", ".join(platform.mode_labels()) or "onbekend"
        ), platform.slug
        assert page_value(html, "Skills-niveau") == (
            ", ".join(platform.skill_level_labels()) or "onbekend"
        ), platform.slug
        # A new assessment starts from the same answers.
        assessment = assessment_start(platform=platform, owner=analist)
        prefilled = {
            answer.question.code: sorted(option.code for option in answer.options.all())
            for answer in assessment.answers.select_related("question").prefetch_related("options")
        }
        assert prefilled.get("werkvorm", []) == modes, platform.slug
        assert prefilled.get("skills", []) == levels, platform.slug


def test_temper_page_and_profile_say_the_same(full_framework, client):
    call_command("load_catalogue", verbosity=0)
    temper = Platform.objects.get(slug="temper")
    html = client.get("/platforms/temper/").content.decode()
    assert page_value(html, "Fysiek of online") == "Fysiek"
    assert page_value(html, "Skills-niveau") == "Lager skills-niveau, Middelbaar skills-niveau"
    assert profile_codes(temper, "werkvorm") == ["werkvorm-fysiek"]
    assert profile_codes(temper, "skills") == ["skills-lager", "skills-middelbaar"]


def test_a_new_assessment_is_prefilled_with_the_work_profile(full_framework):
    call_command("load_catalogue", verbosity=0)
    analist = make_user("analist", ANALIST, password=None)
    assessment = assessment_start(platform=Platform.objects.get(slug="bolt"), owner=analist)
    answer = assessment.answers.get(question__code="skills")
    assert answer.prefilled is True
    assert [option.code for option in answer.options.all()] == ["skills-lager"]
    assert answer.source_reference == (
        "Position paper Raamwerk inclusief platformwerk, Tabel 1 (diverse werksoorten in "
        "platformwerk)"
    )


def test_changing_the_profile_answer_changes_the_flags(full_framework):
    call_command("load_catalogue", verbosity=0)
    bolt = Platform.objects.get(slug="bolt")
    answer = bolt.profile_answers.get(question__code="werkvorm")
    answer.options.set([answer.question.options.get(code="werkvorm-online")])
    assert platform_derive_work_flags(platform_ids=[bolt.pk]) == 1
    bolt.refresh_from_db()
    assert (bolt.physical, bolt.online) == (False, True)
    assert list(Platform.objects.with_mode("online").filter(slug="bolt")) == [bolt]
    answer.unknown = True
    answer.save()
    answer.options.clear()
    platform_derive_work_flags(platform_ids=[bolt.pk])
    bolt.refresh_from_db()
    assert bolt.modes == []


def test_migration_turns_old_flags_into_sourced_profile_answers(full_framework):
    # A platform as it was before: flags on the page, nothing in the profile.
    old = PlatformFactory(slug="oud", physical=True, skill_lower=True, skill_middle=True)
    PlatformSourceFactory(platform=old, url="https://oud.example.nl/over", title="")
    # A platform whose profile says online while its flags said physical: the profile wins.
    disagreeing = PlatformFactory(slug="anders", physical=True)
    werkvorm = ProfileAnswer.objects.create(
        platform=disagreeing,
        question=full_question("werkvorm"),
        source_url="https://anders.example.nl",
    )
    werkvorm.options.set([werkvorm.question.options.get(code="werkvorm-online")])

    migration.profile_becomes_the_source(apps, None)

    answer = old.profile_answers.get(question__code="werkvorm")
    assert [o.code for o in answer.options.all()] == ["werkvorm-fysiek"]
    assert answer.source_url == "https://oud.example.nl/over"
    assert answer.note == migration.MIGRATED_NOTE
    skills = old.profile_answers.get(question__code="skills")
    assert sorted(o.code for o in skills.options.all()) == ["skills-lager", "skills-middelbaar"]
    disagreeing.refresh_from_db()
    assert disagreeing.modes == ["online"]
    assert disagreeing.profile_answers.count() == 1


def full_question(code: str):
    from framework.models import Question

    return Question.objects.get(code=code)
