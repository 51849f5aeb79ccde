"""The maatwerkscan in the browser's place: run, save, see, delete, expire."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from inclusief.personal_data import personal_data
from maatwerk.models import Scan
from maatwerk.ranking import Needs
from maatwerk.services import scan_save
from tests.maatwerk.builders import maatwerk_framework, published
from tests.users import make_user

pytestmark = pytest.mark.django_db

NEEDS = {
    "target_groups": ["verstandelijke-beperking"],
    "guidance": "veel",
    "work_mode": "beide",
    "skill_level": "lager",
    "hours_per_week": "20",
    "schedule": "flexibel",
    "region": "utrecht",
    "income_security": "hoog",
}


@pytest.fixture
def world():
    fw = maatwerk_framework()
    published("Zonder Hulp", "pw-kans-choose-jobs", "pw-kans-online", "pw-kans-clear-scope")
    published("Met Intake", "bg-kans-intake", "int-kans-physical-location", "bg-uitd-zzp-admin")
    published("Alleen Online", "pw-kans-online", physical=False, online=True)
    return fw


def test_anyone_may_run_a_scan_and_nothing_is_stored(client, world):
    response = client.get(reverse("maatwerk:scan"), NEEDS)

    assert response.status_code == 200
    platforms = [r.name for r in response.context["ranking"].platforms]
    assert platforms == ["Met Intake", "Zonder Hulp", "Alleen Online"]
    assert Scan.objects.count() == 0
    content = response.content.decode()
    assert "Zo komt deze volgorde tot stand" in content
    assert "Hulp bij de administratie" in content  # what must be organised, from the action
    assert "Log in als analist, onderzoeker of beheerder om een scan te bewaren" in content


def test_an_online_only_person_never_sees_physical_only_platforms(client, world):
    response = client.get(reverse("maatwerk:scan"), {**NEEDS, "work_mode": "online"})

    ranking = response.context["ranking"]
    assert [r.name for r in ranking.platforms] == ["Alleen Online"]
    assert [r.name for r in ranking.excluded_platforms] == ["Met Intake", "Zonder Hulp"]
    assert [r.name for r in ranking.work_types] == ["Data-entry"]


def test_bad_hours_give_a_dutch_error_and_no_ranking(client, world):
    response = client.get(reverse("maatwerk:scan"), {**NEEDS, "hours_per_week": "99"})

    assert response.status_code == 400
    assert response.context["ranking"] is None
    assert "Vul hoogstens 60 uur per week in." in response.content.decode()


def test_an_analist_saves_a_scan_under_a_label_only(client, world):
    user = make_user("coach", "analist", password=None)
    client.force_login(user)

    response = client.post(reverse("maatwerk:scan_save"), {**NEEDS, "label": "kandidaat A"})

    scan = Scan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == scan.get_absolute_url()
    assert (scan.author, scan.label, scan.guidance, scan.hours_per_week, scan.region) == (
        user,
        "kandidaat A",
        "veel",
        20,
        "utrecht",
    )
    assert list(scan.target_groups.values_list("code", flat=True)) == ["verstandelijke-beperking"]


def test_saving_without_a_label_keeps_the_needs_and_says_what_is_missing(client, world):
    client.force_login(make_user("coach", "analist", password=None))

    response = client.post(reverse("maatwerk:scan_save"), NEEDS)

    assert response.status_code == 400
    assert Scan.objects.count() == 0
    content = response.content.decode()
    assert "Geef de scan een kort label, bijvoorbeeld" in content
    assert '<input type="hidden" name="region" value="utrecht">' in content


def test_a_saved_scan_is_its_authors_alone(client, world):
    author = make_user("coach", "analist", password=None)
    scan = _saved(author)
    client.force_login(make_user("beheerder", "beheerder", password=None))

    assert client.get(scan.get_absolute_url()).status_code == 404
    assert client.post(reverse("maatwerk:scan_delete", args=[scan.uuid])).status_code == 404
    assert Scan.objects.count() == 1


def test_the_author_deletes_a_scan_at_any_time(client, world):
    author = make_user("coach", "analist", password=None)
    scan = _saved(author)
    client.force_login(author)

    response = client.post(reverse("maatwerk:scan_delete", args=[scan.uuid]))

    assert response.status_code == 302
    assert Scan.objects.count() == 0


def test_editing_needs_with_a_stale_form_is_refused_and_keeps_the_newer_needs(client, world):
    author = make_user("coach", "analist", password=None)
    scan = _saved(author)
    client.force_login(author)
    url = scan.get_absolute_url()
    first = client.post(url, {**NEEDS, "label": "kandidaat B", "lock_version": 1})
    stale = client.post(url, {**NEEDS, "label": "kandidaat C", "lock_version": 1})

    assert first.status_code == 302
    assert stale.status_code == 409
    assert Scan.objects.get().label == "kandidaat B"
    assert "Deze scan is intussen ergens anders gewijzigd" in stale.content.decode()


def test_saved_scans_expire_after_keep_days(client, world, settings):
    settings.MAATWERK_KEEP_DAYS = 90
    author = make_user("coach", "analist", password=None)
    old = _saved(author, "oud")
    fresh = _saved(author, "nieuw")
    Scan.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=91))
    Scan.objects.filter(pk=fresh.pk).update(updated_at=timezone.now() - timedelta(days=89))

    call_command("prune_scans", stdout=None)

    assert list(Scan.objects.values_list("label", flat=True)) == ["nieuw"]


def test_using_the_scan_list_prunes_expired_scans(client, world, settings):
    settings.MAATWERK_KEEP_DAYS = 10
    author = make_user("coach", "analist", password=None)
    old = _saved(author, "oud")
    Scan.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=11))
    client.force_login(author)

    response = client.get(reverse("maatwerk:scan_list"))

    assert response.status_code == 200
    assert Scan.objects.count() == 0
    assert client.get(old.get_absolute_url()).status_code == 404


def _saved(author, label: str = "kandidaat A") -> Scan:
    return scan_save(
        author=author,
        label=label,
        needs=Needs(
            target_groups=frozenset({"verstandelijke-beperking"}),
            guidance="veel",
            hours_per_week=20,
        ),
    )


@pytest.mark.parametrize("extra", [0, 2])
def test_the_scan_page_has_a_fixed_query_count(client, world, extra, django_assert_num_queries):
    for i in range(extra):
        published(f"Extra {i}", "pw-kans-choose-jobs", "bg-uitd-zzp-admin")
    client.get("/")  # warm up (session, site-wide lookups)

    # The same number with 3 and with 5 published platforms: the form's target groups (to
    # validate and to render), the published assessments, their findings, the statements'
    # target groups, the catalogue's pay bases, Table 1 and who offers it, the titles used.
    with django_assert_num_queries(9):
        response = client.get(reverse("maatwerk:scan"), NEEDS)

    assert len(response.context["ranking"].platforms) == 3 + extra


def test_the_privacy_statement_and_my_data_tell_about_saved_scans(client, world, settings):
    settings.MAATWERK_KEEP_DAYS = 90
    author = make_user("coach", "analist", password=None)
    _saved(author, "kandidaat A")
    client.force_login(author)

    privacy = client.get(reverse("privacy")).content.decode()
    sections = {s.key: s for s in personal_data(author)}

    assert "Maatwerkscan: wat we bewaren en waarom" in privacy
    assert "automatisch verwijderd 90 dagen na de laatste wijziging" in privacy
    assert [row["label"] for row in sections["maatwerk_scans"].rows] == ["kandidaat A"]
