"""Access control: who may see or change what, checked on the server in one place.

Two layers, both answering the same way everywhere:

* **Role gates** for whole views: ``@role_required(ANALIST)`` sends anonymous visitors to the
  login page (302) and answers 403 (the friendly ``templates/403.html``) to a logged-in user
  without one of the roles. Beheerders (and superusers) pass every gate.
* **Object access**, one helper per object type, in the style of healthchecks'
  ``_get_check_for_user``: a view never loads a protected object with ``get_object_or_404``
  itself, it calls ``get_<type>_for_user(request, key, write=...)``, which

  1. answers **404** when the object does not exist *or the user may not know it exists*
     (a concept of someone else: guessing ids reveals nothing);
  2. answers **403** when the user may see the object but not do what is asked
     (``write=True`` on an assessment they may only read);
  3. otherwise returns the object.

How assessments plug in (the integrator writes this here, next to the others)::

    def get_assessment_for_user(
        request: HttpRequest, pk: UUID, *, write: bool = False
    ) -> Assessment:
        assessment = get_object_or_404(Assessment.objects.select_related("owner"), pk=pk)
        user = request.user
        can_read = assessment.is_published or (
            user.is_authenticated
            and (
                is_beheerder(user)
                or assessment.owner_id == user.pk
                or assessment.co_authors.filter(pk=user.pk).exists()
                or assessment.reviewer_id == user.pk
            )
        )
        if not can_read:
            raise Http404  # a concept stays invisible to strangers
        if write and not (
            is_beheerder(user)
            or assessment.owner_id == user.pk
            or assessment.co_authors.filter(pk=user.pk).exists()
        ):
            raise PermissionDenied
        return assessment

and the views call it first thing:
``assessment = get_assessment_for_user(request, pk, write=request.method == "POST")``.
Every new URL also gets a row in ``tests/inclusief/test_permission_matrix.py``.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from inclusief.roles import BEHEERDER, has_role

View = Callable[..., HttpResponse]


def user_has_any_role(user: Any, roles: tuple[str, ...]) -> bool:
    """Beheerders pass every role gate; other users need one of ``roles``."""
    return any(has_role(user, role) for role in (*roles, BEHEERDER))


def check_role(request: HttpRequest, *roles: str) -> None:
    """Raise PermissionDenied unless the (logged-in) user has one of the roles."""
    if not user_has_any_role(request.user, roles):
        raise PermissionDenied


def role_required(*roles: str) -> Callable[[View], View]:
    """Let a view through for users with one of ``roles`` (or beheerder).

    Anonymous visitors go to the login page and come back afterwards; a logged-in user
    without the role gets 403.
    """
    if not roles:
        raise ValueError("role_required needs at least one role.")

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            check_role(request, *roles)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
