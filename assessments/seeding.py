"""Synthetic, deterministic catalogue and assessment data at scale (for ``seed_scale``).

Everything is drawn from one ``random.Random(seed)``: the same arguments give the same rows
(names, slugs, UUIDs, answers, findings), in the same order. Rows are written with
``bulk_create`` in batches, many-to-many rows straight into the through tables, so that ten
thousand platforms with fifty thousand assessments take minutes, not hours. Findings are
derived with the real rules (``Rules.derive``) from the answers drawn, and carry the
statement texts as a snapshot, as ``findings_rederive`` would write them.

Seeded rows are recognisable: platform slugs and user names start with ``seed-``. They have
no history rows (bulk inserts bypass django-simple-history); they are test data, not edits.
"""

from __future__ import annotations

import io
import json
import random
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, transaction

from assessments.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    Finding,
    Platform,
    PlatformSource,
    PlatformStatus,
    Priority,
    ProfileAnswer,
    Verdict,
)
from framework.models import (
    FrameworkVersion,
    Option,
    Question,
    QuestionKind,
    Segment,
    SkillLevel,
    Statement,
    StatementKind,
    WorkMode,
    WorkType,
)
from framework.rules import Rules
from inclusief.caching import bump
from inclusief.roles import ANALIST

SEED_PREFIX = "seed-"
BATCH = 2000

_FIRST = (
    "Klus", "Werk", "Taak", "Flex", "Dienst", "Hulp", "Snel", "Slim", "Buurt", "Stad",
    "Zorg", "Bezorg", "Schoon", "Tuin", "Vertaal", "Code", "Design", "Data", "Les", "Rij",
)  # fmt: skip
_SECOND = (
    "plein", "markt", "net", "hub", "punt", "kracht", "maatje", "wijzer", "link", "loket",
    "station", "werf", "huis", "lijn", "baan", "kompas", "hulp", "kring", "club", "box",
)  # fmt: skip
_ACTIVITIES = (
    "klussen in huis en tuin",
    "maaltijden en boodschappen bezorgen",
    "schoonmaakwerk bij particulieren",
    "vertalingen en teksten",
    "programmeren en webontwerp",
    "zorg en begeleiding aan huis",
    "oppas en kinderopvang",
    "horeca-diensten op afroep",
    "logistiek en magazijnwerk",
    "online microtaken zoals labelen",
)
_MOTIVATIONS = (
    "Volgt uit de voorwaarden van het platform en het gesprek met de helpdesk.",
    "Bevestigd door twee werkenden die via het platform werken.",
    "Blijkt uit de app: de werkende kiest zelf welke opdrachten hij aanneemt.",
    "Het platform biedt geen begeleiding; dat moet de gemeente organiseren.",
    "Niet van toepassing: het platform werkt alleen met uitzendkrachten in loondienst.",
    "Staat zo in de algemene voorwaarden (versie van dit jaar).",
)


_ACTION_OWNERS = ("Gemeente", "UWV", "Platform", "Werkgever")
_ANSWER_COLUMNS = (
    "assessment_id", "question_id", "unknown", "note", "source_url", "consulted_on",
)  # fmt: skip
_FINDING_COLUMNS = (
    "uuid", "assessment_id", "statement_id", "criterion_id", "kind", "title_nl", "title_en",
    "explanation_nl", "explanation_en", "suggested_action_nl", "suggested_action_en",
    "triggered_by", "verdict", "own_title", "motivation", "action", "action_owner", "priority",
    "review_comment", "order",
)  # fmt: skip


@dataclass
class SeedReport:
    platforms: int = 0
    profile_answers: int = 0
    assessments: int = 0
    answers: int = 0
    findings: int = 0
    timings: dict[str, float] = field(default_factory=dict)


class SeedError(Exception):
    """Seeding cannot go ahead; the message says why."""


def seeded_platforms():
    return Platform.objects.filter(slug__startswith=SEED_PREFIX)


def seeded_exists() -> bool:
    return seeded_platforms().exists()


def _raw_delete(queryset) -> int:
    """Delete without signals, cascades or history rows (seeded data has none to keep)."""
    return queryset._raw_delete(queryset.db)


