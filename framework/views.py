from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from framework.queries import framework_overview


def framework_page(request: HttpRequest) -> HttpResponse:
    return render(request, "framework/framework.html", framework_overview())
