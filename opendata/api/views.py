"""The read-only open-data API at /api/v1/ (Django REST Framework, schema by drf-spectacular).

Every view is GET-only, public, rate-limited per address, paginated with cursors and answers
conditional requests: ``Last-Modified`` comes from the data shown, ``ETag`` from the body,
and a matching ``If-None-Match`` / ``If-Modified-Since`` gets 304 without a body.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils.decorators import decorator_from_middleware
from django.utils.http import http_date
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response

from assessments.models import (
    Answer,
    Assessment,
    Finding,
    Platform,
    PlatformStatus,
    ProfileAnswer,
)
from assessments.results import finding_counts, latest_published
from framework.loading import export_framework
from framework.models import (
    Characteristic,
    Criterion,
    FrameworkVersion,
    Option,
    Question,
    Segment,
    SkillLevel,
    Statement,
    WorkMode,
    WorkType,
)
from inclusief.caching import cacheable, page_key, store_page, stored_page
from opendata.api import serializers as s
from opendata.people import co_authors_with_names

conditional = decorator_from_middleware(ConditionalGetMiddleware)


class Cursor(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-pk"

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        # DRF describes "next"/"previous" in OpenAPI 3.0 style ("nullable"); our schema is
        # 3.1, where null is a type (the contract test caught this).
        link = {"type": ["string", "null"], "format": "uri"}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {"next": link, "previous": link, "results": schema},
        }


class PlatformCursor(Cursor):
    ordering = "slug"


def _last_modified(response: Response, moments: list[datetime | None]) -> Response:
    known = [m for m in moments if m is not None]
    if known:
        response["Last-Modified"] = http_date(max(known).timestamp())
    return response


class PublicAPIView(generics.GenericAPIView):
    """GET only; the ETag and the 304 come from Django's ConditionalGetMiddleware.

    Answers are public and the same for everyone, so they are kept in the page cache like the
    public pages (inclusief/caching.py), keyed also on the Accept header. The rate limit is
    checked first (``initial``), so a stored answer counts against it too.
    """

    http_method_names = ["get", "head", "options"]
    page_key: str | None = None

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # permissions and the rate limit
        if cacheable(request):
            self.page_key = page_key(request, request.META.get("HTTP_ACCEPT", ""))

    def get(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponse:
        stored = stored_page(self.page_key) if self.page_key else None
        if stored is not None:
            return stored
        # The list or retrieve of the concrete view (the next class in its MRO).
        return super().get(request, *args, **kwargs)  # type: ignore[misc]

    def finalize_response(
        self, request: Request, response: HttpResponse, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.page_key and isinstance(response, Response):
            response.render()
            store_page(self.page_key, request, response)
        return response

    @classmethod
    def as_view(cls, **initkwargs: Any):
        return conditional(super().as_view(**initkwargs))

    def throttled(self, request: Request, wait: float | None) -> None:
        seconds = max(1, math.ceil(wait or 1))
        error = Throttled(
            detail=_("Te veel verzoeken. Probeer het over %(seconds)s seconden opnieuw.")
            % {"seconds": seconds}
        )
        error.wait = seconds  # answered as Retry-After
        raise error


def _choice(request: Request, name: str, allowed: list[str]) -> str:
    value = request.query_params.get(name, "")
    if value and value not in allowed:
        raise ValidationError(
            {
                name: _("Onbekende waarde %(value)s; kies uit: %(allowed)s.")
                % {"value": value, "allowed": ", ".join(allowed)}
            }
        )
    return value


def _sector(request: Request) -> str:
    value = request.query_params.get("sector", "")
    if value and not Segment.objects.filter(code=value).exists():
        raise ValidationError({"sector": _("Onbekende sector %(value)s.") % {"value": value}})
    return value


def filter_platforms(request: Request, queryset: QuerySet[Platform]) -> QuerySet[Platform]:
    sector = _sector(request)
    if sector:
        queryset = queryset.filter(pk__in=Platform.objects.with_segment(sector).values("pk"))
    mode = _choice(request, "mode", WorkMode.values)
    if mode:
        queryset = queryset.with_mode(mode)
    level = _choice(request, "skill_level", SkillLevel.values)
    if level:
        queryset = queryset.with_skill_level(level)
    status = _choice(request, "status", PlatformStatus.values)
    if status:
        queryset = queryset.with_status(status)
    return queryset


PLATFORM_FILTERS = [
    OpenApiParameter("sector", str, description="Sector code (see /api/v1/framework/…)."),
    OpenApiParameter("mode", str, enum=WorkMode.values, description="Physical or online work."),
    OpenApiParameter("skill_level", str, enum=SkillLevel.values),
    OpenApiParameter(
        "status", str, enum=PlatformStatus.values, description="The platform's status."
    ),
]


# --- Framework ---------------------------------------------------------------------------------


@extend_schema(summary="Stored versions of the framework", tags=["framework"])
class FrameworkVersionList(PublicAPIView, generics.ListAPIView):
    serializer_class = s.FrameworkVersionSerializer
    pagination_class = None
    queryset = FrameworkVersion.objects.order_by("loaded_at", "label")

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        versions = list(self.get_queryset())
        response = Response(self.get_serializer(versions, many=True).data)
        return _last_modified(response, [v.loaded_at for v in versions])


@extend_schema(
    summary="One version of the framework with its content",
    tags=["framework"],
    responses=s.FrameworkSerializer,
)
class FrameworkDetail(PublicAPIView, generics.RetrieveAPIView):
    serializer_class = s.FrameworkSerializer
    queryset = FrameworkVersion.objects.all()
    lookup_field = "label"

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        version = self.get_object()
        content = framework_content(version)
        data = s.FrameworkSerializer(content, context={"request": request}).data
        return _last_modified(Response(data), [version.loaded_at])


def framework_content(version: FrameworkVersion) -> dict[str, Any]:
    """One stored framework version: its source as loaded (``export_framework``), and for the
    current version also its items as structured lists (the rows hold only the current one;
    an older version's items live in its stored source)."""
    # What the loader stored with the version; worked out from the rows only for a current
    # version loaded before versions kept their source.
    source = version.content or export_framework(version.label)
    if not version.is_current:
        empty: list[Any] = []
        return {
            "version": version,
            "source": source,
            "criteria": empty,
            "statements": empty,
            "characteristics": empty,
            "work_types": empty,
            "sectors": empty,
        }
    return {
        "version": version,
        "source": source,
        "criteria": list(Criterion.objects.all()),
        "statements": list(Statement.objects.select_related("criterion")),
        "characteristics": list(
            Characteristic.objects.prefetch_related(
                Prefetch(
                    "questions",
                    Question.objects.prefetch_related(
                        "shown_if",
                        Prefetch("options", Option.objects.prefetch_related("triggers")),
                    ),
                )
            )
        ),
        "work_types": list(WorkType.objects.all()),
        "sectors": list(Segment.objects.all()),
    }


@extend_schema(summary="Table 1: kinds of platform work", tags=["framework"])
class WorkTypeList(PublicAPIView, generics.ListAPIView):
    serializer_class = s.WorkTypeSerializer
    pagination_class = None
    queryset = WorkType.objects.all()


# --- Catalogue ---------------------------------------------------------------------------------


@extend_schema(summary="The platform catalogue", tags=["catalogue"], parameters=PLATFORM_FILTERS)
class PlatformList(PublicAPIView, generics.ListAPIView):
    serializer_class = s.PlatformSerializer
    pagination_class = PlatformCursor

    def get_queryset(self) -> QuerySet[Platform]:
        queryset = Platform.objects.prefetch_related("segments", "work_types")
        return filter_platforms(self.request, queryset)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        response = self.get_paginated_response(self.get_serializer(page, many=True).data)
        return _last_modified(response, [p.updated_at for p in page])


@extend_schema(summary="One platform with its sourced profile", tags=["catalogue"])
class PlatformDetail(PublicAPIView, generics.RetrieveAPIView):
    serializer_class = s.PlatformDetailSerializer
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Platform]:
        return Platform.objects.prefetch_related(
            "segments",
            "work_types",
            "sources",
            Prefetch(
                "profile_answers",
                ProfileAnswer.objects.select_related("question").prefetch_related("options"),
            ),
            Prefetch(
                "assessments",
                Assessment.objects.published().order_by("-edition"),
                to_attr="published",
            ),
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        platform = self.get_object()
        response = Response(self.get_serializer(platform).data)
        return _last_modified(
            response, [platform.updated_at, *(a.updated_at for a in platform.published)]
        )


# --- Assessments -------------------------------------------------------------------------------


ASSESSMENT_FILTERS = [
    *PLATFORM_FILTERS[:3],
    OpenApiParameter(
        "status",
        str,
        enum=PlatformStatus.values,
        description="The status of the assessed platform (assessments are always published).",
    ),
    OpenApiParameter("platform", str, description="Platform slug."),
    OpenApiParameter("framework_version", str, description="Framework version label."),
    OpenApiParameter("latest", bool, description="Only each platform's newest published edition."),
]


def _assessment_queryset() -> QuerySet[Assessment]:
    # Only published assessments, ever: concepts and assessments under review never leave.
    return Assessment.objects.published().select_related("platform", "owner__profile")


@extend_schema(summary="Published assessments", tags=["assessments"], parameters=ASSESSMENT_FILTERS)
class AssessmentList(PublicAPIView, generics.ListAPIView):
    serializer_class = s.AssessmentSerializer
    pagination_class = Cursor

    def get_queryset(self) -> QuerySet[Assessment]:
        request = self.request
        queryset = _assessment_queryset().prefetch_related(co_authors_with_names())
        if request.query_params.get("latest") in ("true", "1"):
            queryset = queryset.filter(pk__in=latest_published().values("pk"))
        platforms = filter_platforms(request, Platform.objects.all())
        if platforms.query.where:
            queryset = queryset.filter(platform__in=platforms.values("pk"))
        if slug := request.query_params.get("platform"):
            queryset = queryset.filter(platform__slug=slug)
        if label := request.query_params.get("framework_version"):
            queryset = queryset.filter(framework_version=label)
        return queryset

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        context = {
            **self.get_serializer_context(),
            "criteria": list(Criterion.objects.all()),
            "counts": finding_counts([a.pk for a in page]),
        }
        data = self.serializer_class(page, many=True, context=context).data
        response = self.get_paginated_response(data)
        return _last_modified(response, [a.updated_at for a in page])


@extend_schema(
    summary="One published assessment: answers with sources, findings, actions, editions",
    tags=["assessments"],
)
class AssessmentDetail(PublicAPIView, generics.RetrieveAPIView):
    serializer_class = s.AssessmentDetailSerializer
    lookup_field = "uuid"

    def get_queryset(self) -> QuerySet[Assessment]:
        return _assessment_queryset().prefetch_related(
            co_authors_with_names(),
            Prefetch(
                "answers",
                Answer.objects.select_related("question").prefetch_related("options"),
            ),
            Prefetch("findings", Finding.objects.order_by("criterion__order", "kind", "order")),
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        assessment = self.get_object()
        criteria = list(Criterion.objects.all())
        editions = list(
            Assessment.objects.published()
            .filter(platform_id=assessment.platform_id)
            .order_by("-edition")
        )
        statement_ids = {f.statement_id for f in assessment.findings.all() if f.statement_id}
        context = {
            **self.get_serializer_context(),
            "criteria": criteria,
            "criterion_codes": {c.pk: c.code for c in criteria},
            "statement_codes": dict(
                Statement.objects.filter(pk__in=statement_ids).values_list("pk", "code")
            ),
            "counts": finding_counts([assessment.pk]),
            "editions": editions,
        }
        data = self.serializer_class(assessment, context=context).data
        return _last_modified(
            Response(data), [assessment.updated_at, assessment.platform.updated_at]
        )