@transaction.atomic
def flush_seeded() -> None:
    """Remove only the seeded rows: platforms with a ``seed-`` slug, their assessments, and
    the ``seed-`` users."""
    platforms = seeded_platforms()
    assessments = Assessment.objects.filter(platform__in=platforms)
    _raw_delete(Answer.options.through.objects.filter(answer__assessment__in=assessments))
    _raw_delete(Answer.objects.filter(assessment__in=assessments))
    _raw_delete(Finding.objects.filter(assessment__in=assessments))
    _raw_delete(Assessment.co_authors.through.objects.filter(assessment__in=assessments))
    assessments.update(previous=None)
    _raw_delete(assessments)
    _raw_delete(ProfileAnswer.options.through.objects.filter(profileanswer__platform__in=platforms))
    _raw_delete(ProfileAnswer.objects.filter(platform__in=platforms))
    _raw_delete(PlatformSource.objects.filter(platform__in=platforms))
    _raw_delete(Platform.segments.through.objects.filter(platform__in=platforms))
    _raw_delete(Platform.work_types.through.objects.filter(platform__in=platforms))
    _raw_delete(platforms)
    users = get_user_model().objects.filter(username__startswith=SEED_PREFIX)
    _raw_delete(get_user_model().groups.through.objects.filter(user__in=users))
    _raw_delete(users)


def _batched(items: Sequence, size: int) -> Iterable[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _bulk(model, objs: list, size: int = BATCH, *, need_pks: bool = False) -> list:
    """Insert in batches: COPY on PostgreSQL (several times faster than INSERT for the
    millions of answer and finding rows), bulk_create elsewhere. With ``need_pks`` the
    objects come back with their primary keys set."""
    if not objs:
        return objs
    if connection.vendor == "postgresql":
        _copy(model, objs, need_pks=need_pks)
        return objs
    for chunk in _batched(objs, size):
        model.objects.bulk_create(chunk, batch_size=size)
    if need_pks and objs[0].pk is None:
        raise SeedError("This database does not return primary keys from bulk inserts.")
    return objs


def _copy_value(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, list | dict):
        value = json.dumps(value)
    elif isinstance(value, date | datetime):
        value = value.isoformat()
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _copy(model, objs: list, *, need_pks: bool) -> None:
    """COPY the objects into the model's table, with defaults and auto_now values filled in
    as ``Model.save`` would."""
    meta = model._meta
    if need_pks:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(objs)],
            )
            for obj, (pk,) in zip(objs, cursor.fetchall(), strict=True):
                obj.pk = pk
    fields = [f for f in meta.concrete_fields if need_pks or not f.primary_key]
    buffer = io.StringIO()
    for obj in objs:
        buffer.write("\t".join(_copy_value(f.pre_save(obj, add=True)) for f in fields) + "\n")
    buffer.seek(0)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN", buffer
        )


_COPY_CACHE: dict[str, str] = {}


def _cached_copy_value(value) -> str:
    """_copy_value with the long, repeated snapshot texts escaped once."""
    if type(value) is str:
        escaped = _COPY_CACHE.get(value)
        if escaped is None:
            escaped = _COPY_CACHE[value] = _copy_value(value)
        return escaped
    return _copy_value(value)


