"""Wat-als: try changed answers on a scratch copy, save a scenario, approve or delete it.

Trying is a GET (nothing changes, the address can be shared); each write is its own POST view
calling its own service.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments.access import get_assessment_for_user
from assessments.models import Assessment, Scenario
from assessments.scenario_forms import ScenarioAnswersForm, ScenarioSaveForm
from assessments.scenarios import (
    advice_for,
    answer_set,
    can_approve_scenario,
    can_save_scenario,
    can_see_drafts,
    change_lines,
    outcome_of,
    scenario_approve,
    scenario_delete,
    scenario_framework,
    scenario_save,
    step_lines,
    steps_for,
)
from assessments.whatif import changes_between

SAVE = "bewaar"
# Sent by static/js/what-if.js: answer with the result alone, to swap into the page.
FRAGMENT_HEADER = "X-Whatif-Fragment"
STEPS_SHOWN = 10


@require_http_methods(["GET", "HEAD", "POST"])
def what_if(request: HttpRequest, uuid) -> HttpResponse:
    """GET: the answers as they are. POST: the difference ("bekijk"), or save it ("bewaar")."""
    assessment = get_assessment_for_user(request, uuid)
    framework = scenario_framework(assessment)
    base = answer_set(assessment)
    may_save = can_save_scenario(request.user, assessment)
    status = 200
    if request.method == "POST":
        form = ScenarioAnswersForm(request.POST, framework=framework, base=base)
        save_form = ScenarioSaveForm(request.POST if SAVE in request.POST else None)
        if SAVE in request.POST:
            if not may_save:
                raise PermissionDenied
            scenario = _save(request, assessment, framework, base, form, save_form)
            if scenario is not None:
                return redirect(scenario)
            status = 400
        elif form.errors:
            status = 400
    else:
        form = ScenarioAnswersForm(framework=framework, base=base)
        save_form = ScenarioSaveForm()

    context = _outcome_context(framework, base, form)
    if request.headers.get(FRAGMENT_HEADER):
        return render(request, "assessments/_what_if_result.html", context, status=status)
    steps = steps_for(framework, base)
    context |= {
        "assessment": assessment,
        "form": form,
        "save_form": save_form,
        "may_save": may_save,
        "steps": step_lines(framework, base, steps[:STEPS_SHOWN]),
        "steps_total": len(steps),
    }
    return render(request, "assessments/what_if.html", context, status=status)


def _save(request, assessment, framework, base, form, save_form) -> Scenario | None:
    if not (form.is_valid() and save_form.is_valid()):
        return None
    try:
        scenario = scenario_save(
            assessment=assessment,
            author=request.user,
            title=save_form.cleaned_data["title"],
            motivation=save_form.cleaned_data["motivation"],
            changes=changes_between(base, form.scenario(), framework.rules),
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                save_form.add_error(field if field in save_form.fields else None, errors)
        else:
            save_form.add_error(None, error)
        return None
    messages.success(
        request,
        _("Het scenario ‘%(title)s’ is bewaard. Een reviewer keurt het goed.")
        % {"title": scenario.title},
    )
    return scenario


def _outcome_context(framework, base, form: ScenarioAnswersForm) -> dict:
    if not (form.is_bound and form.is_valid()):
        return {"outcome": None}
    changes = changes_between(base, form.scenario(), framework.rules)
    after, outcome = outcome_of(framework, base, changes)
    return {
        "outcome": outcome,
        "lines": change_lines(framework, base, after, changes),
        "criterion_names": framework.criterion_names,
    }


def _scenario_for(request: HttpRequest, uuid, scenario_uuid) -> tuple[Assessment, Scenario]:
    assessment = get_assessment_for_user(request, uuid)
    scenario = get_object_or_404(
        Scenario.objects.select_related("author", "approved_by"),
        assessment=assessment,
        uuid=scenario_uuid,
    )
    if not scenario.is_approved and not can_see_drafts(request.user, assessment):
        raise Http404
    return assessment, scenario


@require_safe
def scenario_detail(request: HttpRequest, uuid, scenario) -> HttpResponse:
    assessment, found = _scenario_for(request, uuid, scenario)
    [advice] = advice_for(assessment, [found])
    return render(
        request,
        "assessments/scenario.html",
        {
            "assessment": assessment,
            "advice": advice,
            "may_approve": can_approve_scenario(request.user, found),
            "may_delete": not found.is_approved
            and (found.author_id == request.user.pk or can_save_scenario(request.user, assessment)),
        },
    )


@login_required
@require_POST
def scenario_approve_view(request: HttpRequest, uuid, scenario) -> HttpResponse:
    _assessment, found = _scenario_for(request, uuid, scenario)
    scenario_approve(scenario=found, user=request.user)
    messages.success(request, _("Het scenario is goedgekeurd en staat nu bij de resultaten."))
    return redirect(found)


@login_required
@require_POST
def scenario_delete_view(request: HttpRequest, uuid, scenario) -> HttpResponse:
    assessment, found = _scenario_for(request, uuid, scenario)
    scenario_delete(scenario=found, user=request.user)
    messages.success(request, _("Het scenario ‘%(title)s’ is verwijderd.") % {"title": found.title})
    return redirect("assessments:what_if", uuid=assessment.uuid)
