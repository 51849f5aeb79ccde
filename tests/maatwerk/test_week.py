"""Baan engineering: a week from two platforms, against the minimum wage, and its PDF."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from assessments.models import ProfileAnswer
from framework.models import Characteristic, Option, Question
from maatwerk.models import MinimumWage, Scan, WeekItem
from maatwerk.ranking import Needs
from maatwerk.services import scan_save
from maatwerk.week import week_plan
from tests.maatwerk.builders import maatwerk_framework, published
from tests.users import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    maatwerk_framework()
    intake = published(
        "Met Intake", "bg-kans-intake", "bg-uitd-zzp-admin", "fin-uitd-payment-after-approval"
    )
    online = published(
        "Online Klus", "pw-kans-online", "bg-uitd-zzp-admin", physical=False, online=True
    )
    author = make_user("coach", "analist", password=None)
    scan = scan_save(author=author, label="kandidaat A", needs=Needs(hours_per_week=24))
    return {"intake": intake, "online": online, "author": author, "scan": scan}


def _add(client, scan, source, **fields):
    data = {
        "source": source,
        "hours_per_week": "8",
        "pay_basis": "uur",
        "pay_amount": "14,00",
        "tasks_per_week": "",
        "travel_minutes_per_week": "",
        "lock_version": Scan.objects.get(pk=scan.pk).lock_version,
        **fields,
    }
    return client.post(reverse("maatwerk:week_item_add", args=[scan.uuid]), data)


def test_a_week_from_two_platforms_against_the_minimum_wage(client, world):
    scan = world["scan"]
    client.force_login(world["author"])

    first = _add(client, scan, f"platform:{world['intake'].uuid}", travel_minutes_per_week="120")
    second = _add(
        client,
        scan,
        f"platform:{world['online'].uuid}",
        pay_basis="klus",
        pay_amount="3,50",
        tasks_per_week="30",
        travel_minutes_per_week="60",
    )

    assert (first.status_code, second.status_code) == (302, 302)
    items = list(WeekItem.objects.order_by("order"))
    assert [(i.label, i.mode, i.travel_minutes_per_week) for i in items] == [
        ("Met Intake", "fysiek", 120),
        ("Online Klus", "online", 0),  # no travel for online work
    ]
    plan = week_plan(Scan.objects.get(pk=scan.pk), today=date(2025, 8, 1))
    # 8 h × 14.00 + 30 tasks × 3.50 = 112 + 105
    assert plan.income_per_week == Decimal("217.00")
    assert plan.income_per_month == Decimal("940.33")
    assert plan.work_hours == Decimal("16.0")
    assert plan.minimum_wage.hourly_amount == Decimal("14.40")
    assert plan.minimum_per_week == Decimal("230.40")
    assert plan.below_minimum is True
    assert plan.shortfall_per_month == Decimal("58.07")
    assert plan.income_per_hour_with_travel == Decimal("12.06")  # 217 / 18 h
    assert [(c.title, c.platforms) for c in plan.challenges_adding_up] == [
        ("Zelf administratie regelen als zzp'er", ("Met Intake", "Online Klus"))
    ]


def test_the_week_page_shows_estimates_minimum_wage_and_what_adds_up(client, world):
    scan = world["scan"]
    client.force_login(world["author"])
    _add(client, scan, f"platform:{world['intake'].uuid}")
    _add(client, scan, f"platform:{world['online'].uuid}")

    content = client.get(scan.get_absolute_url()).content.decode()

    assert "ingevoerd; een schatting" in content
    assert "Minimumloon voor dezelfde uren" in content
    assert "bij meerdere platforms: Met Intake, Online Klus" in content


def test_the_catalogue_pay_basis_wins_and_is_marked(client, world):
    platform = world["intake"].platform
    characteristic = Characteristic.objects.create(code="beloning", name_nl="Beloning", source="T")
    question = Question.objects.create(
        code="betaalwijze", characteristic=characteristic, kind="single", text_nl="?", source="T"
    )
    per_task = Option.objects.create(
        code="betaalwijze-klus", question=question, label_nl="Per klus"
    )
    answer = ProfileAnswer.objects.create(platform=platform, question=question, source_title="Site")
    answer.options.add(per_task)
    client.force_login(world["author"])
    scan = world["scan"]

    missing = _add(client, scan, f"platform:{world['intake'].uuid}", pay_basis="uur")
    added = _add(client, scan, f"platform:{world['intake'].uuid}", tasks_per_week="10")

    assert missing.status_code == 400
    assert (
        "Dit platform betaalt per klus: vul in hoeveel klussen per week."
        in missing.content.decode()
    )
    assert added.status_code == 302
    item = WeekItem.objects.get()
    assert (item.pay_basis, item.pay_basis_from_catalogue, item.tasks_per_week) == (
        "klus",
        True,
        10,
    )


def test_a_stale_week_form_changes_nothing(client, world):
    scan = world["scan"]
    client.force_login(world["author"])
    _add(client, scan, f"platform:{world['intake'].uuid}")

    stale = _add(client, scan, f"platform:{world['online'].uuid}", lock_version=1)

    assert stale.status_code == 409
    assert list(WeekItem.objects.values_list("label", flat=True)) == ["Met Intake"]


def test_a_negative_amount_gives_a_dutch_error_and_keeps_the_week(client, world):
    scan = world["scan"]
    client.force_login(world["author"])
    _add(client, scan, f"platform:{world['intake'].uuid}")

    response = _add(client, scan, f"platform:{world['online'].uuid}", pay_amount="-3")

    assert response.status_code == 400
    assert "Het bedrag kan niet negatief zijn." in response.content.decode()
    assert WeekItem.objects.count() == 1


def test_the_benefit_threshold_is_indicative_only(client, world):
    scan = world["scan"]
    client.force_login(world["author"])
    _add(client, scan, f"platform:{world['intake'].uuid}")
    lock = Scan.objects.get(pk=scan.pk).lock_version

    client.post(
        reverse("maatwerk:benefit_threshold", args=[scan.uuid]),
        {"benefit_threshold": "300", "lock_version": lock},
    )

    content = client.get(scan.get_absolute_url()).content.decode()
    assert "Het geschatte maandinkomen ligt boven de ingevoerde grens van € 300,00." in content
    assert "Dit is een indicatie, geen berekening van de uitkering." in content


def test_the_live_preview_shows_an_unsaved_item_and_stores_nothing(client, world):
    scan = world["scan"]
    client.force_login(world["author"])

    response = client.get(
        scan.get_absolute_url(),
        {
            "source": f"platform:{world['intake'].uuid}",
            "hours_per_week": "10",
            "pay_basis": "uur",
            "pay_amount": "15",
            "lock_version": "1",
        },
    )

    assert response.context["plan"].income_per_week == Decimal("150.00")
    assert "voorbeeld, nog niet toegevoegd" in response.content.decode()
    assert WeekItem.objects.count() == 0


def test_the_seeded_minimum_wage_names_its_source_and_what_is_unchecked():
    wages = {
        w.valid_from.isoformat(): (w.hourly_amount, w.verified) for w in MinimumWage.objects.all()
    }

    assert wages["2025-07-01"] == (Decimal("14.40"), True)
    assert wages["2024-01-01"] == (Decimal("13.27"), False)
    assert MinimumWage.objects.on(date(2026, 2, 1)).hourly_amount == Decimal("14.71")


def test_the_advice_pdf_holds_the_week_and_the_ranking(client, world):
    scan = world["scan"]
    client.force_login(world["author"])
    _add(client, scan, f"platform:{world['intake'].uuid}")

    response = client.get(reverse("maatwerk:scan_pdf", args=[scan.uuid]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Maatwerkadvies: kandidaat A" in text
    assert "Met Intake" in text
    assert "Zo komt deze volgorde tot stand" in text
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])
