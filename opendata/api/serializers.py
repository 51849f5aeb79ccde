"""The shapes of the open-data API. Public data only: no concepts, no reviewer comments, no
logins or e-mail addresses; authors by ``inclusief.people.public_name``."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils import translation
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from assessments.matrix import PRIORITY_ORDER
from assessments.models import (
    Answer,
    Assessment,
    Finding,
    Platform,
    PlatformSource,
    ProfileAnswer,
    Verdict,
)
from framework.models import (
    Characteristic,
    Criterion,
    FrameworkVersion,
    Option,
    Question,
    Segment,
    Statement,
    WorkType,
)
from inclusief.people import public_name


def absolute(request: Any, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


_SLOTS = ("__slot__", "00000000-0000-4000-8000-000000000000")


def url_for(context: dict[str, Any], name: str, value: Any, *rest: str) -> str:
    """The absolute URL of ``name`` for one object. ``reverse`` and ``build_absolute_uri``
    cost about 0.1 ms each; a list of 50 assessments needs 150 links, so each URL pattern is
    reversed once per request (kept in the serializer context) and filled in per object."""
    templates = context.setdefault("_url_templates", {})
    key = (name, *rest)
    if key not in templates:
        for slot in _SLOTS:  # a slug route takes the first, a uuid route the second
            try:
                url = reverse(name, args=[slot, *rest])
            except NoReverseMatch:
                continue
            templates[key] = (absolute(context.get("request"), url), slot)
            break
    template, slot = templates[key]
    return template.replace(slot, str(value))


class Texts(serializers.Serializer):
    """A text in Dutch (the source) and English (empty when not translated)."""

    nl = serializers.CharField()
    en = serializers.CharField(allow_blank=True)


def texts(obj: Any, field: str) -> dict[str, str]:
    return {"nl": getattr(obj, f"{field}_nl"), "en": getattr(obj, f"{field}_en", "") or ""}


class TextsField(serializers.Field):
    def __init__(self, field: str, **kwargs: Any) -> None:
        self.text_field = field
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> dict[str, str]:
        return texts(value, self.text_field)


extend_schema_field(Texts)(TextsField)


# --- Framework ---------------------------------------------------------------------------------


class FrameworkVersionSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = FrameworkVersion
        fields = ["label", "is_current", "loaded_at", "source_document", "content_hash", "url"]

    def get_url(self, obj: FrameworkVersion) -> str:
        return url_for(self.context, "opendata:api-framework", obj.label)


class CriterionSerializer(serializers.ModelSerializer):
    name = TextsField("name")
    question = TextsField("question")
    definition = TextsField("definition")

    class Meta:
        model = Criterion
        fields = ["code", "order", "name", "question", "definition", "is_income_side", "source"]


class StatementSerializer(serializers.ModelSerializer):
    criterion = serializers.SlugRelatedField(slug_field="code", read_only=True)
    title = TextsField("title")
    explanation = TextsField("explanation")
    action = TextsField("action")

    class Meta:
        model = Statement
        fields = [
            "code",
            "criterion",
            "kind",
            "order",
            "title",
            "explanation",
            "action",
            "general",
            "source",
        ]


class OptionSerializer(serializers.ModelSerializer):
    label = TextsField("label")
    triggers = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Option
        fields = ["code", "order", "label", "neutral", "triggers"]


class QuestionSerializer(serializers.ModelSerializer):
    text = TextsField("text")
    help = TextsField("help")
    options = OptionSerializer(many=True, read_only=True)
    shown_if = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Question
        fields = ["code", "order", "kind", "text", "help", "shown_if", "options", "source"]


class CharacteristicSerializer(serializers.ModelSerializer):
    name = TextsField("name")
    description = TextsField("description")
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta:
        model = Characteristic
        fields = ["code", "order", "section", "name", "description", "source", "questions"]


class WorkTypeSerializer(serializers.ModelSerializer):
    name = TextsField("name")

    class Meta:
        model = WorkType
        fields = ["code", "order", "name", "mode", "skill_level", "note"]


class SegmentSerializer(serializers.ModelSerializer):
    name = TextsField("name")

    class Meta:
        model = Segment
        fields = ["code", "order", "name"]


class FrameworkSerializer(serializers.Serializer):
    """One stored version of the framework with its content."""

    version = FrameworkVersionSerializer()
    source = serializers.DictField(
        help_text=(
            "The version as it was loaded, in the shape of export_framework / load_framework "
            "(docs/); for an older version this is its content, the lists below stay empty."
        )
    )
    criteria = CriterionSerializer(many=True)
    statements = StatementSerializer(many=True)
    characteristics = CharacteristicSerializer(many=True)
    work_types = WorkTypeSerializer(many=True)
    sectors = SegmentSerializer(many=True)


# --- Catalogue ---------------------------------------------------------------------------------


class PlatformSerializer(serializers.ModelSerializer):
    sectors = serializers.SlugRelatedField(
        source="segments", slug_field="code", many=True, read_only=True
    )
    work_types = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    modes = serializers.ListField(child=serializers.CharField(), read_only=True)
    skill_levels = serializers.ListField(child=serializers.CharField(), read_only=True)
    url = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()

    class Meta:
        model = Platform
        fields = [
            "uuid",
            "slug",
            "name",
            "website",
            "description",
            "status",
            "status_date",
            "status_note",
            "sectors",
            "work_types",
            "modes",
            "skill_levels",
            "updated_at",
            "url",
            "page_url",
        ]

    def get_url(self, obj: Platform) -> str:
        return url_for(self.context, "opendata:api-platform", obj.slug)

    def get_page_url(self, obj: Platform) -> str:
        return url_for(self.context, "assessments:platform_detail", obj.slug)


class SourceSerializer(serializers.Serializer):
    url = serializers.CharField(allow_blank=True)
    title = serializers.CharField(allow_blank=True)
    consulted_on = serializers.DateField(allow_null=True)


class OptionRefSerializer(serializers.ModelSerializer):
    label = TextsField("label")

    class Meta:
        model = Option
        fields = ["code", "label"]


class ProfileAnswerSerializer(serializers.ModelSerializer):
    question = serializers.SlugRelatedField(slug_field="code", read_only=True)
    options = OptionRefSerializer(many=True, read_only=True)
    source = serializers.SerializerMethodField()

    class Meta:
        model = ProfileAnswer
        fields = ["question", "unknown", "options", "note", "source"]

    @extend_schema_field(SourceSerializer)
    def get_source(self, obj: ProfileAnswer) -> dict[str, Any]:
        return {"url": obj.source_url, "title": obj.source_title, "consulted_on": obj.consulted_on}


class PlatformSourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlatformSource
        fields = ["url", "title", "consulted_on", "note"]


class EditionRefSerializer(serializers.ModelSerializer):
    """A published edition of an assessment, as a link."""

    url = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = ["uuid", "edition", "published_at", "framework_version", "url"]

    def get_url(self, obj: Assessment) -> str:
        return url_for(self.context, "opendata:api-assessment", obj.uuid)


class PlatformDetailSerializer(PlatformSerializer):
    profile = ProfileAnswerSerializer(source="profile_answers", many=True, read_only=True)
    sources = PlatformSourceSerializer(many=True, read_only=True)
    assessments = EditionRefSerializer(source="published", many=True, read_only=True)

    class Meta(PlatformSerializer.Meta):
        fields = [*PlatformSerializer.Meta.fields, "profile", "sources", "assessments"]


# --- Assessments -------------------------------------------------------------------------------


class PlatformRefSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Platform
        fields = ["slug", "name", "url"]

    def get_url(self, obj: Platform) -> str:
        return url_for(self.context, "opendata:api-platform", obj.slug)


class CountsSerializer(serializers.Serializer):
    criterion = serializers.CharField()
    opportunities = serializers.IntegerField()
    challenges = serializers.IntegerField()


class AssessmentSerializer(serializers.ModelSerializer):
    platform = PlatformRefSerializer(read_only=True)
    authors = serializers.SerializerMethodField()
    counts = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    report_urls = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = [
            "uuid",
            "platform",
            "edition",
            "framework_version",
            "published_at",
            "updated_at",
            "summary",
            "authors",
            "counts",
            "url",
            "report_urls",
        ]

    def get_authors(self, obj: Assessment) -> list[str]:
        co_authors = sorted(obj.co_authors.all(), key=lambda u: (u.last_name, u.pk))
        return [public_name(obj.owner), *(public_name(u) for u in co_authors)]

    @extend_schema_field(CountsSerializer(many=True))
    def get_counts(self, obj: Assessment) -> list[dict[str, Any]]:
        """Counting kansen and uitdagingen per criterion (from the view's one aggregate)."""
        counts = self.context.get("counts", {})
        return [
            {
                "criterion": c.code,
                "opportunities": counts.get((obj.pk, c.pk, "kans"), 0),
                "challenges": counts.get((obj.pk, c.pk, "uitdaging"), 0),
            }
            for c in self.context.get("criteria", [])
        ]

    def get_url(self, obj: Assessment) -> str:
        return url_for(self.context, "opendata:api-assessment", obj.uuid)

    @extend_schema_field(
        serializers.DictField(child=serializers.CharField(), help_text="PDF per language")
    )
    def get_report_urls(self, obj: Assessment) -> dict[str, str]:
        return {
            lang: url_for(self.context, "opendata:report", obj.uuid, lang) for lang in ("nl", "en")
        }


class AnswerSerializer(serializers.ModelSerializer):
    question = serializers.SlugRelatedField(slug_field="code", read_only=True)
    options = OptionRefSerializer(many=True, read_only=True)
    source = serializers.SerializerMethodField()

    class Meta:
        model = Answer
        fields = ["question", "unknown", "options", "note", "source"]

    @extend_schema_field(SourceSerializer)
    def get_source(self, obj: Answer) -> dict[str, Any]:
        return {
            "url": obj.source_url,
            "title": obj.source_reference,
            "consulted_on": obj.consulted_on,
        }


class FindingSerializer(serializers.ModelSerializer):
    criterion = serializers.SerializerMethodField()
    statement = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField()
    explanation = serializers.SerializerMethodField()
    counts = serializers.BooleanField(read_only=True)

    class Meta:
        model = Finding
        # Never ``review_comment``: the reviewer's remarks are internal.
        fields = [
            "uuid",
            "criterion",
            "kind",
            "statement",
            "title",
            "explanation",
            "verdict",
            "counts",
            "motivation",
            "action",
            "action_owner",
            "priority",
            "evidence",
            "triggered_by",
        ]

    def get_criterion(self, obj: Finding) -> str:
        return self.context["criterion_codes"][obj.criterion_id]

    def get_statement(self, obj: Finding) -> str | None:
        return self.context["statement_codes"].get(obj.statement_id)

    @extend_schema_field(Texts)
    def get_title(self, obj: Finding) -> dict[str, str]:
        return _shown(obj, "title")

    @extend_schema_field(Texts)
    def get_explanation(self, obj: Finding) -> dict[str, str]:
        return _shown(obj, "explanation")


def _shown(finding: Finding, attribute: str) -> dict[str, str]:
    """The text as the results show it: the analist's own wording for an adjusted finding,
    else the statement's text snapshotted into the finding (English empty if untranslated)."""
    # What ``finding.title`` / ``.explanation`` give in Dutch, without switching the language
    # twice per finding (a tenth of the time of the full download).
    own = finding.own_title if attribute == "title" else finding.own_text
    if finding.verdict == Verdict.ADJUSTED and own:
        return {"nl": own, "en": own}
    return {"nl": getattr(finding, f"{attribute}_nl"), "en": getattr(finding, f"{attribute}_en")}


class ActionSerializer(serializers.Serializer):
    finding = serializers.UUIDField()
    criterion = serializers.CharField()
    title = serializers.CharField()
    action = serializers.CharField(allow_blank=True)
    action_owner = serializers.CharField(allow_blank=True)
    priority = serializers.CharField(allow_blank=True)


class AssessmentDetailSerializer(AssessmentSerializer):
    previous_edition = serializers.SerializerMethodField()
    editions = serializers.SerializerMethodField()
    answers = AnswerSerializer(many=True, read_only=True)
    findings = FindingSerializer(many=True, read_only=True)
    actions = serializers.SerializerMethodField()

    class Meta(AssessmentSerializer.Meta):
        fields = [
            *AssessmentSerializer.Meta.fields,
            "previous_edition",
            "editions",
            "answers",
            "findings",
            "actions",
        ]

    def get_previous_edition(self, obj: Assessment) -> str | None:
        previous = [e for e in self.context.get("editions", []) if e.edition < obj.edition]
        return str(previous[0].uuid) if previous else None

    @extend_schema_field(EditionRefSerializer(many=True))
    def get_editions(self, obj: Assessment) -> list[dict[str, Any]]:
        editions = self.context.get("editions", [])
        if not editions:
            return []  # the downloads: no serializer per record (see opendata.datasets)
        return EditionRefSerializer(editions, many=True, context=self.context).data

    @extend_schema_field(ActionSerializer(many=True))
    def get_actions(self, obj: Assessment) -> list[dict[str, Any]]:
        """The uitdagingen that count, with what must be organised, highest priority first."""
        challenges = [f for f in obj.findings.all() if f.counts and f.is_challenge]
        challenges.sort(key=lambda f: (PRIORITY_ORDER.get(f.priority, 3), f.order, f.pk))
        codes = self.context["criterion_codes"]
        with translation.override("nl"):
            return [
                {
                    "finding": f.uuid,
                    "criterion": codes[f.criterion_id],
                    "title": f.title,
                    "action": f.action or f.suggested_action,
                    "action_owner": f.action_owner,
                    "priority": f.priority,
                }
                for f in challenges
            ]
