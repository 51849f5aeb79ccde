"""Test data for assessments: users with roles, platforms and a small framework."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from assessments.models import Platform
from framework.models import (
    Characteristic,
    Criterion,
    FrameworkVersion,
    Option,
    Question,
    Statement,
)


def user_with_role(username: str, role: str | None = "analist"):
    user = get_user_model().objects.create_user(username, password="een-lang-wachtwoord-123")
    if role:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


def platform(name: str = "Klusplein") -> Platform:
    return Platform.objects.create(name=name, slug=name.lower().replace(" ", "-"), physical=True)


def small_framework() -> dict:
    """Two characteristics; a conditional question; options that trigger statements."""
    FrameworkVersion.objects.create(label="test-1", is_current=True)
    pw = Criterion.objects.create(
        code="passend_werk",
        order=0,
        name_nl="Passend werk",
        name_en="Suitable work",
        question_nl="Hoe passend?",
        definition_nl="Def.",
        source="T",
    )
    integ = Criterion.objects.create(
        code="integratie",
        order=1,
        name_nl="Integratie",
        name_en="Integration",
        question_nl="Hoe integratie?",
        definition_nl="Def.",
        source="T",
    )
    s = {
        "online": Statement.objects.create(
            code="k-online",
            criterion=pw,
            kind="kans",
            title_nl="Online werk kan vanuit huis",
            title_en="Online work can be done from home",
            explanation_nl="Uitleg",
            source="T",
        ),
        "isolation": Statement.objects.create(
            code="u-isolation",
            criterion=integ,
            kind="uitdaging",
            title_nl="Risico op isolement",
            explanation_nl="Uitleg",
            action_nl="Organiseer contact met collega's.",
            source="T",
        ),
        "stars": Statement.objects.create(
            code="u-stars",
            criterion=pw,
            kind="uitdaging",
            title_nl="Alleen sterren",
            explanation_nl="Uitleg",
            action_nl="Geef uitleg bij beoordelingen.",
            source="T",
        ),
        "monitoring": Statement.objects.create(
            code="u-monitoring",
            criterion=pw,
            kind="uitdaging",
            title_nl="Belasting niet gevolgd",
            explanation_nl="Uitleg",
            action_nl="Volg de belasting.",
            source="T",
            general=True,
        ),
    }
    work = Characteristic.objects.create(code="werk", order=0, name_nl="Soort werk", source="T")
    rating = Characteristic.objects.create(
        code="beoordeling", order=1, name_nl="Beoordeling", source="T"
    )
    mode = Question.objects.create(
        code="mode",
        characteristic=work,
        order=0,
        kind="single",
        text_nl="Is het werk fysiek of online?",
        help_nl="Kijk naar de klussen.",
        source="T",
    )
    community = Question.objects.create(
        code="community",
        characteristic=work,
        order=1,
        kind="single",
        text_nl="Is er een community?",
        help_nl="Forum of chat.",
        source="T",
    )
    rates = Question.objects.create(
        code="rates",
        characteristic=rating,
        order=0,
        kind="single",
        text_nl="Worden werkers beoordeeld?",
        help_nl="Sterren of reviews.",
        source="T",
    )
    how = Question.objects.create(
        code="how",
        characteristic=rating,
        order=1,
        kind="multiple",
        text_nl="Hoe worden werkers beoordeeld?",
        help_nl="Kies alles wat klopt.",
        source="T",
    )
    o = {
        "online": Option.objects.create(
            code="mode-online", question=mode, order=0, label_nl="Online"
        ),
        "physical": Option.objects.create(
            code="mode-physical", question=mode, order=1, label_nl="Fysiek", neutral=True
        ),
        "no-community": Option.objects.create(
            code="community-no", question=community, order=0, label_nl="Nee"
        ),
        "community": Option.objects.create(
            code="community-yes", question=community, order=1, label_nl="Ja", neutral=True
        ),
        "rated": Option.objects.create(code="rates-yes", question=rates, order=0, label_nl="Ja"),
        "not-rated": Option.objects.create(
            code="rates-no", question=rates, order=1, label_nl="Nee", neutral=True
        ),
        "stars": Option.objects.create(code="how-stars", question=how, order=0, label_nl="Sterren"),
        "reviews": Option.objects.create(
            code="how-reviews", question=how, order=1, label_nl="Geschreven reviews", neutral=True
        ),
    }
    o["online"].triggers.add(s["online"])
    o["no-community"].triggers.add(s["isolation"])
    o["stars"].triggers.add(s["stars"])
    how.shown_if.add(o["rated"])
    return {"statements": s, "options": o, "criteria": {"pw": pw, "integ": integ}}
