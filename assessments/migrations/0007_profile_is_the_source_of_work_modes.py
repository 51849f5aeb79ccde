"""One source of truth for a platform's work modes and skill levels: its profile answers.

Before this migration the platform page showed its own flags (physical, online, skill_*) while
the profile could say "unknown" for the same questions (werkvorm, skills), and a new
assessment was pre-filled from the profile only. From now on the profile answer is the source
and the flags are derived from it (assessments.catalogue.platform_derive_work_flags).

This migration reconciles existing data:
- a platform with a werkvorm/skills answer keeps it; its flags are rewritten from it;
- a platform with flags but no answer gets an answer holding those flags, sourced to the
  platform's first general source, with a note that asks the curator to check it;
- without the framework loaded (a fresh database) there is nothing to reconcile.
"""

from django.db import migrations

WORK_QUESTIONS = {
    "werkvorm": {"physical": "werkvorm-fysiek", "online": "werkvorm-online"},
    "skills": {
        "skill_lower": "skills-lager",
        "skill_middle": "skills-middelbaar",
        "skill_higher": "skills-hoger",
    },
}
MIGRATED_NOTE = (
    "Overgenomen uit de gegevens op de platformpagina toen die met het profiel werden "
    "samengevoegd; de bron is de eerste algemene bron van het platform. Controleer dit antwoord."
)
FALLBACK_SOURCE_TITLE = "Catalogus Inclusief (gegevens van vóór de samenvoeging met het profiel)"


def profile_becomes_the_source(apps, schema_editor) -> None:
    Platform = apps.get_model("assessments", "Platform")
    PlatformSource = apps.get_model("assessments", "PlatformSource")
    ProfileAnswer = apps.get_model("assessments", "ProfileAnswer")
    Question = apps.get_model("framework", "Question")
    Option = apps.get_model("framework", "Option")

    questions = {q.code: q for q in Question.objects.filter(code__in=WORK_QUESTIONS)}
    if len(questions) < len(WORK_QUESTIONS):
        return
    options = {o.code: o for o in Option.objects.filter(question__in=questions.values())}
    flag_fields = [field for mapping in WORK_QUESTIONS.values() for field in mapping]
    for platform in Platform.objects.order_by("pk"):
        changed = False
        for code, mapping in WORK_QUESTIONS.items():
            answer = ProfileAnswer.objects.filter(
                platform=platform, question=questions[code]
            ).first()
            if answer is None:
                chosen = [
                    options[option]
                    for field, option in mapping.items()
                    if getattr(platform, field) and option in options
                ]
                if not chosen:
                    continue
                source = PlatformSource.objects.filter(platform=platform).order_by("pk").first()
                answer = ProfileAnswer.objects.create(
                    platform=platform,
                    question=questions[code],
                    note=MIGRATED_NOTE,
                    source_url=source.url if source else "",
                    source_title=(source.title if source else FALLBACK_SOURCE_TITLE),
                    consulted_on=source.consulted_on if source else None,
                )
                answer.options.set(chosen)
            codes = set() if answer.unknown else set(answer.options.values_list("code", flat=True))
            for field, option in mapping.items():
                if getattr(platform, field) != (option in codes):
                    setattr(platform, field, option in codes)
                    changed = True
        if changed:
            platform.save(update_fields=flag_fields)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0006_report_job_heartbeat"),
        ("framework", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(profile_becomes_the_source, migrations.RunPython.noop),
    ]
