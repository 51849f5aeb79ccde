"""The paper's two worked examples, answered with our options, derive the paper's findings.

Each expected code carries a comment that points to the place in the paper (paraphrased).
"""

import pytest

from framework.rules import Rules

pytestmark = pytest.mark.django_db

# Voorbeeld 1: fysieke klussen in en om het huis (marketplaces for odd jobs around the house).
EXAMPLE_1_ANSWERS = [
    "werkvorm-fysiek",
    "skills-lager",
    "skills-middelbaar",
    "variatie-divers",  # from hanging a lamp to installing a PC
    "opdrachtvorm-losse-klussen",
    "orgmodel-marketplace",
    "keuze-werker",
    "keuze-opdrachtgever",  # clients choose from the profiles of odd-jobbers
    "gesprekog-nee",
    "aanbod-zelf-zoeken",
    "filter-ja",  # one platform lets clients state age, gender or education preferences
    "regio-ja",  # the platforms match regionally
    "werklocatie-nee",
    "relatie-zzp",  # high self-reliance required by the employment relation
    "uitstraling-algemeen",
    "toetreding-identiteit",  # low entry criteria
    "toetreding-leeftijd",
    "ontwdienst-geen",
    "ondersteuning-geen",
    "community-geen",  # these platforms have no community function (yet)
    "beoordeling-ja",
    "beoordelingsvorm-reviews",  # written reviews by the people who post jobs
    "werktijden-zelf",
    "planning-adhoc",  # short tasks that must be done at short notice
]

EXAMPLE_1_EXPECTED = [
    # Vb1, passend werk: wide variety of odd jobs and the flexibility are a kans
    "pw-kans-skill-levels",
    "pw-kans-flexible-hours",
    # Vb1, passend werk: ad hoc work can be a kans, depending on the individual ...
    "pw-kans-adhoc-planned-variety",
    # ... but also a risk for those who find ad hoc requests hard
    "pw-uitd-adhoc",
    # Vb1, passend werk: combining tasks (even across platforms) into a complete job
    "pw-kans-combine-tasks",
    # Vb1, passend werk: judging tasks on context and cognitive demands is an uitdaging
    "pw-uitd-no-fit-method",
    # Vb1, passend werk: monitoring capacity versus workload is missing
    "pw-uitd-workload-monitoring",
    # Vb1, begeleiding: no supervisor, colleague or intermediary who guides
    "bg-uitd-no-supervisor",
    # Vb1, begeleiding: the employment relation demands high self-reliance
    "bg-uitd-self-reliance",
    # Vb1, ontwikkeling: no open culture of learning and development (yet)
    "ontw-uitd-learning-culture",
    # Vb1, ontwikkeling: short tasks under low entry criteria allow a chain of new experiences
    "ontw-kans-stacking-gigs",
    "ontw-kans-low-entry",
    # Vb1, ontwikkeling: written reviews can support development ...
    "ontw-kans-review-feedback",
    # ... and can help safeguard the quality of the work
    "ontw-kans-quality-guard",
    # Vb1, ontwikkeling: platform skills (profile, digital, writing, own direction) are an uitdaging
    "ontw-uitd-platform-skills",
    # Vb1, integratie: the platforms could tell clients they work with a target group
    "int-kans-communicate-target-group",
    # Vb1, integratie: they match regionally, so a physical workplace could be organised
    "int-kans-physical-location",
    # Vb1, integratie: no community function, so integration is an uitdaging
    "int-uitd-isolation",
    # Vb1, integratie: clients choose from worker profiles with their preferences
    "int-uitd-client-chooses-profiles",
    # Vb1, integratie: stating age/gender/education preferences is not acceptable
    "int-uitd-preference-filters",
]

EXAMPLE_1_NOT_EXPECTED = [
    "int-kans-active-community",  # there is no community
    "ontw-kans-learning-community",
    "pw-kans-online",  # physical work
    "int-uitd-online-participation",
    "int-kans-interview-before-choice",
]

