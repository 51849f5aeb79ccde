"""Accounts: login, logout, password change and reset, built on Django's auth views.

Only the templates and the form widgets are ours. Django already does what matters for
safety: a new session key on login (``cycle_key``), deleting the server-side session on
logout (POST only), one-time reset tokens, and the password validators from settings.
django-axes counts failed logins through the authentication backend and answers 429.
"""

import hashlib
import logging
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm
from django.core.validators import MaxLengthValidator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse_lazy
from django.utils.translation import gettext as _

from inclusief import people_views
from inclusief.throttling import client_address, ratelimit_take, ratelimit_wait
from inclusief.views import too_many_requests

logger = logging.getLogger(__name__)
RESET_WINDOW = timedelta(hours=1)


class UsernameLengthMixin:
    """Refuse an over-long username before it reaches authentication.

    Django's login form sets ``max_length`` on the username field after construction, so the
    length is never validated; axes would then try to store a huge username in its 255
    character column and PostgreSQL would fail with a 500 (found by the fuzz tests).
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length or 150))


class LoginForm(UsernameLengthMixin, AuthenticationForm):
    """Django's login form; the widgets tell browsers and password managers what to fill in.

    Pasting is never blocked: password managers depend on it.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}
        )
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class AdminLoginForm(UsernameLengthMixin, AdminAuthenticationForm):
    pass


class AccountPasswordChangeForm(PasswordChangeForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].widget.attrs.update({"autocomplete": "current-password"})
        for name in ("new_password1", "new_password2"):
            self.fields[name].widget.attrs.update({"autocomplete": "new-password"})


class AccountPasswordResetForm(PasswordResetForm):
    email = forms.EmailField(
        label=PasswordResetForm.base_fields["email"].label,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class LogoutView(auth_views.LogoutView):
    """Django's logout, and a message on the next page that says it happened.

    The message is added after the session was flushed, into the new session, so it survives.
    """

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("U bent uitgelogd."))
        return response


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Django's reset view with two limits (per hour): requests per address, and mails per
    e-mail address. Ten requests used to send ten mails."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        key = f"password-reset:address:{client_address(request) or 'unknown'}"
        if not ratelimit_take(
            key=key, limit=settings.PASSWORD_RESETS_PER_ADDRESS, window=RESET_WINDOW
        ):
            return too_many_requests(
                request,
                reason=_("Er zijn vanaf uw adres te veel wachtwoordherstel-aanvragen gedaan."),
                retry_after=ratelimit_wait(key=key, window=RESET_WINDOW),
            )
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        # The e-mail address is hashed: the limit table holds no personal data.
        email = form.cleaned_data["email"].strip().casefold()
        digest = hashlib.sha256(email.encode()).hexdigest()
        if not ratelimit_take(
            key=f"password-reset:account:{digest}",
            limit=settings.PASSWORD_RESETS_PER_ACCOUNT,
            window=RESET_WINDOW,
        ):
            # The same page as always, so the answer tells nobody whether an account exists.
            logger.warning("Password reset mail not sent: limit reached for one address.")
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


urlpatterns = [
    path("gegevens/", people_views.my_data, name="my_data"),
    path("gegevens/export.json", people_views.my_data_export, name="my_data_export"),
    path("gegevens/verwijderen/", people_views.my_data_delete, name="my_data_delete"),
    path("verwijderverzoeken/", people_views.deletion_requests, name="deletion_requests"),
    path("verwijderen/<int:user_id>/", people_views.account_delete, name="account_delete"),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    # Django's LogoutView accepts POST only (GET answers 405) and flushes the session.
    path("uitloggen/", LogoutView.as_view(), name="logout"),
    path(
        "wachtwoord/",
        auth_views.PasswordChangeView.as_view(form_class=AccountPasswordChangeForm),
        name="password_change",
    ),
    path(
        "wachtwoord/gewijzigd/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "wachtwoord-vergeten/",
        ThrottledPasswordResetView.as_view(
            form_class=AccountPasswordResetForm,
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
            success_url=reverse_lazy("password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-vergeten/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-vergeten/klaar/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