def _write(model, columns: Sequence[str], rows: list[tuple], *, need_pks: bool = False) -> list:
    """Insert plain tuples over ``columns`` (attnames); other columns get their defaults.

    Building model instances costs more than the insert itself at millions of rows, so the
    answers, findings and link rows go in as tuples: COPY on PostgreSQL, bulk_create elsewhere.
    Returns the primary keys when ``need_pks``.
    """
    if not rows:
        return []
    if connection.vendor != "postgresql":
        objs = [model(**dict(zip(columns, row, strict=True))) for row in rows]
        for chunk in _batched(objs, BATCH):
            model.objects.bulk_create(chunk, batch_size=BATCH)
        return [o.pk for o in objs]
    meta = model._meta
    given = [meta.get_field(c.removesuffix("_id")) for c in columns]
    rest = [f for f in meta.concrete_fields if not f.primary_key and f not in given]
    now = datetime.now(UTC)
    suffix = "".join(
        "\t"
        + _copy_value(
            now
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            else (None if f.null and not f.has_default() else f.get_default())
        )
        for f in rest
    )
    pks: list = []
    if need_pks:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(rows)],
            )
            pks = [pk for (pk,) in cursor.fetchall()]
    fields = ([meta.pk] if need_pks else []) + given + rest
    fmt = _cached_copy_value
    buffer = io.StringIO()
    write = buffer.write
    if need_pks:
        for pk, row in zip(pks, rows, strict=True):
            write(f"{pk}\t" + "\t".join(map(fmt, row)) + suffix + "\n")
    else:
        for row in rows:
            write("\t".join(map(fmt, row)) + suffix + "\n")
    buffer.seek(0)
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            f"COPY {connection.ops.quote_name(meta.db_table)} ({names}) FROM STDIN", buffer
        )
    return pks


@contextmanager
def _deferred_indexes(models: Iterable) -> Iterator[None]:
    """On PostgreSQL, drop the tables' foreign keys, unique constraints and secondary indexes
    for the bulk load and build them again after it: one sort per index and one join per
    foreign key instead of a b-tree insert and a trigger per row. Runs inside the caller's
    transaction, so a failure restores everything; the tables are locked meanwhile."""
    if connection.vendor != "postgresql":
        yield
        return
    tables = [m._meta.db_table for m in models]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), contype "
            "FROM pg_constraint WHERE conrelid = ANY(%s::regclass[]) AND contype IN ('f', 'u')",
            [tables],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
            "FROM pg_index i WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
            [tables],
        )
        indexes = cursor.fetchall()
        # Check pending deferred foreign keys now: a table with pending trigger events
        # cannot be altered (the caller may have written framework rows in this transaction).
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        # Foreign keys first: a unique constraint may back another table's foreign key.
        for table, name, _definition, _kind in sorted(constraints, key=lambda c: c[3] != "f"):
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    yield
    with connection.cursor() as cursor:
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, definition, _kind in sorted(constraints, key=lambda c: c[3] == "f"):
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


