from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from framework.glossary import glossary_terms
from framework.queries import framework_overview
from inclusief.caching import public_page


@require_safe
@public_page
def framework_page(request: HttpRequest) -> HttpResponse:
    return render(request, "framework/framework.html", framework_overview())


@require_safe
@public_page
def glossary(request: HttpRequest) -> HttpResponse:
    return render(request, "framework/glossary.html", {"terms": glossary_terms()})
