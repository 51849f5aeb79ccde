from django.conf import settings
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from inclusief.caching import public_page
from inclusief.documentation import LANGUAGE as DOCUMENT_LANGUAGE
from inclusief.documentation import document, documents


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness in one: 200 when the database answers, 503 when not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
@public_page
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    # The statement names the time limits as configured, so it stays true when they change.
    return render(
        request,
        "accessibility.html",
        {
            "idle_minutes": settings.SESSION_IDLE_MINUTES,
            "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
    )


@require_safe
def documentation(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "documentation.html",
        {"documents": documents(), "language": DOCUMENT_LANGUAGE},
    )


@require_safe
def documentation_page(request: HttpRequest, slug: str) -> HttpResponse:
    found = document(slug)
    if found is None:
        raise Http404
    return render(
        request,
        "documentation_page.html",
        {"document": found, "documents": documents(), "language": DOCUMENT_LANGUAGE},
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form without a valid CSRF token: our own 403 page, in the site's layout.

    Django has already logged the refusal to ``django.security.csrf``.
    """
    return render(request, "403_csrf.html", status=403)


@require_safe
@public_page
def how_it_works(request: HttpRequest) -> HttpResponse:
    return render(request, "how_it_works.html")


def too_many_requests(request: HttpRequest, *, reason: str, retry_after: int) -> HttpResponse:
    """429 with ``Retry-After``: what was refused and when to try again ("probeer het zo")."""
    response = render(
        request, "429.html", {"reason": reason, "retry_after": retry_after}, status=429
    )
    response["Retry-After"] = str(retry_after)
    return response
