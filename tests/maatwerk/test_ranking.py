"""The maatwerkscan's ranking on hand-made cases: pure, no database."""

from maatwerk.ranking import FindingFact, Needs, PlatformFacts, WorkTypeFacts, rank

LABELS = {
    "findings": "findings {kansen}/{uitdagingen}",
    "specific": "specific {count}",
    "skill_yes": "skill yes",
    "skill_no": "skill no",
    "guidance_some": "guidance {count}",
    "skill_distance": "distance {distance}",
}
TITLES = {
    "pw-kans-online": "Online klussen",
    "pw-uitd-physical-demands": "Fysiek werk past niet bij elke beperking",
    "int-uitd-online-participation": "Online werk helpt niet om mee te doen",
}


def kans(code: str, groups: tuple[str, ...] = (), criterion: str = "passend_werk") -> FindingFact:
    return FindingFact(
        statement_code=code,
        kind="kans",
        criterion_code=criterion,
        title=f"Kans {code}",
        target_groups=frozenset(groups),
    )


def uitdaging(
    code: str, groups: tuple[str, ...] = (), criterion: str = "passend_werk", action: str = ""
) -> FindingFact:
    return FindingFact(
        statement_code=code,
        kind="uitdaging",
        criterion_code=criterion,
        title=f"Uitdaging {code}",
        action=action or f"Regel iets voor {code}",
        target_groups=frozenset(groups),
    )


def platform(
    name: str,
    *findings: FindingFact,
    physical: bool = True,
    online: bool = False,
    levels: tuple[str, ...] = ("lager",),
) -> PlatformFacts:
    return PlatformFacts(
        key=name.lower(),
        name=name,
        physical=physical,
        online=online,
        skill_levels=frozenset(levels),
        findings=findings,
    )


def names(ranked) -> list[str]:
    return [r.name for r in ranked]


def test_a_lot_of_guidance_puts_intake_and_physical_location_before_a_platform_without_guidance():
    # Without guidance but with many other kansen: on score alone it would win by far.
    rich = platform(
        "Zonder begeleiding",
        kans("pw-kans-choose-jobs"),
        kans("pw-kans-flexible-hours"),
        kans("ontw-kans-development-services"),
        kans("fin-kans-pay-floor", criterion="financiele_zekerheid"),
        kans("pw-kans-skill-levels"),
    )
    guided = platform(
        "Met intake en werkplek",
        kans("bg-kans-intake", ("verstandelijke-beperking",)),
        kans("int-kans-physical-location", ("verstandelijke-beperking",)),
        uitdaging("fin-uitd-no-pay-floor", criterion="financiele_zekerheid"),
        uitdaging("ontw-uitd-existing-skills"),
        uitdaging("ontw-uitd-learning-culture"),
    )
    needs = Needs(guidance="veel", target_groups=frozenset({"psychosociale-beperking"}))

    ranking = rank(needs, [rich, guided], [], labels=LABELS, titles=TITLES)

    assert names(ranking.platforms) == ["Met intake en werkplek", "Zonder begeleiding"]
    # 5 kansen, +1 for choosing own hours (flexible times), +2 for the skill level
    assert [r.score for r in ranking.platforms] == [1, 8]
    assert [r.guidance_kinds for r in ranking.platforms] == [2, 0]


def test_without_the_need_for_guidance_the_score_decides():
    rich = platform("Zonder begeleiding", kans("a"), kans("b"), kans("c"))
    guided = platform("Met intake", kans("bg-kans-intake"), uitdaging("x"), uitdaging("y"))

    ranking = rank(Needs(guidance="geen"), [guided, rich], [], labels=LABELS, titles=TITLES)

    assert names(ranking.platforms) == ["Zonder begeleiding", "Met intake"]
    assert [r.score for r in ranking.platforms] == [5, 1]


