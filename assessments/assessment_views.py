"""Views of the assessment flow: start, task list, questionnaire steps, findings, workflow."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from assessments import editions, services
from assessments.access import (
    assessment_visibility_filter,
    can_edit,
    can_review,
    can_start_assessment,
    get_assessment_for_user,
    is_author,
    sees_internal,
)
from assessments.conflicts import form_after_conflict
from assessments.derive import attach_explanations
from assessments.editions import previous_published
from assessments.findings_bulk import findings_confirm_all, findings_to_confirm
from assessments.framework_upgrade import needs_upgrade, upgrade_preview
from assessments.models import Assessment, AssessmentStatus, Finding, Platform
from assessments.notifications import remember_language
from assessments.questionnaire import (
    DONE,
    QuestionnaireState,
    Task,
    findings_by_criterion,
    review_status,
)
from assessments.questionnaire_forms import (
    BulkConfirmForm,
    CoAuthorForm,
    FindingReviewForm,
    OwnFindingForm,
    PublishForm,
    ReviewCommentForm,
    ReviewerForm,
    SendBackForm,
    StartAssessmentForm,
    UpgradeForm,
)
from assessments.steps import Destination, StepOutcome, step_form, step_submit
from framework.models import Criterion
from framework.versions import current_label

PENDING_POSTS = "pending_posts"
# A step with every note at the forms' limit stays well below this.
MAX_PENDING_POST_CHARS = 60_000
MAX_PENDING_POSTS = 3


def login_required_keeping_post(view):
    """Like login_required, but a form posted after the session ran out is kept.

    The posted fields are parked in the (anonymous) session, which survives the login; the
    page then shows them again, unsaved, for the user to check and save.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if request.method == "POST":
            _park_post(request, kwargs.get("uuid"))
        return redirect_to_login(request.get_full_path())

    return wrapper


def _park_post(request: HttpRequest, uuid) -> None:
    """Keep an anonymous visitor's form for after the login, within bounds.

    Only for an assessment that exists and can still be edited (who may edit it is checked
    when the form is shown again after the login), and only a small form: the session is
    not a store for whatever a stranger posts (2 MB posts grew one session to 7.5 MB).
    """
    if not Assessment.objects.filter(uuid=uuid, status=AssessmentStatus.CONCEPT).exists():
        return
    data = {k: request.POST.getlist(k) for k in request.POST if k != "csrfmiddlewaretoken"}
    size = sum(len(k) + sum(len(v) for v in values) for k, values in data.items())
    if size > MAX_PENDING_POST_CHARS:
        return
    pending = request.session.get(PENDING_POSTS, {})
    pending.pop(request.path, None)
    pending[request.path] = data
    # The newest few forms only; an older one is dropped first.
    request.session[PENDING_POSTS] = dict(list(pending.items())[-MAX_PENDING_POSTS:])


def _pending_post(request: HttpRequest):
    pending = request.session.get(PENDING_POSTS, {})
    data = pending.pop(request.path, None)
    if data is None:
        return None
    request.session[PENDING_POSTS] = pending
    restored = QueryDict(mutable=True)
    for key, values in data.items():
        restored.setlist(key, values)
    return restored


def _open_work(user) -> tuple[list[Assessment], list[Assessment], list[Assessment]]:
    """What waits for ``user``: to review, sent back to them, and their other drafts."""
    authored = (
        Assessment.objects.filter(Q(owner=user) | Q(co_authors=user))
        .exclude(status=AssessmentStatus.PUBLISHED)
        .select_related("platform", "owner")
        .distinct()
        .order_by("-updated_at")
    )
    to_review = list(
        Assessment.objects.filter(reviewer=user, status=AssessmentStatus.REVIEW)
        .select_related("platform", "owner")
        .order_by("updated_at")
    )
    authored = list(authored)
    sent_back = [a for a in authored if a.is_sent_back]
    drafts = [a for a in authored if not a.is_sent_back]
    return to_review, sent_back, drafts


@require_safe
def assessment_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    mine: list[Assessment] = []
    to_review: list[Assessment] = []
    if user.is_authenticated:
        to_review, sent_back, drafts = _open_work(user)
        mine = sent_back + drafts
    published = Paginator(
        Assessment.objects.published()
        .select_related("platform", "owner")
        .order_by("-published_at"),
        25,
    ).get_page(request.GET.get("pagina"))
    return render(
        request,
        "assessments/assessment_list.html",
        {
            "mine": mine,
            "to_review": to_review,
            "published": published,
            "can_start": can_start_assessment(user),
        },
    )


