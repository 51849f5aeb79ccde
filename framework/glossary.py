"""The glossary page: the framework's own terms from its data, plus the words around them.

Criteria, characteristics and target groups come from the loaded framework, so the glossary
never disagrees with it. The general words below are not framework items; they are written
here, in our own words, because users meet them on every page.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from framework.models import Characteristic, Criterion, TargetGroup


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    kind: str  # what sort of term it is, shown beside it


GENERAL_TERMS: tuple[tuple[Promise, Promise], ...] = (
    (
        _("Afstand tot de arbeidsmarkt"),
        _(
            "Iemand heeft een afstand tot de arbeidsmarkt als die hulp nodig heeft om aan het "
            "werk te komen of te blijven, bijvoorbeeld door een beperking of een situatie thuis."
        ),
    ),
    (
        _("Kans"),
        _(
            "Iets aan werk via een platform dat helpt om het werk inclusief te maken, zoals vrij "
            "kunnen kiezen welke klussen je doet."
        ),
    ),
    (
        _("Uitdaging"),
        _(
            "Iets aan werk via een platform dat het moeilijk maakt voor mensen met een afstand "
            "tot de arbeidsmarkt. Bij een uitdaging hoort wat er geregeld moet worden."
        ),
    ),
    (
        _("Platformwerker"),
        _("Iemand die geregeld betaald werk doet dat via een digitaal platform wordt verdeeld."),
    ),
    (
        _("Klus"),
        _("Eén opdracht die via een platform wordt aangeboden, van een uur tot enkele dagen."),
    ),
    (
        _("Opdrachtgever"),
        _("De persoon of organisatie die een klus op het platform zet en ervoor betaalt."),
    ),
    (
        _("Arbeidsrelatie"),
        _(
            "Hoe de werker aan het werk verbonden is: als zelfstandige (zzp), via een "
            "uitzendconstructie of in loondienst. Dit bepaalt onder meer verzekering en pensioen."
        ),
    ),
    (
        _("Beoordeling (van een platform)"),
        _(
            "In Inclusief: het onderzoek van één platform met de vragenlijst, dat eindigt in "
            "kansen, uitdagingen en acties. Niet te verwarren met de sterren die een werker krijgt."
        ),
    ),
    (
        _("Beoordeling (van een werker)"),
        _(
            "Het cijfer of de review die een opdrachtgever na een klus aan de werker geeft, zoals "
            "sterren of een geschreven oordeel."
        ),
    ),
    (
        _("Werksoort"),
        _(
            "Een soort platformwerk, ingedeeld naar fysiek of online werk en naar het niveau van "
            "de vaardigheden die nodig zijn (Tabel 1 van het raamwerk)."
        ),
    ),
    (
        _("Maatwerk"),
        _(
            "Werk en begeleiding afstemmen op wat één persoon nodig heeft: hetzelfde platform kan "
            "voor de een een kans zijn en voor de ander een drempel."
        ),
    ),
)


def glossary_terms() -> list[Term]:
    """Every term, sorted alphabetically in the active language (three queries)."""
    terms = [Term(str(term), str(text), str(_("begrip"))) for term, text in GENERAL_TERMS]
    terms += [
        Term(c.text("name"), c.text("definition"), str(_("criterium")))
        for c in Criterion.objects.all()
    ]
    terms += [
        Term(c.text("name"), c.text("description"), str(_("kenmerk van een platform")))
        for c in Characteristic.objects.all()
        if c.text("description")
    ]
    terms += [
        Term(g.text("name"), g.text("description"), str(_("doelgroep")))
        for g in TargetGroup.objects.all()
        if g.text("description")
    ]
    return sorted(terms, key=lambda t: t.term.casefold())