class Seeder:
    """Draws and writes the synthetic data; ``log`` receives progress lines."""

    def __init__(self, *, seed: int, log: Callable[[str], None] = lambda _: None) -> None:
        self.rng = random.Random(seed)
        self.log = log
        self.report = SeedReport()
        self.rules = Rules.from_db()
        self.version = FrameworkVersion.objects.current()
        self.questions = list(Question.objects.order_by("characteristic__order", "order", "code"))
        self.options_by_question: dict[int, list[Option]] = {}
        self.option_by_code: dict[str, Option] = {}
        for option in Option.objects.order_by("order", "code"):
            self.options_by_question.setdefault(option.question_id, []).append(option)
            self.option_by_code[option.code] = option
        self.statements = {s.code: s for s in Statement.objects.all()}
        self.segments = list(Segment.objects.order_by("order", "code"))
        self.work_types = list(WorkType.objects.order_by("order", "code"))
        if not self.questions or not self.statements:
            raise SeedError("The framework has no questions or statements; load it first.")

    # --- helpers -------------------------------------------------------------------------

    def _uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def _timed(self, name: str, started: float) -> None:
        elapsed = time.perf_counter() - started
        self.report.timings[name] = round(elapsed, 2)
        self.log(f"  {name}: {elapsed:.1f} s")

    def _pick_options(self, question: Question) -> list[Option]:
        options = self.options_by_question.get(question.pk, [])
        if not options:
            return []
        if question.kind == QuestionKind.SINGLE:
            return [self.rng.choice(options)]
        return self.rng.sample(options, k=self.rng.randint(1, min(3, len(options))))

    def _answers_for(self, share_unknown: float) -> dict[Question, tuple[bool, list[Option]]]:
        """Answers to the questions that apply, drawn in question order so that a
        conditional question is answered only when an earlier answer reveals it."""
        chosen: set[str] = set()
        drawn: dict[Question, tuple[bool, list[Option]]] = {}
        for question in self.questions:
            reveal = self.rules.shown_if.get(question.code)
            if reveal and not (reveal & chosen):
                continue
            if self.rng.random() < share_unknown:
                drawn[question] = (True, [])
                continue
            options = self._pick_options(question)
            chosen.update(o.code for o in options)
            drawn[question] = (False, options)
        return drawn

    # --- users ---------------------------------------------------------------------------

    def users(self, count: int = 40) -> list:
        started = time.perf_counter()
        User = get_user_model()
        users = _bulk(
            User,
            [
                User(
                    username=f"{SEED_PREFIX}analist-{i:03d}",
                    first_name="Analist",
                    last_name=f"{i:03d}",
                    # Unusable password: seeded accounts cannot log in.
                    password=f"!seed{i}",
                )
                for i in range(count)
            ],
        )
        users = list(User.objects.filter(username__startswith=SEED_PREFIX).order_by("username"))
        group, _ = Group.objects.get_or_create(name=ANALIST)
        _bulk(
            User.groups.through,
            [User.groups.through(user_id=u.pk, group_id=group.pk) for u in users],
        )
        self._timed("users", started)
        return users

    # --- platforms -----------------------------------------------------------------------

    def platforms(self, count: int) -> list[Platform]:
        started = time.perf_counter()
        rng = self.rng
        today = date(2026, 1, 1)
        platforms: list[Platform] = []
        segment_links: list[tuple[int, int]] = []
        work_type_links: list[tuple[int, int]] = []
        for i in range(count):
            name = f"{rng.choice(_FIRST)}{rng.choice(_SECOND)} {i + 1:05d}"
            work_types = rng.sample(self.work_types, k=rng.randint(1, 3)) if self.work_types else []
            segments = rng.sample(self.segments, k=rng.randint(1, 3)) if self.segments else []
            roll = rng.random()
            status = (
                PlatformStatus.ACTIVE
                if roll < 0.9
                else PlatformStatus.STOPPED
                if roll < 0.97
                else PlatformStatus.BANKRUPT
            )
            modes = {w.mode for w in work_types} or {rng.choice(WorkMode.values)}
            levels = {w.skill_level for w in work_types} or {rng.choice(SkillLevel.values)}
            platforms.append(
                Platform(
                    uuid=self._uuid(),
                    slug=f"{SEED_PREFIX}{i + 1:05d}-{name.split()[0].lower()}",
                    name=name,
                    website=f"https://{SEED_PREFIX}{i + 1:05d}.example.nl",
                    description=(
                        f"{name.split()[0]} is een platform voor {rng.choice(_ACTIVITIES)}"
                        f" en {rng.choice(_ACTIVITIES)}."
                    ),
                    status=status,
                    status_date=(
                        None
                        if status == PlatformStatus.ACTIVE
                        else today - timedelta(days=rng.randint(30, 2000))
                    ),
                    physical=WorkMode.PHYSICAL in modes,
                    online=WorkMode.ONLINE in modes,
                    skill_lower=SkillLevel.LOWER in levels,
                    skill_middle=SkillLevel.MIDDLE in levels,
                    skill_higher=SkillLevel.HIGHER in levels,
                )
            )
            segment_links.extend((i, s.pk) for s in segments)
            work_type_links.extend((i, w.pk) for w in work_types)
        _bulk(Platform, platforms, need_pks=True)
        _bulk(
            Platform.segments.through,
            [
                Platform.segments.through(platform_id=platforms[i].pk, segment_id=s)
                for i, s in segment_links
            ],
        )
        _bulk(
            Platform.work_types.through,
            [
                Platform.work_types.through(platform_id=platforms[i].pk, worktype_id=w)
                for i, w in work_type_links
            ],
        )
        _bulk(
            PlatformSource,
            [
                PlatformSource(
                    platform_id=p.pk,
                    url=f"{p.website}/over-ons",
                    title=f"Over {p.name}",
                    consulted_on=today - timedelta(days=rng.randint(0, 400)),
                    note="Beschrijving en sectoren",
                )
                for p in platforms
            ],
        )
        self.report.platforms = len(platforms)
        self._timed("platforms", started)
        return platforms

    def profiles(self, platforms: list[Platform], share: float = 0.5) -> None:
        """Profile answers with a source for about ``share`` of the questions."""
        started = time.perf_counter()
        rng = self.rng
        total = 0
        for chunk in _batched(platforms, 500):
            answers: list[ProfileAnswer] = []
            chosen: list[list[Option]] = []
            for platform in chunk:
                for question, (unknown, options) in self._answers_for(0.1).items():
                    if rng.random() > share:
                        continue
                    answers.append(
                        ProfileAnswer(
                            platform_id=platform.pk,
                            question_id=question.pk,
                            unknown=unknown,
                            source_url="" if unknown else f"{platform.website}/voorwaarden",
                            source_title="" if unknown else "Algemene voorwaarden",
                            consulted_on=None if unknown else date(2025, rng.randint(1, 12), 1),
                        )
                    )
                    chosen.append(options)
            _bulk(ProfileAnswer, answers, need_pks=True)
            through = ProfileAnswer.options.through
            _bulk(
                through,
                [
                    through(profileanswer_id=a.pk, option_id=o.pk)
                    for a, options in zip(answers, chosen, strict=True)
                    for o in options
                ],
            )
            total += len(answers)
        self.report.profile_answers = total
        self._timed("profiles", started)

    # --- assessments ---------------------------------------------------------------------

    def assessments(self, platforms: list[Platform], count: int, users: list) -> None:
        started = time.perf_counter()
        rng = self.rng
        editions = [0] * len(platforms)
        for _ in range(count):
            editions[rng.randrange(len(platforms))] += 1
        plan = [
            (platform, edition, total)
            for platform, total in zip(platforms, editions, strict=True)
            for edition in range(1, total + 1)
        ]
        label = self.version.label if self.version else "1.0"
        base = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)
        done = 0
        for chunk in _batched(plan, 1000):
            self._assessment_chunk(chunk, users, label, base)
            done += len(chunk)
            if done % 10000 < 1000 or done == len(plan):
                elapsed = time.perf_counter() - started
                self.log(f"  assessments: {done}/{len(plan)} ({elapsed:.0f} s)")
        self._timed("assessments", started)

    def _assessment_chunk(self, chunk, users, label, base) -> None:
        rng = self.rng
        rows: list[Assessment] = []
        drawn_answers = []
        for platform, edition, total in chunk:
            latest = edition == total
            roll = rng.random()
            if not latest or roll < 0.8:
                status = AssessmentStatus.PUBLISHED
            elif roll < 0.9:
                status = AssessmentStatus.REVIEW
            else:
                status = AssessmentStatus.CONCEPT
            owner = rng.choice(users)
            reviewer = rng.choice([u for u in users[:8] if u.pk != owner.pk])
            published_at = (
                base
                + timedelta(days=edition * 60 + rng.randint(0, 59), minutes=rng.randint(0, 600))
                if status == AssessmentStatus.PUBLISHED
                else None
            )
            rows.append(
                Assessment(
                    uuid=self._uuid(),
                    platform_id=platform.pk,
                    framework_version=label,
                    edition=edition,
                    owner_id=owner.pk,
                    reviewer_id=None if status == AssessmentStatus.CONCEPT else reviewer.pk,
                    status=status,
                    summary=f"Beoordeling {edition} van {platform.name}.",
                    published_at=published_at,
                )
            )
            drawn_answers.append(self._answers_for(0.08))
        _bulk(Assessment, rows, need_pks=True)
        by_edition: dict[tuple[int, int], int] = {}
        for a in rows:
            by_edition[(a.platform_id, a.edition)] = a.pk
        # Link each edition to the one before it (both are in this chunk or an earlier one).
        previous = []
        for a in rows:
            if a.edition > 1:
                prev = by_edition.get((a.platform_id, a.edition - 1))
                if prev is None:
                    prev = (
                        Assessment.objects.filter(platform_id=a.platform_id, edition=a.edition - 1)
                        .values_list("pk", flat=True)
                        .first()
                    )
                a.previous_id = prev
                previous.append(a)
        if previous:
            Assessment.objects.bulk_update(previous, ["previous"], batch_size=BATCH)

        answer_rows: list[tuple] = []
        answer_options: list[list[Option]] = []
        finding_rows: list[tuple] = []
        for assessment, drawn in zip(rows, drawn_answers, strict=True):
            chosen_codes: set[str] = set()
            for question, (unknown, options) in drawn.items():
                answer_rows.append(
                    (
                        assessment.pk,
                        question.pk,
                        unknown,
                        "" if rng.random() < 0.7 else "Nagevraagd bij het platform.",
                        "" if unknown else "https://voorbeeld.example.nl/voorwaarden",
                        None if unknown else date(2025, rng.randint(1, 12), 1),
                    )
                )
                answer_options.append(options)
                if not unknown:
                    chosen_codes.update(o.code for o in options)
            finding_rows.extend(self._findings(assessment, chosen_codes))
        answer_pks = _write(Answer, _ANSWER_COLUMNS, answer_rows, need_pks=True)
        _write(
            Answer.options.through,
            ("answer_id", "option_id"),
            [
                (pk, o.pk)
                for pk, options in zip(answer_pks, answer_options, strict=True)
                for o in options
            ],
        )
        _write(Finding, _FINDING_COLUMNS, finding_rows)
        self.report.assessments += len(rows)
        self.report.answers += len(answer_rows)
        self.report.findings += len(finding_rows)

    def _findings(self, assessment: Assessment, chosen: set[str]) -> list[tuple]:
        rng = self.rng
        published = assessment.status == AssessmentStatus.PUBLISHED
        findings = []
        derived = self.rules.derive(chosen)
        for code in sorted(derived):
            statement = self.statements.get(code)
            if statement is None:
                continue
            if published or rng.random() < 0.6:
                roll = rng.random()
                verdict = (
                    Verdict.CONFIRMED
                    if roll < 0.7
                    else Verdict.ADJUSTED
                    if roll < 0.82
                    else Verdict.NOT_APPLICABLE
                )
            else:
                verdict = Verdict.OPEN
            challenge = statement.kind == StatementKind.CHALLENGE
            decided_challenge = challenge and verdict != Verdict.OPEN
            findings.append(
                (
                    self._uuid(),
                    assessment.pk,
                    statement.pk,
                    statement.criterion_id,
                    statement.kind,
                    statement.title_nl,
                    statement.title_en,
                    statement.explanation_nl,
                    statement.explanation_en,
                    statement.action_nl,
                    statement.action_en,
                    sorted(derived[code]),
                    verdict,
                    f"{statement.title_nl} (aangepast)" if verdict == Verdict.ADJUSTED else "",
                    "" if verdict == Verdict.OPEN else rng.choice(_MOTIVATIONS),
                    statement.action_nl if decided_challenge else "",
                    rng.choice(_ACTION_OWNERS) if decided_challenge else "",
                    rng.choice(Priority.values) if decided_challenge else "",
                    "" if rng.random() < 0.9 else "Graag een tweede bron.",
                    statement.order,
                )
            )
        return findings


def seed_scale(
    *, platforms: int, assessments: int, seed: int, log: Callable[[str], None] = print
) -> SeedReport:
    """Write ``platforms`` seeded platforms and ``assessments`` assessments spread over them."""
    if platforms < 1 or assessments < 0:
        raise SeedError("Give at least one platform and zero or more assessments.")
    started = time.perf_counter()
    seeder = Seeder(seed=seed, log=log)
    with transaction.atomic():
        users = seeder.users()
        made = seeder.platforms(platforms)
        seeder.profiles(made)
        t = time.perf_counter()
        with _deferred_indexes([Answer, Answer.options.through, Finding]):
            seeder.assessments(made, assessments, users)
            t = time.perf_counter()
        seeder._timed("indexes and constraints", t)
        bump("public")  # bulk inserts and COPY send no signals
    if connection.vendor == "postgresql":
        t = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        seeder._timed("analyze", t)
    seeder.report.timings["total"] = round(time.perf_counter() - started, 2)
    return seeder.report
