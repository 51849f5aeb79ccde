"""The whole rule book in Markdown, for a researcher to review (``export_framework --format
markdown``): per criterion and statement, when it appears in words, what switches it off, the
paper section behind the rule and the reasoning; then the declared contradictions."""

from django.utils.translation import gettext as _

from framework.conditions import Phrase
from framework.models import FrameworkVersion
from framework.queries import statement_matrix
from framework.versions import current_rules
from framework.wording import labels, when_text


def _phrase_lines(phrase: Phrase, depth: int = 0) -> list[str]:
    lines = [f"{'  ' * depth}- {phrase.text}"]
    for item in phrase.items:
        lines += _phrase_lines(item, depth + 1)
    return lines


def rule_book_markdown() -> str:
    rules = current_rules()
    names = labels()
    version = FrameworkVersion.objects.current()
    titles: dict[str, str] = {}
    out = [
        f"# {_('Regelboek')}: {_('Raamwerk inclusief platformwerk')}"
        + (f" ({_('versie')} {version.label})" if version else ""),
        "",
        _(
            "Per kans en uitdaging: wanneer het punt verschijnt, wat het uitzet en op welk deel "
            "van het paper de regel steunt. Een antwoord ‘onbekend’ telt nooit als ‘niet gekozen’."
        ),
    ]
    for row in statement_matrix():
        out += ["", f"## {row.criterion.name}"]
        for statement in (*row.opportunities, *row.challenges):
            titles[statement.code] = statement.title
            out += [
                "",
                f"### {statement.get_kind_display()}: {statement.title} (`{statement.code}`)",
                "",
            ]
            rule = rules.rule_for(statement.code)
            if rule is None:
                out.append(_("Geen regel: dit punt verschijnt nooit vanzelf."))
                continue
            text = when_text(rule, names)
            if text.general:
                out.append(_("Geldt voor platformwerk in het algemeen."))
            else:
                out.append(_("Verschijnt als:"))
                if text.when is not None:
                    out += _phrase_lines(text.when)
            if text.unless:
                out += ["", _("Niet als:")]
                out += _phrase_lines(text.unless)
            elif text.general:
                out.append(_("Geen antwoord zet dit punt uit."))
            if rule.source:
                out += ["", f"{_('Bron in het paper')}: {rule.source}"]
            if rule.note:
                out += ["", f"{_('Toelichting')}: {rule.note}"]
    if rules.contradictions:
        out += ["", f"## {_('Tegenstrijdigheden')}", ""]
        out.append(_("Deze punten kunnen nooit samen uit dezelfde antwoorden volgen:"))
        out.append("")
        for group in rules.contradictions:
            out.append("- " + " ↔ ".join(sorted(titles.get(code, code) for code in group)))
    return "\n".join(out) + "\n"
