from django.contrib import admin

from framework.models import (
    Characteristic,
    Criterion,
    FrameworkVersion,
    Option,
    Question,
    Segment,
    Statement,
    TargetGroup,
    WorkType,
)


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(admin.ModelAdmin):
    list_display = ["label", "is_current", "loaded_at", "source_document"]
    readonly_fields = ["loaded_at", "content_hash"]


class StatementInline(admin.StackedInline):
    model = Statement
    extra = 0
    fields = [
        ("code", "kind", "order", "general"),
        ("title_nl", "title_en"),
        ("explanation_nl", "explanation_en"),
        ("action_nl", "action_en"),
        "source",
        ("target_groups", "target_groups_source"),
    ]


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "code", "order", "is_income_side"]
    search_fields = ["code", "name_nl", "name_en"]
    inlines = [StatementInline]


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["title_nl", "code", "criterion", "kind", "general"]
    list_filter = ["criterion", "kind", "general", "target_groups"]
    search_fields = ["code", "title_nl", "title_en", "explanation_nl"]
    list_select_related = ["criterion"]


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["code", "order", "kind", "text_nl", "text_en"]
    show_change_link = True


@admin.register(Characteristic)
class CharacteristicAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "code", "section", "order"]
    list_filter = ["section"]
    inlines = [QuestionInline]


class OptionInline(admin.TabularInline):
    """Options with the statements they trigger, editable in place."""

    model = Option
    extra = 0
    fields = ["code", "order", "label_nl", "label_en", "triggers", "neutral"]
    autocomplete_fields = ["triggers"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text_nl", "code", "characteristic", "kind"]
    list_filter = ["characteristic", "kind"]
    search_fields = ["code", "text_nl", "text_en"]
    list_select_related = ["characteristic"]
    autocomplete_fields = ["shown_if"]
    inlines = [OptionInline]


@admin.register(Option)
class OptionAdmin(admin.ModelAdmin):
    list_display = ["label_nl", "code", "question", "neutral"]
    search_fields = ["code", "label_nl", "label_en", "question__code"]
    list_select_related = ["question"]
    autocomplete_fields = ["triggers"]


@admin.register(WorkType)
class WorkTypeAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "code", "mode", "skill_level"]
    list_filter = ["mode", "skill_level"]
    search_fields = ["code", "name_nl", "name_en"]


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "code", "order"]


@admin.register(Segment)
class SegmentAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "code", "order"]
    search_fields = ["code", "name_nl", "name_en"]