@login_required
@require_safe
def my_tasks(request: HttpRequest) -> HttpResponse:
    """Mijn taken: what waits for me, most urgent first."""
    remember_language(request.user, request.LANGUAGE_CODE)
    to_review, sent_back, drafts = _open_work(request.user)
    comment_counts = dict(
        Finding.objects.filter(assessment__in=sent_back, comment_open=True)
        .values("assessment")
        .annotate(n=Count("pk"))
        .values_list("assessment", "n")
    )
    for assessment in sent_back:
        assessment.open_comments = comment_counts.get(assessment.pk, 0)
    return render(
        request,
        "assessments/my_tasks.html",
        {"to_review": to_review, "sent_back": sent_back, "drafts": drafts},
    )


@login_required
def assessment_new(request: HttpRequest) -> HttpResponse:
    if not can_start_assessment(request.user):
        raise PermissionDenied
    form = StartAssessmentForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            platform = form.cleaned_data["platform"]
            try:
                assessment = services.assessment_start(platform=platform, owner=request.user)
            except services.WorkflowError as exc:
                messages.error(request, str(exc))
                return redirect("assessments:assessment_list")
            messages.success(
                request,
                _("De beoordeling van %(platform)s is gestart.") % {"platform": platform.name},
            )
            return redirect(assessment.get_absolute_url())
        messages.error(request, _("Kies een platform uit de lijst."))
    platforms = Platform.objects.order_by("name").only("slug", "name")
    return render(request, "assessments/assessment_new.html", {"platforms": platforms})


def _tasks(state: QuestionnaireState) -> tuple[list[Task], list[Task]]:
    assessment = state.assessment
    steps = []
    for characteristic in state.steps:
        status, answered, total, prefilled = state.step_status(characteristic)
        detail = _("%(answered)s van %(total)s vragen beantwoord") % {
            "answered": answered,
            "total": total,
        }
        if prefilled:
            detail += " · " + _("%(n)s overgenomen uit de catalogus") % {"n": prefilled}
        carried = sum(
            1
            for q in state.visible_questions(characteristic)
            if q.pk in state.answers and state.answers[q.pk].carried_over
        )
        if carried and assessment.previous_id:
            detail += " · " + _("%(n)s overgenomen uit versie %(edition)s") % {
                "n": carried,
                "edition": assessment.edition - 1,
            }
        steps.append(
            Task(
                key=characteristic.code,
                title=characteristic.name,
                url=reverse(
                    "assessments:step",
                    kwargs={"uuid": assessment.uuid, "code": characteristic.code},
                ),
                status=status,
                detail=detail,
            )
        )
    grouped = findings_by_criterion(assessment)
    questions_done = all(task.status == DONE for task in steps)
    reviews = []
    for criterion in Criterion.objects.all():
        findings = grouped.get(criterion.pk, [])
        open_count = sum(1 for f in findings if f.needs_decision)
        reviews.append(
            Task(
                key=criterion.code,
                title=_("Bevindingen: %(criterion)s") % {"criterion": criterion.name},
                url=reverse(
                    "assessments:findings",
                    kwargs={"uuid": assessment.uuid, "criterion": criterion.code},
                ),
                status=review_status(findings, questions_done),
                detail=_("%(total)s bevindingen, %(open)s nog te beoordelen")
                % {"total": len(findings), "open": open_count},
            )
        )
    return steps, reviews


@require_safe
def task_list(request: HttpRequest, uuid) -> HttpResponse:
    assessment = get_assessment_for_user(request, uuid)
    state = QuestionnaireState.load(assessment)
    steps, reviews = _tasks(state)
    all_tasks = steps + reviews
    done = sum(1 for t in all_tasks if t.status == DONE)
    return render(
        request,
        "assessments/task_list.html",
        {
            "assessment": assessment,
            "steps": steps,
            "reviews": reviews,
            "done": done,
            "total": len(all_tasks),
            "can_edit": can_edit(request.user, assessment),
            "can_review": can_review(request.user, assessment),
            "is_author": is_author(request.user, assessment),
            "internal": sees_internal(request.user, assessment),
            "upgrade_to": current_label() if needs_upgrade(assessment) else None,
        },
    )


