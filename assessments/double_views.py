"""Dubbele beoordeling: start, hand in, see the agreement, settle the consensus, export."""

from itertools import chain

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments.double import (
    agreement_per_question,
    can_see_double,
    can_settle,
    can_start_double,
    double_hand_in,
    double_result,
    double_settle,
    double_start,
    is_double_analyst,
)
from assessments.double_forms import DoubleStartForm, SettleForm
from assessments.models import Answer, DoubleAssessment
from inclusief.access import role_required
from inclusief.roles import BEHEERDER, ONDERZOEKER, has_role
from inclusief.spreadsheets import neutralise
from inclusief.streaming import csv_chunks, json_chunks, streaming_download

EXPORT_SCHEMA_VERSION = 1


def _double_for(request: HttpRequest, uuid) -> DoubleAssessment:
    double = get_object_or_404(
        DoubleAssessment.objects.select_related(
            "platform", "first__owner", "second__owner", "consensus", "started_by"
        ),
        uuid=uuid,
    )
    if not can_see_double(request.user, double):
        raise Http404
    return double


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def double_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    may_start = can_start_double(user)
    data = request.POST if request.method == "POST" else None
    form = DoubleStartForm(data) if may_start else None
    if request.method == "POST":
        if not may_start:
            raise PermissionDenied
        if form.is_valid():
            try:
                double = double_start(
                    platform=form.cleaned_data["platform"],
                    first_analyst=form.cleaned_data["first_analyst"],
                    second_analyst=form.cleaned_data["second_analyst"],
                    started_by=user,
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(
                    request, _("De dubbele beoordeling is gestart; beide analisten zien hun deel.")
                )
                return redirect(double)
    doubles = DoubleAssessment.objects.select_related("platform", "first", "second", "consensus")
    if not has_role(user, BEHEERDER):
        doubles = doubles.filter(Q(started_by=user) | Q(first__owner=user) | Q(second__owner=user))
    page = Paginator(doubles, 25).get_page(request.GET.get("pagina"))
    return render(
        request,
        "assessments/double_list.html",
        {
            "page": page,
            "form": form,
            "may_export": has_role(user, ONDERZOEKER) or has_role(user, BEHEERDER),
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_safe
def double_detail(request: HttpRequest, uuid) -> HttpResponse:
    double = _double_for(request, uuid)
    return _detail_page(request, double)


def _detail_page(
    request: HttpRequest, double: DoubleAssessment, settle_form: SettleForm | None = None
) -> HttpResponse:
    user = request.user
    context = {
        "double": double,
        "mine": double.first
        if user.pk == double.first.owner_id
        else double.second
        if user.pk == double.second.owner_id
        else None,
        "may_hand_in": is_double_analyst(user, double)
        and (
            (user.pk == double.first.owner_id and double.first_done_at is None)
            or (user.pk == double.second.owner_id and double.second_done_at is None)
        ),
    }
    if double.both_done:
        result = double_result(double)
        notes = {
            (a.assessment_id, a.question.code): a
            for a in Answer.objects.filter(
                assessment__in=[double.first_id, double.second_id]
            ).select_related("question")
        }
        labels = {
            code: {o.code: o.text("label") for o in q.options.all()}
            for code, q in result.questions.items()
        }
        differences = [
            {
                "pair": pair,
                "text": result.questions[pair.question].text("text"),
                "first": [labels[pair.question].get(c, c) for c in sorted(pair.first)],
                "second": [labels[pair.question].get(c, c) for c in sorted(pair.second)],
                "first_answer": notes.get((double.first_id, pair.question)),
                "second_answer": notes.get((double.second_id, pair.question)),
            }
            for pair in result.differences
        ]
        if settle_form is None and can_settle(user, double):
            settle_form = SettleForm(
                differences=result.differences,
                labels={c: q.text("text") for c, q in result.questions.items()},
            )
        context |= {
            "result": result,
            "differences": differences,
            "settle_form": settle_form,
            "choices": [
                (c.question.text("text"), c)
                for c in double.choices.select_related("question", "decided_by")
            ],
        }
    status = 400 if settle_form is not None and settle_form.errors else 200
    return render(request, "assessments/double.html", context, status=status)


@login_required
@require_POST
def double_hand_in_view(request: HttpRequest, uuid) -> HttpResponse:
    double = _double_for(request, uuid)
    try:
        double_hand_in(double=double, user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Uw antwoorden zijn ingeleverd en liggen nu vast."))
    return redirect(double)


@login_required
@require_POST
def double_settle_view(request: HttpRequest, uuid) -> HttpResponse:
    double = _double_for(request, uuid)
    if not can_settle(request.user, double):
        raise PermissionDenied
    result = double_result(double)
    form = SettleForm(
        request.POST,
        differences=result.differences,
        labels={c: q.text("text") for c, q in result.questions.items()},
    )
    if not form.is_valid():
        return _detail_page(request, double, settle_form=form)
    consensus = double_settle(double=double, user=request.user, decisions=form.decisions())
    messages.success(
        request,
        _(
            "De consensus is vastgelegd als nieuwe beoordeling. Beoordeel de bevindingen en stuur "
            "haar daarna ter review."
        ),
    )
    return redirect(consensus.get_absolute_url())


EXPORT_COLUMNS = [
    "question",
    "text",
    "characteristic",
    "kind",
    "double_assessments",
    "agreed",
    "agreement_percentage",
    "mean_jaccard",
]


@require_safe
@role_required(ONDERZOEKER, BEHEERDER)
def agreement_export(request: HttpRequest, fmt: str) -> StreamingHttpResponse:
    records = (
        {
            "question": r.question,
            "text": r.text,
            "characteristic": r.characteristic,
            "kind": r.kind,
            "double_assessments": r.doubles,
            "agreed": r.agreed,
            "agreement_percentage": r.percentage,
            "mean_jaccard": r.mean_jaccard,
        }
        for r in agreement_per_question()
    )
    if fmt == "json":
        return streaming_download(
            json_chunks({"schema_version": EXPORT_SCHEMA_VERSION}, "questions", records),
            content_type="application/json; charset=utf-8",
            filename="inclusief-overeenstemming.json",
        )
    # Dutch Excel: a BOM so it reads UTF-8, and ';' between the columns.
    rows = chain(
        [EXPORT_COLUMNS],
        (["" if r[c] is None else neutralise(r[c]) for c in EXPORT_COLUMNS] for r in records),
    )
    return streaming_download(
        csv_chunks(rows, delimiter=";"),
        content_type="text/csv; charset=utf-8",
        filename="inclusief-overeenstemming.csv",
    )