# Voorbeeld 2: online klussen met een hoog skills-niveau (freelance marketplaces).
EXAMPLE_2_ANSWERS = [
    "werkvorm-online",
    "skills-hoger",
    "variatie-divers",
    "opdrachtvorm-losse-klussen",  # gigs rather than full jobs
    "orgmodel-marketplace",
    "keuze-opdrachtgever",  # clients view and compare profiles
    "gesprekog-ja",  # often an interview before the client chooses
    "aanbod-automatisch",  # work comes in when a client contacts you after seeing your profile
    "filter-nee",
    "regio-nee",
    "relatie-zzp",
    "uitstraling-zelfstandig",  # 'find the perfect freelancer'
    "doelgroep-zzp",
    "toetreding-identiteit",
    "ontwdienst-training",  # free training on becoming a freelancer
    "ontwdienst-cursussen",  # free courses
    "ontwdienst-assessment",  # scan of hard and soft skills
    "community-forum",  # one platform offers a forum for questions to other freelancers
    "beoordeling-ja",
    "beoordelingsvorm-sterren",  # extensive review system
    "beoordelingsvorm-reviews",
    "prijs-werker",
    "werktijden-overleg",
    "planning-gepland",  # often longer gigs
    "reactietijd-24u",  # respond within 24 hours
]

EXAMPLE_2_EXPECTED = [
    # Vb2, passend werk: tasks at a high skill level fit people with a high level of thinking
    "pw-kans-skill-levels",
    # Vb2, passend werk: online tasks widen the area, e.g. for physical disability or autism
    "pw-kans-online",
    # Vb2, passend werk: longer gigs may fit better than short ad hoc ones
    "pw-kans-adhoc-planned-variety",
    # Vb2, passend werk: workers must respond fast (within 24 hours)
    "pw-uitd-fast-response",
    # Vb2, passend werk: being offered work automatically simplifies searching
    "pw-kans-automatic-offer",
    # Vb2, passend werk: monitoring capacity versus workload is missing here too
    "pw-uitd-workload-monitoring",
    # Vb2, begeleiding: no supervisor, colleague or intermediary
    "bg-uitd-no-supervisor",
    # Vb2, begeleiding: aimed at self-reliant groups, the tone may not fit
    "bg-uitd-communication-style",
    # Vb2, ontwikkeling: gigs instead of full jobs allow a chain of new experiences
    "ontw-kans-stacking-gigs",
    # Vb2, ontwikkeling: matching on skills the worker already has
    "ontw-uitd-existing-skills",
    # Vb2, ontwikkeling: negotiating and setting a rate is an uitdaging
    "ontw-uitd-pricing-skills",
    # Vb2, ontwikkeling: free training, courses and a skills scan are a kans
    "ontw-kans-development-services",
    # Vb2, ontwikkeling: a community to ask other freelancers questions
    "ontw-kans-learning-community",
    # Vb2, ontwikkeling: the extensive review system, if well organised
    "ontw-kans-review-feedback",
    # Vb2, integratie: the platforms could tell clients they work with a target group
    "int-kans-communicate-target-group",
    # Vb2, integratie: online work, so the risk of not taking part in society
    "int-uitd-online-participation",
    # Vb2, integratie: clients view and compare profiles; the choice lies with them
    "int-uitd-client-chooses-profiles",
    # Vb2, integratie: an interview before the client chooses is a kans
    "int-kans-interview-before-choice",
]

EXAMPLE_2_NOT_EXPECTED = [
    "pw-uitd-adhoc",  # longer, planned gigs
    "int-uitd-isolation",  # this platform has a community function
    "pw-uitd-physical-demands",  # online work
    "int-uitd-preference-filters",
]


@pytest.fixture
def rules(framework):
    return Rules.from_db()


def test_example_answers_are_real_option_codes(rules):
    for code in EXAMPLE_1_ANSWERS + EXAMPLE_2_ANSWERS:
        assert code in rules.option_question, code


def test_example_1_physical_odd_jobs_derives_the_papers_findings(rules):
    derived = rules.derive(EXAMPLE_1_ANSWERS)

    assert set(EXAMPLE_1_EXPECTED) <= set(derived)
    assert not set(EXAMPLE_1_NOT_EXPECTED) & set(derived)


def test_example_2_high_skill_online_derives_the_papers_findings(rules):
    derived = rules.derive(EXAMPLE_2_ANSWERS)

    assert set(EXAMPLE_2_EXPECTED) <= set(derived)
    assert not set(EXAMPLE_2_NOT_EXPECTED) & set(derived)


def test_derived_statements_name_the_options_that_triggered_them(rules):
    derived = rules.derive(EXAMPLE_1_ANSWERS)

    assert derived["int-uitd-preference-filters"] == frozenset({"filter-ja"})
    assert derived["bg-uitd-no-supervisor"] == frozenset()  # general: holds without a trigger


def test_hidden_follow_up_answers_do_not_count(rules):
    # The rating-form question only applies when the platform rates workers.
    derived = rules.derive(["beoordeling-nee", "beoordelingsvorm-sterren"])

    assert "ontw-uitd-bare-stars" not in derived
    assert "ontw-uitd-no-quality-guard" in derived