def _conflict_context(state: QuestionnaireState, characteristic) -> list[dict]:
    """What is saved now, per question, to show beside what the user typed."""
    rows = []
    for question in characteristic.questions.all():
        answer = state.answers.get(question.pk)
        if answer is None:
            saved = _("(geen antwoord)")
        elif answer.unknown:
            saved = _("Onbekend")
        else:
            saved = ", ".join(o.label for o in answer.options.all()) or _("(geen antwoord)")
        rows.append({"question": question, "saved": saved, "note": answer.note if answer else ""})
    return rows


@login_required_keeping_post
def step(request: HttpRequest, uuid, code: str) -> HttpResponse:
    assessment = get_assessment_for_user(request, uuid)
    state = QuestionnaireState.load(assessment)
    characteristic = next((c for c in state.steps if c.code == code), None)
    if characteristic is None:
        raise Http404
    editable = can_edit(request.user, assessment)
    conflict = None
    restored = False

    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        try:
            outcome = step_submit(
                state=state,
                characteristic=characteristic,
                data=request.POST,
                leave=request.POST.get("next") == "later",
            )
        except services.AssessmentConflict as exc:
            conflict = _conflict_context(QuestionnaireState.load(exc.assessment), characteristic)
            form = form_after_conflict(
                request, exc, lambda data: step_form(state, characteristic, data)
            )
            visible = state.visible_questions(
                characteristic, state.chosen | form.safe_chosen_codes()
            )
        else:
            if outcome.is_saved:
                _step_messages(request, outcome)
                return redirect(outcome.url(assessment))
            form, visible = outcome.form, outcome.visible
    else:
        data = _pending_post(request) if editable else None
        restored = data is not None
        form = step_form(state, characteristic, data)
        if data is None:
            form.initial["lock_version"] = assessment.lock_version
        visible = state.visible_questions(characteristic)

    questions_all = form.questions
    fields = [
        {
            "question": q,
            "field": form[q.code],
            "note": form[f"{q.code}-note"],
            "source_url": form[f"{q.code}-source_url"],
            "source_reference": form[f"{q.code}-source_reference"],
            "consulted_on": form[f"{q.code}-consulted_on"],
            "answer": state.answers.get(q.pk),
            "conditional": bool(q.shown_if.all()),
            "shown": shown,
            "reveal_when": reveal_when,
        }
        for q, shown, reveal_when in _step_questions(questions_all, visible)
    ]
    return render(
        request,
        "assessments/step.html",
        {
            "assessment": assessment,
            "characteristic": characteristic,
            "form": form,
            "fields": fields,
            "hidden_answered": state.hidden_answered(characteristic),
            "number": state.step_number(characteristic),
            "total": len(state.steps),
            "editable": editable,
            "conflict": conflict,
            "restored": restored,
        },
    )


def _step_questions(questions: list, visible: list) -> list[tuple]:
    """The questions a step page holds: ``(question, shown, reveal_when)``.

    Besides the questions that apply now, a follow-up question whose revealing answer is on
    this same page is there too, hidden, so that a script can show it the moment that answer is
    chosen (and hide it when it is undone). ``reveal_when`` names those answers as
    ``field=value`` pairs; without the script the page shows follow-ups after saving.
    """
    option_field = {o.pk: q.code for q in questions for o in q.options.all()}
    shown_codes = {q.code for q in visible}
    result = []
    for question in questions:
        pairs = [
            f"{option_field[o.pk]}={o.pk}" for o in question.shown_if.all() if o.pk in option_field
        ]
        shown = question.code in shown_codes
        if shown or pairs:
            result.append((question, shown, " ".join(pairs)))
    return result


def _step_messages(request: HttpRequest, outcome: StepOutcome) -> None:
    if outcome.follow_ups and outcome.destination == Destination.TASK_LIST:
        messages.info(
            request,
            _(
                "Uw antwoorden zijn opgeslagen. Door uw antwoord zijn er vervolgvragen "
                "bijgekomen; die staan klaar als u verdergaat."
            ),
        )
    elif outcome.follow_ups:
        messages.info(request, _("Opgeslagen. Door uw antwoord zijn er vervolgvragen bijgekomen."))
    else:
        messages.success(request, _("Uw antwoorden zijn opgeslagen."))


