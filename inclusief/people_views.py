"""The data-subject pages: "Mijn gegevens" (see, export, ask deletion), the beheerder's
handling of deletion requests, and the privacy statement."""

import json

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from inclusief import personal_data
from inclusief.access import role_required
from inclusief.caching import public_page
from inclusief.models import DeletionRequest
from inclusief.people import display_name
from inclusief.roles import BEHEERDER, has_role


class DisplayNameForm(forms.Form):
    display_name = forms.CharField(
        label=gettext_lazy("Naam op openbare pagina's"),
        help_text=gettext_lazy(
            "Zo staat u op gepubliceerde beoordelingen en in rapporten. Laat leeg voor uw "
            "initialen. Gebruik geen e-mailadres."
        ),
        max_length=80,
        required=False,
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_display_name(self) -> str:
        value = self.cleaned_data["display_name"].strip()
        if "@" in value or value.casefold() == self.user.get_username().casefold():
            raise ValidationError(
                _("Kies een naam die niet uw inlognaam of e-mailadres is."), code="login"
            )
        return value


class DeletionRequestForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Toelichting voor de beheerder (niet verplicht)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )


class SuccessorForm(forms.Form):
    successor = forms.ModelChoiceField(
        label=gettext_lazy("Wie neemt de beoordelingen over?"),
        queryset=get_user_model().objects.none(),
        error_messages={"required": gettext_lazy("Kies wie de beoordelingen overneemt.")},
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = personal_data.successor_choices(user)
        self.fields["successor"].label_from_instance = _person_label


def _person_label(user) -> str:
    name = user.get_full_name()
    return f"{name} ({user.get_username()})" if name else user.get_username()


def _my_data_page(request: HttpRequest, *, name_form=None, deletion_form=None, status=200):
    user = request.user
    return render(
        request,
        "account/my_data.html",
        {
            "sections": personal_data.personal_data(user),
            "name_form": name_form
            or DisplayNameForm(initial={"display_name": display_name(user)}, user=user),
            "deletion_form": deletion_form or DeletionRequestForm(),
            "deletion_request": DeletionRequest.objects.filter(user=user).first(),
        },
        status=status,
    )


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _my_data_page(request)
    form = DisplayNameForm(request.POST, user=request.user)
    if not form.is_valid():
        return _my_data_page(request, name_form=form, status=400)
    personal_data.profile_update(user=request.user, display_name=form.cleaned_data["display_name"])
    messages.success(request, _("Uw naam op openbare pagina's is opgeslagen."))
    return redirect("my_data")


@login_required
@require_safe
def my_data_export(request: HttpRequest) -> HttpResponse:
    document = personal_data.personal_data_document(request.user)
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="inclusief-mijn-gegevens.json"'
    return response


@login_required
@require_POST
def my_data_delete(request: HttpRequest) -> HttpResponse:
    if "withdraw" in request.POST:
        personal_data.deletion_request_withdraw(user=request.user)
        messages.success(request, _("Uw verzoek om verwijdering is ingetrokken."))
        return redirect("my_data")
    form = DeletionRequestForm(request.POST)
    if not form.is_valid():
        return _my_data_page(request, deletion_form=form, status=400)
    personal_data.deletion_request_create(user=request.user, note=form.cleaned_data["note"])
    messages.success(
        request,
        _("Uw verzoek is ontvangen. Een beheerder verwijdert uw account en laat het u weten."),
    )
    return redirect("my_data")


@role_required(BEHEERDER)
@require_safe
def deletion_requests(request: HttpRequest) -> HttpResponse:
    pending = DeletionRequest.objects.select_related("user").order_by("requested_at")
    return render(request, "account/deletion_requests.html", {"pending": pending})


def _deletable_user_for(request: HttpRequest, user_id: int):
    """The account a beheerder may delete: not their own, and a beheerder's only by a
    superuser. Anyone else gets 404 (no hint whether the account exists)."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or user.username.startswith(personal_data.PSEUDONYM_PREFIX):
        raise Http404
    if user.pk == request.user.pk:
        raise PermissionDenied
    if (user.is_superuser or has_role(user, BEHEERDER)) and not request.user.is_superuser:
        raise PermissionDenied
    return user


@role_required(BEHEERDER)
def account_delete(request: HttpRequest, user_id: int) -> HttpResponse:
    user = _deletable_user_for(request, user_id)
    form = SuccessorForm(request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            pseudonym = personal_data.account_delete(
                user=user, successor=form.cleaned_data["successor"], by=request.user
            )
        except ValidationError as exc:
            form.add_error("successor", exc)
        else:
            messages.success(
                request,
                _("Het account is verwijderd. In de geschiedenis staat nu %(pseudonym)s.")
                % {"pseudonym": pseudonym.get_username()},
            )
            return redirect("deletion_requests")
    return render(
        request,
        "account/account_delete.html",
        {
            "person": user,
            "form": form,
            "sections": personal_data.personal_data(user),
            "deletion_request": DeletionRequest.objects.filter(user=user).first(),
        },
        status=400 if form.errors else 200,
    )


@require_safe
@public_page
def privacy_statement(request: HttpRequest) -> HttpResponse:
    # The retention periods as configured, so the statement stays true when they change.
    return render(
        request,
        "privacy.html",
        {
            "idle_minutes": settings.SESSION_IDLE_MINUTES,
            "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            "report_keep_days": settings.REPORT_KEEP_DAYS,
            "maatwerk_keep_days": settings.MAATWERK_KEEP_DAYS,
        },
    )
