import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from assessments.catalogue import (
    CatalogueFilters,
    catalogue_list,
    platform_profile,
    search_platforms,
)
from assessments.models import Platform, PlatformStatus
from tests.assessments.factories import (
    OptionFactory,
    PlatformFactory,
    ProfileAnswerFactory,
    QuestionFactory,
    SegmentFactory,
    profile_questions,
)

pytestmark = pytest.mark.django_db


def test_name_is_unique_case_insensitively():
    PlatformFactory(name="Temper")
    with pytest.raises(IntegrityError), transaction.atomic():
        PlatformFactory(name="temper")


def test_website_is_unique_when_set_but_may_be_empty_twice():
    PlatformFactory(website="")
    PlatformFactory(website="")
    PlatformFactory(website="https://temper.works")
    with pytest.raises(IntegrityError), transaction.atomic():
        PlatformFactory(website="https://temper.works")


def test_active_platform_cannot_have_a_status_date_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        PlatformFactory(status=PlatformStatus.ACTIVE, status_date=datetime.date(2023, 1, 1))


def test_active_platform_with_status_date_fails_validation_in_dutch():
    platform = PlatformFactory.build(status="active", status_date=datetime.date(2023, 1, 1))
    with pytest.raises(ValidationError) as info:
        platform.full_clean()
    assert info.value.message_dict["status_date"] == [
        "Een actief platform heeft geen einddatum; laat dit veld leeg."
    ]


def test_bankrupt_platform_is_historical():
    platform = PlatformFactory(status=PlatformStatus.BANKRUPT)
    assert platform.is_historical is True
    assert PlatformFactory().is_historical is False


def test_modes_and_skill_levels_read_from_flags():
    platform = PlatformFactory(physical=True, online=True, skill_lower=True, skill_higher=True)
    assert platform.modes == ["fysiek", "online"]
    assert platform.skill_levels == ["lager", "hoger"]


def test_change_history_records_each_change_with_its_user(django_user_model):
    user = django_user_model.objects.create_user("beheerder", password="x" * 12)
    platform = PlatformFactory(name="Croqqer")
    platform.description = "Gewijzigd"
    platform._history_user = user
    platform.save()
    records = list(platform.history.order_by("history_date"))
    assert [r.history_type for r in records] == ["+", "~"]
    assert records[-1].history_user == user
    assert records[-1].description == "Gewijzigd"


def test_search_finds_name_description_and_sector():
    zorg = SegmentFactory(code="zorg", name_nl="Zorg")
    PlatformFactory(name="Carematch", description="Opdrachten voor verpleegkundigen.")
    PlatformFactory(name="Temper", description="Diensten in de horeca.", segments=[zorg])
    PlatformFactory(name="Upwork", description="Online freelance.")
    assert [p.name for p in search_platforms(Platform.objects.all(), "temper")] == ["Temper"]
    assert [p.name for p in search_platforms(Platform.objects.all(), "horeca")] == ["Temper"]
    assert [p.name for p in search_platforms(Platform.objects.all(), "zorg")] == ["Temper"]


def test_search_does_not_duplicate_platforms_with_several_sectors():
    first = SegmentFactory(code="a", name_nl="Klussen thuis")
    second = SegmentFactory(code="b", name_nl="Klussen tuin")
    PlatformFactory(name="Croqqer", segments=[first, second])
    assert search_platforms(Platform.objects.all(), "klussen").count() == 1


def test_filters_on_organisation_model_and_employment_relation():
    org, rel = profile_questions()
    temper = PlatformFactory(name="Temper")
    deliveroo = PlatformFactory(name="Deliveroo")
    ProfileAnswerFactory(
        platform=temper, question=org, options=[org.options.get(code="orgmodel-marketplace")]
    )
    ProfileAnswerFactory(
        platform=deliveroo, question=org, options=[org.options.get(code="orgmodel-algorithm")]
    )
    ProfileAnswerFactory(
        platform=temper, question=rel, options=[rel.options.get(code="relatie-zzp")]
    )
    by_org = catalogue_list(CatalogueFilters(organisation_model="orgmodel-algorithm"))
    assert [p.name for p in by_org] == ["Deliveroo"]
    by_relation = catalogue_list(CatalogueFilters(employment_relation="relatie-zzp"))
    assert [p.name for p in by_relation] == ["Temper"]


def test_filters_combine_mode_skill_level_status_and_sector():
    sector = SegmentFactory(code="horeca", name_nl="Horeca")
    PlatformFactory(name="A", physical=True, skill_lower=True, segments=[sector])
    PlatformFactory(name="B", physical=False, online=True, skill_lower=True, segments=[sector])
    PlatformFactory(name="C", physical=True, skill_lower=True, status="bankrupt")
    result = catalogue_list(
        CatalogueFilters(mode="fysiek", skill_level="lager", status="active", segment="horeca")
    )
    assert [p.name for p in result] == ["A"]


def test_unknown_answer_and_missing_answer_both_read_as_unknown():
    question = QuestionFactory(code="q1")
    OptionFactory(code="q1-a", question=question)
    missing = QuestionFactory(code="q2", characteristic=question.characteristic)
    platform = PlatformFactory()
    ProfileAnswerFactory(platform=platform, question=question, unknown=True, source_url="")
    lines = {line.question.code: line for s in platform_profile(platform) for line in s.lines}
    assert lines["q1"].is_unknown is True
    assert lines[missing.code].is_unknown is True
    assert lines[missing.code].answer is None


def test_known_answer_needs_a_source():
    answer = ProfileAnswerFactory.build(
        platform=PlatformFactory(), question=QuestionFactory(), source_url="", source_title=""
    )
    with pytest.raises(ValidationError):
        answer.full_clean()