@require_safe
def check_answers(request: HttpRequest, uuid) -> HttpResponse:
    assessment = get_assessment_for_user(request, uuid)
    state = QuestionnaireState.load(assessment)
    sections = []
    for characteristic in state.steps:
        rows = []
        for question in state.visible_questions(characteristic):
            answer = state.answers.get(question.pk)
            rows.append({"question": question, "answer": answer})
        sections.append(
            {
                "characteristic": characteristic,
                "rows": rows,
                "hidden": state.hidden_answered(characteristic),
            }
        )
    return render(
        request,
        "assessments/check_answers.html",
        {
            "assessment": assessment,
            "sections": sections,
            "editable": can_edit(request.user, assessment),
            "first_criterion": Criterion.objects.order_by("order", "pk").first(),
        },
    )


def _findings_page(
    request: HttpRequest,
    assessment,
    criterion: Criterion,
    form: OwnFindingForm,
    *,
    bulk_form: BulkConfirmForm | None = None,
    status: int = 200,
    **extra,
) -> HttpResponse:
    items = list(
        assessment.findings.filter(criterion=criterion)
        .select_related("statement")
        .order_by("kind", "order", "pk")
    )
    attach_explanations(assessment, items)
    editable = can_edit(request.user, assessment)
    to_confirm = [
        f for f in items if f.statement_id and f.verdict == "open" and not f.no_longer_triggered
    ]
    if bulk_form is None and editable and to_confirm:
        bulk_form = BulkConfirmForm(
            initial={"lock_version": assessment.lock_version},
            has_challenges=any(f.is_challenge for f in to_confirm),
        )
    return render(
        request,
        "assessments/findings.html",
        {
            "assessment": assessment,
            "criterion": criterion,
            "opportunities": [f for f in items if not f.is_challenge],
            "challenges": [f for f in items if f.is_challenge],
            "editable": editable,
            "reviewing": can_review(request.user, assessment),
            "internal": sees_internal(request.user, assessment),
            "form": form,
            "bulk_form": bulk_form if editable and to_confirm else None,
            "to_confirm": to_confirm,
            **extra,
        },
        status=status,
    )


@require_safe
def findings(request: HttpRequest, uuid, criterion: str) -> HttpResponse:
    assessment = get_assessment_for_user(request, uuid)
    criterion_obj = get_object_or_404(Criterion, code=criterion)
    form = OwnFindingForm(initial={"lock_version": assessment.lock_version})
    return _findings_page(request, assessment, criterion_obj, form)


@login_required_keeping_post
@require_POST
def finding_add(request: HttpRequest, uuid, criterion: str) -> HttpResponse:
    assessment = get_assessment_for_user(request, uuid, action="edit")
    criterion_obj = get_object_or_404(Criterion, code=criterion)
    form = OwnFindingForm(request.POST)
    conflict = False
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.finding_add(
                assessment=assessment,
                expected_version=data["lock_version"],
                criterion=criterion_obj,
                kind=data["kind"],
                title=data["title"],
                text=data["text"],
                motivation=data["motivation"],
                action=data.get("action", ""),
                action_owner=data.get("action_owner", ""),
                priority=data.get("priority", ""),
                action_pending=data.get("action_pending", False),
            )
        except services.AssessmentConflict as exc:
            conflict = True
            form = form_after_conflict(request, exc, OwnFindingForm)
        else:
            messages.success(request, _("Uw eigen bevinding is toegevoegd."))
            return redirect(
                "assessments:findings", uuid=assessment.uuid, criterion=criterion_obj.code
            )
    return _findings_page(request, assessment, criterion_obj, form, conflict=conflict)


