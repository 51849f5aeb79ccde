"""Small hand-made data for maatwerk tests: published assessments with confirmed findings."""

from __future__ import annotations

from django.utils import timezone

from assessments.models import Assessment, Finding, Platform, Verdict
from framework.models import Criterion, Statement, TargetGroup, WorkType
from tests.users import make_user

GROUPS = (
    ("fysieke-beperking", "Mensen met een lichamelijke beperking"),
    ("verstandelijke-beperking", "Mensen met een verstandelijke beperking"),
    ("psychosociale-beperking", "Mensen met een psychosociale beperking"),
    ("situationele-beperking", "Mensen met een situationele beperking"),
)

# code: (criterion, kind, title, action, target groups)
STATEMENTS = {
    "bg-kans-intake": (
        "begeleiding",
        "kans",
        "Een kennismakingsgesprek",
        "",
        ["verstandelijke-beperking"],
    ),
    "int-kans-physical-location": (
        "integratie",
        "kans",
        "Een fysieke werkplek met begeleiding",
        "",
        [],
    ),
    "pw-kans-choose-jobs": ("passend_werk", "kans", "De werker kiest zelf", "", []),
    "pw-kans-online": (
        "passend_werk",
        "kans",
        "Online klussen",
        "",
        ["fysieke-beperking", "psychosociale-beperking"],
    ),
    "pw-kans-clear-scope": (
        "passend_werk",
        "kans",
        "Duidelijk afgebakende klussen",
        "",
        ["verstandelijke-beperking"],
    ),
    "bg-uitd-zzp-admin": (
        "begeleiding",
        "uitdaging",
        "Zelf administratie regelen als zzp'er",
        "Hulp bij de administratie",
        ["verstandelijke-beperking"],
    ),
    "fin-uitd-payment-after-approval": (
        "financiele_zekerheid",
        "uitdaging",
        "Pas betaald na goedkeuring",
        "Regel betaling vooraf",
        [],
    ),
    "pw-uitd-physical-demands": (
        "passend_werk",
        "uitdaging",
        "Fysiek werk past niet bij elke beperking",
        "Kies passend werk",
        ["fysieke-beperking"],
    ),
    "int-uitd-online-participation": (
        "integratie",
        "uitdaging",
        "Online werk helpt niet om mee te doen",
        "Organiseer contact",
        [],
    ),
}


def maatwerk_framework() -> dict:
    groups = {
        code: TargetGroup.objects.create(code=code, order=i, name_nl=name, source="T")
        for i, (code, name) in enumerate(GROUPS)
    }
    criteria = {}
    for i, code in enumerate(["passend_werk", "begeleiding", "integratie", "financiele_zekerheid"]):
        criteria[code] = Criterion.objects.create(
            code=code, order=i, name_nl=code, question_nl="?", definition_nl="D", source="T"
        )
    statements = {}
    for i, (code, (crit, kind, title, action, tgs)) in enumerate(STATEMENTS.items()):
        statement = Statement.objects.create(
            code=code,
            criterion=criteria[crit],
            kind=kind,
            order=i,
            title_nl=title,
            explanation_nl="Uitleg",
            action_nl=action,
            source="T",
        )
        statement.target_groups.set([groups[g] for g in tgs])
        statements[code] = statement
    work_types = {
        "bezorgen": WorkType.objects.create(
            code="bezorgen",
            order=0,
            name_nl="Maaltijdbezorging",
            mode="fysiek",
            skill_level="lager",
        ),
        "data-entry": WorkType.objects.create(
            code="data-entry", order=1, name_nl="Data-entry", mode="online", skill_level="lager"
        ),
    }
    return {
        "groups": groups,
        "criteria": criteria,
        "statements": statements,
        "work_types": work_types,
    }


def published(
    name: str, *codes: str, physical: bool = True, online: bool = False, owner=None
) -> Assessment:
    """A platform with a published assessment whose findings for ``codes`` are confirmed."""
    platform = Platform.objects.create(
        name=name,
        slug=name.lower().replace(" ", "-"),
        physical=physical,
        online=online,
        skill_lower=True,
    )
    owner = owner or make_user(f"auteur-{platform.slug}", "analist", password=None)
    assessment = Assessment.objects.create(
        platform=platform,
        owner=owner,
        framework_version="test",
        status="published",
        published_at=timezone.now(),
    )
    for i, code in enumerate(codes):
        statement = Statement.objects.get(code=code)
        Finding.objects.create(
            assessment=assessment,
            statement=statement,
            criterion=statement.criterion,
            kind=statement.kind,
            title_nl=statement.title_nl,
            suggested_action_nl=statement.action_nl,
            verdict=Verdict.CONFIRMED,
            motivation=f"Gezien bij {name}",
            order=i,
        )
    return assessment