def test_a_person_who_must_work_online_never_gets_physical_only_platforms():
    physical_only = platform("Klussen aan huis", *[kans(str(i)) for i in range(10)])
    both = platform("Gemengd", physical=True, online=True)
    online_only = platform("Online teksten", physical=False, online=True)
    needs = Needs(work_mode="online")

    ranking = rank(needs, [physical_only, both, online_only], [], labels=LABELS, titles=TITLES)

    assert names(ranking.platforms) == ["Gemengd", "Online teksten"]
    assert [(r.name, r.excluded) for r in ranking.excluded_platforms] == [
        ("Klussen aan huis", "alleen-fysiek")
    ]


def test_a_person_who_must_work_on_location_never_gets_online_only_platforms():
    online_only = platform("Online teksten", physical=False, online=True)
    physical = platform("Klussen aan huis")

    ranking = rank(
        Needs(work_mode="fysiek"), [online_only, physical], [], labels=LABELS, titles=TITLES
    )

    assert names(ranking.platforms) == ["Klussen aan huis"]
    assert names(ranking.excluded_platforms) == ["Online teksten"]


def test_findings_that_weigh_for_the_persons_group_count_double_and_are_marked():
    scoped = kans("pw-kans-clear-scope", ("verstandelijke-beperking",))
    online = kans("pw-kans-online", ("fysieke-beperking",))
    general = uitdaging("pw-uitd-no-fit-method")
    p = platform("Afgebakend", scoped, online, general)
    needs = Needs(target_groups=frozenset({"verstandelijke-beperking"}))

    ranked = rank(needs, [p], [], labels=LABELS, titles=TITLES).platforms[0]

    # clear scope 2, online 1 (other group), general uitdaging -1, skill level offered +2
    assert ranked.score == 4
    assert ranked.weighty == [scoped]
    assert ranked.serving == [scoped]  # the other group's kans does not serve this person
    assert ranked.blocking == [general]
    assert [f.action for f in ranked.to_organise] == ["Regel iets voor pw-uitd-no-fit-method"]


def test_fixed_times_weigh_short_notice_work_down():
    adhoc = platform("Op afroep", uitdaging("pw-uitd-adhoc"), kans("a"), kans("b"), kans("c"))
    planned = platform("Gepland", kans("a"))

    flexible = rank(Needs(schedule="flexibel"), [adhoc, planned], [], labels=LABELS, titles=TITLES)
    fixed = rank(Needs(schedule="vast"), [adhoc, planned], [], labels=LABELS, titles=TITLES)

    assert names(flexible.platforms) == ["Op afroep", "Gepland"]
    assert names(fixed.platforms) == ["Gepland", "Op afroep"]
    assert [r.score for r in flexible.platforms] == [4, 3]
    assert [r.score for r in fixed.platforms] == [3, 2]


def test_the_score_lines_add_up_to_the_score():
    p = platform("Som", kans("bg-kans-intake"), uitdaging("u"), levels=("hoger",))
    needs = Needs(guidance="enige", skill_level="lager")

    ranked = rank(needs, [p], [], labels=LABELS, titles=TITLES).platforms[0]

    assert [(pt.reason, pt.points) for pt in ranked.points] == [
        ("findings 1/1", 0),
        ("skill no", -2),
        ("guidance 1", 2),
    ]
    assert ranked.score == sum(pt.points for pt in ranked.points) == 0


def test_work_types_follow_mode_skill_and_what_the_paper_says_about_the_groups():
    work_types = [
        WorkTypeFacts("bezorgen", "Maaltijdbezorging", "fysiek", "lager"),
        WorkTypeFacts("data-entry", "Data-entry", "online", "lager"),
        WorkTypeFacts("programmeren", "Programmeren", "online", "hoger"),
    ]
    needs = Needs(target_groups=frozenset({"fysieke-beperking"}), skill_level="lager")

    ranking = rank(needs, [], work_types, labels=LABELS, titles=TITLES)

    assert [(r.name, r.score) for r in ranking.work_types] == [
        ("Data-entry", 4),
        ("Maaltijdbezorging", 0),
        ("Programmeren", 0),
    ]
    online_only = rank(Needs(work_mode="online"), [], work_types, labels=LABELS, titles=TITLES)
    assert names(online_only.excluded_work_types) == ["Maaltijdbezorging"]
