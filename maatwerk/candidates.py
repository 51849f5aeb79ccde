"""What the scan ranks: facts from published assessments and Table 1, in a fixed number of queries.

Maatwerk reads the framework and published assessments only; nothing here writes.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from assessments.models import Finding, ProfileAnswer
from assessments.results import latest_published
from framework.models import Option, Statement, WorkType
from maatwerk.ranking import (
    WORK_FORM_NOTES,
    FindingFact,
    Needs,
    PlatformFacts,
    Ranking,
    WorkTypeFacts,
    rank,
)

PAY_BASIS_QUESTION = "betaalwijze"
PAY_BASIS_OPTIONS = {"betaalwijze-uur": "uur", "betaalwijze-klus": "klus"}


def statement_target_groups() -> dict[int, frozenset[str]]:
    """Per statement id, the codes of the target groups it weighs for (one query)."""
    groups: dict[int, set[str]] = defaultdict(set)
    through = Statement.target_groups.through.objects.values_list(
        "statement_id", "targetgroup__code"
    )
    for statement_id, code in through:
        groups[statement_id].add(code)
    return {pk: frozenset(codes) for pk, codes in groups.items()}


def pay_bases(platform_ids: list[int]) -> dict[int, str]:
    """The pay basis (per hour or per task) the catalogue profile states, where it does."""
    answers = (
        ProfileAnswer.objects.filter(
            platform_id__in=platform_ids, question__code=PAY_BASIS_QUESTION, unknown=False
        )
        .prefetch_related(Prefetch("options", queryset=Option.objects.only("code")))
        .only("platform_id")
    )
    bases = {}
    for answer in answers:
        found = {
            PAY_BASIS_OPTIONS[o.code] for o in answer.options.all() if o.code in PAY_BASIS_OPTIONS
        }
        if len(found) == 1:
            bases[answer.platform_id] = found.pop()
    return bases


def platform_facts() -> list[PlatformFacts]:
    """Per platform its newest published assessment, with the findings that count."""
    assessments = list(latest_published().select_related("platform").order_by("platform__name"))
    groups = statement_target_groups()
    findings: dict[int, list[FindingFact]] = defaultdict(list)
    rows = (
        Finding.objects.counting()
        .filter(assessment__in=[a.pk for a in assessments])
        .select_related("statement", "criterion")
        .order_by("criterion__order", "kind", "order", "pk")
    )
    for f in rows:
        findings[f.assessment_id].append(
            FindingFact(
                statement_code=f.statement.code if f.statement else None,
                kind=f.kind,
                criterion_code=f.criterion.code,
                title=f.title,
                motivation=f.motivation,
                action=f.action or f.suggested_action,
                target_groups=groups.get(f.statement_id, frozenset()),
            )
        )
    bases = pay_bases([a.platform_id for a in assessments])
    return [
        PlatformFacts(
            key=str(a.uuid),
            name=a.platform.name,
            physical=a.platform.physical,
            online=a.platform.online,
            skill_levels=frozenset(a.platform.skill_levels),
            findings=tuple(findings[a.pk]),
            pay_basis=bases.get(a.platform_id, ""),
            url=reverse("assessments:results", kwargs={"uuid": a.uuid}),
        )
        for a in assessments
    ]


def work_type_facts() -> list[WorkTypeFacts]:
    """Table 1's work types with the published platforms that offer them (two queries)."""
    published = latest_published().values("platform_id")
    offered: dict[int, list[str]] = defaultdict(list)
    through = (
        WorkType.platforms.through.objects.filter(platform_id__in=published)
        .order_by("platform__name")
        .values_list("worktype_id", "platform__name")
    )
    for work_type_id, name in through:
        offered[work_type_id].append(name)
    return [
        WorkTypeFacts(
            key=w.code,
            name=w.name,
            mode=w.mode,
            skill_level=w.skill_level,
            platforms=tuple(offered[w.pk]),
            mode_label=w.get_mode_display(),
            skill_label=w.get_skill_level_display(),
        )
        for w in WorkType.objects.order_by("order", "code")
    ]


def ranking_labels() -> dict[str, str]:
    """The score lines in the active language (the ranking itself stays pure)."""
    return {
        "findings": _(
            "Bevestigde kansen ({kansen}) en uitdagingen ({uitdagingen}), met de extra punten "
            "voor doelgroep, werktijden en inkomen"
        ),
        "specific": _("Waarvan {count} extra zwaar wegen voor de gekozen doelgroepen"),
        "skill_yes": _("Biedt werk op het gevraagde skills-niveau"),
        "skill_no": _("Biedt geen werk op het gevraagde skills-niveau"),
        "guidance_some": _("Soorten begeleiding die het platform biedt: {count}"),
        "skill_distance": _("Verschil met het gevraagde skills-niveau: {distance} stap(pen)"),
    }


def work_form_titles() -> dict[str, str]:
    codes = [statement for _mode, _groups, _points, statement in WORK_FORM_NOTES]
    return {s.code: s.title for s in Statement.objects.filter(code__in=codes)}


def scan_ranking(needs: Needs) -> Ranking:
    return rank(
        needs,
        platform_facts(),
        work_type_facts(),
        labels=ranking_labels(),
        titles=work_form_titles(),
    )
