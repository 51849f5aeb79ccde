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

Assessments follow this pattern in ``assessments/access.py``:
``get_assessment_for_user(request, uuid, action="view" | "edit" | "review" | "manage")``
returns the assessment, raises Http404 when the user may not see it (a concept of someone
else) and PermissionDenied when they may see but not do ``action``. Views call it first thing::

    assessment = get_assessment_for_user(request, uuid, action="edit")

A new object type gets its own ``get_<type>_for_user`` next to its models, built the same way,
and every new URL gets a row in ``tests/inclusief/test_permission_matrix.py``.
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
