"""The project's URLs plus the bare view of the benchmark (never part of inclusief.urls)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe

from inclusief.urls import urlpatterns as project_urlpatterns


@require_safe
def bare_view(request: HttpRequest) -> HttpResponse:
    return render(request, "bench/bare.html", {"title": "Inclusief"})


urlpatterns = [path("bench/bare/", bare_view, name="bench_bare"), *project_urlpatterns]
