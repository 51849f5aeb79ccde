"""What every form view does when its save meets ``AssessmentConflict``.

Someone else saved the assessment after the user opened the page. Nothing was written; the
page comes back with what the user typed, and the form now carries the lock version that is
saved at this moment, so a second save deliberately keeps the user's version.
"""

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.http import HttpRequest

from assessments.services import AssessmentConflict

FormT = TypeVar("FormT", bound=forms.Form)


def form_after_conflict(
    request: HttpRequest, conflict: AssessmentConflict, build: Callable[..., FormT]
) -> FormT:
    """The posted form again, bound and validated, with the current lock version."""
    data = request.POST.copy()
    data["lock_version"] = str(conflict.assessment.lock_version)
    form = build(data)
    form.is_valid()
    return form
