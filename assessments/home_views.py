"""The home page: what Inclusief is and knows, and each role's first task one click away."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from assessments import home
from assessments.access import can_start_assessment
from inclusief.caching import public_page
from inclusief.roles import is_analist, is_beheerder, is_onderzoeker

DRAFTS_SHOWN = 5


@require_safe
@public_page
def home_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    context: dict[str, object] = {
        "figures": home.key_figures(),
        "latest": home.latest_balances(),
    }
    if user.is_authenticated:
        analist = is_analist(user)
        context |= {
            "is_analist": analist,
            "is_onderzoeker": is_onderzoeker(user),
            "is_beheerder": is_beheerder(user),
            "can_start": can_start_assessment(user),
        }
        if analist:
            drafts = home.drafts_of(user)
            context["drafts"] = list(drafts[:DRAFTS_SHOWN])
            context["drafts_total"] = drafts.count()
            context["to_review"] = list(home.to_review_by(user))
        if context["is_beheerder"]:
            context["health"] = home.catalogue_health()
    return render(request, "home.html", context)