@login_required_keeping_post
@require_POST
def findings_confirm_all_view(request: HttpRequest, uuid, criterion: str) -> HttpResponse:
    assessment = get_assessment_for_user(request, uuid, action="edit")
    criterion_obj = get_object_or_404(Criterion, code=criterion)
    open_items = findings_to_confirm(assessment, criterion_obj)
    form = BulkConfirmForm(request.POST, has_challenges=any(f.is_challenge for f in open_items))
    own_form = OwnFindingForm(initial={"lock_version": assessment.lock_version})
    if not form.is_valid():
        return _findings_page(
            request, assessment, criterion_obj, own_form, bulk_form=form, status=400
        )
    try:
        confirmed = findings_confirm_all(
            assessment=assessment,
            criterion=criterion_obj,
            expected_version=form.cleaned_data["lock_version"],
            motivation=form.cleaned_data["motivation"],
            priority=form.cleaned_data.get("priority", ""),
        )
    except services.AssessmentConflict as exc:
        has_challenges = form.has_challenges
        form = form_after_conflict(
            request, exc, lambda data: BulkConfirmForm(data, has_challenges=has_challenges)
        )
        return _findings_page(
            request, assessment, criterion_obj, own_form, bulk_form=form, conflict=True
        )
    messages.success(
        request,
        ngettext(
            "%(n)s bevinding is bevestigd.", "%(n)s bevindingen zijn bevestigd.", len(confirmed)
        )
        % {"n": len(confirmed)},
    )
    return redirect("assessments:findings", uuid=assessment.uuid, criterion=criterion_obj.code)


def _finding_for(assessment: Assessment, finding: str) -> Finding:
    try:
        return assessment.findings.select_related("criterion", "statement").get(uuid=finding)
    except (Finding.DoesNotExist, ValueError):
        raise Http404 from None


def _finding_page(
    request: HttpRequest,
    assessment: Assessment,
    item: Finding,
    *,
    form: FindingReviewForm | None = None,
    comment_form: ReviewCommentForm | None = None,
    conflict: Finding | None = None,
) -> HttpResponse:
    attach_explanations(assessment, [item])
    if form is None:
        initial = {
            "lock_version": assessment.lock_version,
            "verdict": item.verdict if item.verdict != "open" else None,
            "motivation": item.motivation,
            "own_title": item.own_title,
            "own_text": item.own_text,
            "action": item.action or item.suggested_action,
            "action_owner": item.action_owner,
            "priority": item.priority,
            "action_pending": item.action_pending,
            "evidence": item.evidence,
        }
        form = FindingReviewForm(initial=initial, is_challenge=item.is_challenge)
    failed = comment_form is not None and bool(comment_form.errors)
    return render(
        request,
        "assessments/finding_edit.html",
        {
            "assessment": assessment,
            "finding": item,
            "form": form,
            "comment_form": comment_form
            or ReviewCommentForm(initial={"comment": item.review_comment}),
            "editable": can_edit(request.user, assessment),
            "reviewing": can_review(request.user, assessment),
            "internal": sees_internal(request.user, assessment),
            "conflict": conflict,
        },
        status=400 if failed else 200,
    )


@login_required_keeping_post
def finding_edit(request: HttpRequest, uuid, finding: str) -> HttpResponse:
    assessment = get_assessment_for_user(request, uuid)
    item = _finding_for(assessment, finding)
    if request.method != "POST":
        return _finding_page(request, assessment, item)
    if not can_edit(request.user, assessment):
        raise PermissionDenied
    form = FindingReviewForm(request.POST, is_challenge=item.is_challenge)
    if not form.is_valid():
        return _finding_page(request, assessment, item, form=form)
    data = form.cleaned_data
    try:
        services.finding_review(
            finding=item,
            expected_version=data["lock_version"],
            verdict=data["verdict"],
            motivation=data["motivation"],
            own_title=data["own_title"],
            own_text=data["own_text"],
            action=data.get("action", ""),
            action_owner=data.get("action_owner", ""),
            priority=data.get("priority", ""),
            evidence=data["evidence"],
            action_pending=data.get("action_pending", False),
        )
    except services.AssessmentConflict as exc:
        form = form_after_conflict(
            request, exc, lambda d: FindingReviewForm(d, is_challenge=item.is_challenge)
        )
        conflict = Finding.objects.get(pk=item.pk)
        return _finding_page(request, assessment, item, form=form, conflict=conflict)
    messages.success(request, _("Uw oordeel is opgeslagen."))
    return redirect("assessments:findings", uuid=assessment.uuid, criterion=item.criterion.code)


