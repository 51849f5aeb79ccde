"""Public catalogue pages: the list with filters and search, a platform page, Table 1."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from assessments.access import can_start_assessment
from assessments.catalogue import (
    PAGE_SIZE,
    catalogue_list,
    catalogue_work_type_counts,
    platform_profile,
    published_assessments_for,
)
from assessments.forms import PlatformFilterForm
from assessments.models import Platform
from inclusief.caching import public_page


@require_safe
@public_page
def platform_list(request: HttpRequest) -> HttpResponse:
    form = PlatformFilterForm(request.GET)
    filters = form.filters()
    page = Paginator(catalogue_list(filters), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "assessments/platform_list.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "platforms": page.object_list,
        },
    )


@require_safe
@public_page
def platform_detail(request: HttpRequest, slug: str) -> HttpResponse:
    platform = get_object_or_404(
        Platform.objects.prefetch_related("segments", "work_types", "sources"), slug=slug
    )
    return render(
        request,
        "assessments/platform_detail.html",
        {
            "platform": platform,
            "profile": platform_profile(platform),
            "assessments": published_assessments_for(platform),
            "can_start": can_start_assessment(request.user),
        },
    )


@require_safe
@public_page
def work_type_grid_view(request: HttpRequest) -> HttpResponse:
    return render(
        request, "assessments/work_type_grid.html", {"rows": catalogue_work_type_counts()}
    )