@login_required_keeping_post
@require_POST
def finding_comment(request: HttpRequest, uuid, finding: str) -> HttpResponse:
    """The reviewer's remark on one finding."""
    assessment = get_assessment_for_user(request, uuid, action="review")
    item = _finding_for(assessment, finding)
    comment_form = ReviewCommentForm(request.POST)
    if not comment_form.is_valid():
        return _finding_page(request, assessment, item, comment_form=comment_form)
    services.finding_comment(
        finding=item, comment=comment_form.cleaned_data["comment"], by=request.user
    )
    messages.success(request, _("Uw opmerking is opgeslagen."))
    return redirect("assessments:findings", uuid=assessment.uuid, criterion=item.criterion.code)


def review_comments(assessment: Assessment) -> list[Finding]:
    """The findings that carry a reviewer comment, in matrix order."""
    return list(
        assessment.findings.exclude(review_comment="")
        .select_related("criterion")
        .order_by("criterion__order", "kind", "order", "pk")
    )


@require_safe
def workflow(request: HttpRequest, uuid) -> HttpResponse:
    return _workflow_page(request, get_assessment_for_user(request, uuid))


def _workflow_page(
    request: HttpRequest,
    assessment: Assessment,
    *,
    reviewer_form: ReviewerForm | None = None,
    co_author_form: CoAuthorForm | None = None,
    send_back_form: SendBackForm | None = None,
) -> HttpResponse:
    """The status page; with a bound form that has errors, shown again with those errors
    (error summary, the field marked invalid, what was chosen kept) and status 400."""
    author_ids = [assessment.owner_id, *assessment.co_authors.values_list("pk", flat=True)]
    failed = next(
        (f for f in (reviewer_form, co_author_form, send_back_form) if f is not None), None
    )
    internal = sees_internal(request.user, assessment)
    return render(
        request,
        "assessments/workflow.html",
        {
            "assessment": assessment,
            "failed_form": failed,
            "reviewer_form": reviewer_form or ReviewerForm(exclude_ids=author_ids),
            "co_author_form": co_author_form or CoAuthorForm(),
            "send_back_form": send_back_form or SendBackForm(),
            "co_authors": list(assessment.co_authors.select_related("profile")) if internal else [],
            "internal": internal,
            "comments": review_comments(assessment) if internal else [],
            "open_findings": services.open_findings(assessment),
            "can_edit": can_edit(request.user, assessment),
            "can_review": can_review(request.user, assessment),
            "criteria": list(Criterion.objects.all())
            if can_review(request.user, assessment)
            else [],
            "is_author": is_author(request.user, assessment),
            "can_start": can_start_assessment(request.user),
            "editions": Assessment.objects.filter(platform=assessment.platform)
            .filter(assessment_visibility_filter(request.user))
            .order_by("-edition")
            .only("uuid", "edition", "status", "created_at", "published_at", "sent_back_at"),
        },
        status=400 if failed is not None else 200,
    )


def _after_workflow_error(request: HttpRequest, assessment: Assessment, exc: Exception):
    messages.error(request, str(exc))
    return redirect("assessments:workflow", uuid=assessment.uuid)


@login_required
@require_POST
def assessment_submit(request: HttpRequest, uuid) -> HttpResponse:
    assessment = get_assessment_for_user(request, uuid, action="edit")
    author_ids = [assessment.owner_id, *assessment.co_authors.values_list("pk", flat=True)]
    form = ReviewerForm(request.POST, exclude_ids=author_ids)
    if form.is_valid():
        try:
            services.assessment_submit(
                assessment=assessment, reviewer=form.cleaned_data["reviewer"], by=request.user
            )
        except services.WorkflowError as exc:
            form.add_error(None, str(exc))
    if form.errors:
        return _workflow_page(request, assessment, reviewer_form=form)
    remember_language(request.user, request.LANGUAGE_CODE)
    messages.success(request, _("De beoordeling is ter review aangeboden."))
    return redirect("assessments:workflow", uuid=assessment.uuid)


@login_required
@require_POST
def assessment_send_back(request: HttpRequest, uuid) -> HttpResponse:
    assessment = get_assessment_for_user(request, uuid, action="review")
    form = SendBackForm(request.POST)
    if form.is_valid():
        try:
            services.assessment_send_back(
                assessment=assessment, message=form.cleaned_data["message"], by=request.user
            )
        except services.WorkflowError as exc:
            form.add_error("message", str(exc))
    if form.errors:
        return _workflow_page(request, assessment, send_back_form=form)
    remember_language(request.user, request.LANGUAGE_CODE)
    messages.success(request, _("De beoordeling is teruggestuurd naar de auteur."))
    return redirect("assessments:my_tasks")


@login_required
def assessment_publish(request: HttpRequest, uuid) -> HttpResponse:
    """Approve and publish: a page that asks for confirmation, then the POST that does it."""
    assessment = get_assessment_for_user(request, uuid, action="review")
    form = PublishForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_publish(assessment=assessment, by=request.user)
        except services.WorkflowError as exc:
            return _after_workflow_error(request, assessment, exc)
        remember_language(request.user, request.LANGUAGE_CODE)
        messages.success(request, _("De beoordeling is goedgekeurd en gepubliceerd."))
        return redirect("assessments:workflow", uuid=assessment.uuid)
    return render(
        request,
        "assessments/publish_confirm.html",
        {
            "assessment": assessment,
            "form": form,
            "comments": review_comments(assessment),
            "open_comments": assessment.findings.filter(comment_open=True).count(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def assessment_new_edition(request: HttpRequest, uuid) -> HttpResponse:
    assessment = get_assessment_for_user(request, uuid)
    try:
        copy = services.assessment_new_edition(assessment=assessment, owner=request.user)
    except services.WorkflowError as exc:
        return _after_workflow_error(request, assessment, exc)
    messages.success(request, _("Een nieuwe versie is gestart als concept."))
    return redirect(copy.get_absolute_url())


@login_required
@require_POST
def co_author_add(request: HttpRequest, uuid) -> HttpResponse:
    assessment = get_assessment_for_user(request, uuid, action="edit")
    form = CoAuthorForm(request.POST)
    if form.is_valid():
        try:
            services.co_author_add(
                assessment=assessment, co_author=form.cleaned_data["username"], by=request.user
            )
        except services.WorkflowError as exc:
            form.add_error("username", str(exc))
    if form.errors:
        return _workflow_page(request, assessment, co_author_form=form)
    messages.success(request, _("De collega is toegevoegd als mede-auteur."))
    return redirect("assessments:workflow", uuid=assessment.uuid)


@require_safe
def edition_diff(request: HttpRequest, uuid) -> HttpResponse:
    """What changed in this edition since an earlier one (``?sinds=<edition>``, else the
    latest published one before it)."""
    assessment = get_assessment_for_user(request, uuid)
    earlier = Assessment.objects.filter(assessment_visibility_filter(request.user)).filter(
        platform_id=assessment.platform_id, edition__lt=assessment.edition
    )
    since = request.GET.get("sinds", "")
    if since.isdigit():
        older = earlier.filter(edition=int(since)).first()
    else:
        older = previous_published(assessment) or earlier.order_by("-edition").first()
    if older is None:
        raise Http404
    return render(
        request,
        "assessments/edition_diff.html",
        {
            "assessment": assessment,
            "diff": editions.edition_diff(older, assessment),
            "earlier": earlier.order_by("-edition").only("uuid", "edition", "status"),
        },
    )


@login_required_keeping_post
def assessment_upgrade(request: HttpRequest, uuid) -> HttpResponse:
    """ "Bijwerken naar versie X": a preview of the changes, then the POST that makes them."""
    assessment = get_assessment_for_user(request, uuid, action="edit")
    form = UpgradeForm(
        request.POST if request.method == "POST" else None,
        initial={"lock_version": assessment.lock_version},
    )
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_upgrade(
                assessment=assessment,
                expected_version=form.cleaned_data["lock_version"],
                by=request.user,
            )
        except services.AssessmentConflict as exc:
            conflict = True
            form = form_after_conflict(request, exc, UpgradeForm)
        except services.WorkflowError as exc:
            return _after_workflow_error(request, assessment, exc)
        else:
            messages.success(
                request,
                _("De beoordeling gebruikt nu raamwerkversie %(label)s.")
                % {"label": assessment.framework_version},
            )
            return redirect(assessment.get_absolute_url())
    if not needs_upgrade(assessment):
        raise Http404
    return render(
        request,
        "assessments/upgrade.html",
        {
            "assessment": assessment,
            "preview": upgrade_preview(assessment),
            "form": form,
            "conflict": conflict,
        },
    )
