"""allauth's account flows as server functions (``auth.*``; see docs/allauth.md).

Each function binds allauth's own form (``ACCOUNT_FORMS`` overrides apply)
or input and runs allauth's flow, so its adapter, signals, rate limits and
settings decide; the functions only translate the outcome: the session
state on success, the form's messages per field on failure.
"""

from __future__ import annotations

from allauth.account import app_settings as account_settings
from allauth.account.adapter import get_adapter
from allauth.account.forms import LoginForm, ResetPasswordForm, SignupForm
from allauth.account.internal import flows
from allauth.account.models import EmailAddress
from allauth.account.stages import EmailVerificationStage, LoginStageController
from allauth.headless.account.inputs import (
    ChangePasswordInput,
    ResetPasswordInput,
    VerifyEmailInput,
)
from allauth.utils import get_form_class
from django.http import HttpRequest

from mizan_core import client, register
from mizan_django.allauth import _flows
from mizan_django.allauth.schemas import AuthSession, Sent
from mizan_django.errors import MizanRequestError

__all__ = [
    "change_password", "confirm_email", "login", "logout", "request_password_reset",
    "reset_password", "send_email_verification", "session", "signup",
]


@client(context="global")
def session(request: HttpRequest) -> AuthSession:
    """Who is signed in, and which login stage (email verification, MFA) waits."""
    return _flows.session_state(request)


@client(affects="global")
def login(request: HttpRequest, login: str, password: str, remember: bool = False) -> AuthSession:
    """Sign in with a username or an email address, as ``ACCOUNT_LOGIN_METHODS`` allows."""
    if request.user.is_authenticated:
        raise _flows.conflict("already signed in: sign out first")
    _flows.consume(request, "login")
    form_class = get_form_class(account_settings.FORMS, "login", LoginForm)
    form = form_class(data={"login": login, "password": password, "remember": remember},
                      request=request)
    _flows.valid(form)
    _flows.run(lambda: form.login(request))
    return _flows.session_state(request, signed_in=True)


@client(affects="global")
def logout(request: HttpRequest) -> AuthSession:
    """Sign out (allauth's logout: its signal, its message) and end the pending flows."""
    flows.logout.logout(request)
    return _flows.session_state(request)


@client(affects="global")
def signup(request: HttpRequest, email: str = "", username: str = "", password1: str = "",
           password2: str = "") -> AuthSession:
    """Create an account with the fields ``ACCOUNT_SIGNUP_FIELDS`` asks for; with
    mandatory email verification the account waits (``pending: ["verify_email"]``)."""
    if request.user.is_authenticated:
        raise _flows.conflict("already signed in: sign out first")
    if not get_adapter(request).is_open_for_signup(request):
        raise MizanRequestError.forbidden("sign-up is closed")
    _flows.consume(request, "signup")
    form_class = get_form_class(account_settings.FORMS, "signup", SignupForm)
    form = form_class(data={"email": email, "username": username, "password1": password1,
                            "password2": password2})
    _flows.valid(form)
    user, response = form.try_save(request)
    if response is None:
        _flows.run(lambda: flows.signup.complete_signup(request, user=user))
    return _flows.session_state(request, signed_in=True)


@client
def send_email_verification(request: HttpRequest, email: str = "") -> Sent:
    """Send (again) the verification email: for the signed-in user's address
    ``email`` (default: their primary one), or for the login waiting on it."""
    if request.user.is_authenticated:
        address = EmailAddress.objects.filter(
            user=request.user, **({"email__iexact": email} if email else {"primary": True}),
        ).first()
        if address is None:
            raise _flows.field_error("email", "this address is not one of your account's")
        if address.verified:
            return Sent(sent=False)
        return Sent(sent=flows.email_verification.send_verification_email_to_address(
            request, address))
    stage = LoginStageController.enter(request, EmailVerificationStage.key)
    if stage is None:
        raise _flows.conflict("no sign-in waits for an email verification")
    return Sent(sent=flows.email_verification.send_verification_email_for_user(
        request, stage.login.user))


@client(affects="global")
def confirm_email(request: HttpRequest, key: str) -> AuthSession:
    """Verify an address by the key of the emailed link; a sign-in that waited
    on it completes when ``ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION`` says so."""
    stage = LoginStageController.enter(request, EmailVerificationStage.key)
    form = VerifyEmailInput(data={"key": key})
    _flows.valid(form)
    address = form.verification.confirm(request)
    if address is None:
        raise _flows.field_error("key", str(get_adapter().error_messages["invalid_or_expired_key"]))
    if stage is not None:
        _flows.run(lambda: flows.email_verification.login_on_verification(request, address))
    return _flows.session_state(request, signed_in=True)


@client(affects=())  # it writes no row a client shows (allauth sends an email)
def request_password_reset(request: HttpRequest, email: str) -> Sent:
    """Email a password-reset link (allauth's ``reset_password`` rate limits apply)."""
    form_class = get_form_class(account_settings.FORMS, "reset_password", ResetPasswordForm)
    form = form_class(data={"email": email})
    _flows.valid(form)
    _flows.consume(request, "reset_password", key=form.cleaned_data["email"].lower())
    form.save(request)
    return Sent(sent=True)


@client(affects="global")
def reset_password(request: HttpRequest, key: str, password: str) -> AuthSession:
    """Set a new password with the emailed key (``<uidb36>-<token>``); signs in
    when ``ACCOUNT_LOGIN_ON_PASSWORD_RESET`` is on."""
    _flows.consume(request, "reset_password_from_key")
    form = ResetPasswordInput(data={"key": key, "password": password})
    _flows.valid(form)
    flows.password_reset.reset_password(form.user, password)
    _flows.run(lambda: flows.password_reset.finalize_password_reset(request, form.user))
    return _flows.session_state(request, signed_in=True)


@client(auth=True, affects="global")
def change_password(request: HttpRequest, current_password: str, new_password: str) -> AuthSession:
    """Change the signed-in user's password (or set one, for an account without);
    the session stays signed in, bearer tokens issued before stop working."""
    _flows.consume(request, "change_password")
    form = ChangePasswordInput(data={"current_password": current_password,
                                     "new_password": new_password}, user=request.user)
    _flows.valid(form)
    flows.password_change.change_password(request.user, new_password)
    if current_password:
        flows.password_change.finalize_password_change(request, request.user)
    else:
        flows.password_change.finalize_password_set(request, request.user)
    return _flows.session_state(request, signed_in=True)


register(session, "auth.session")
register(login, "auth.login")
register(logout, "auth.logout")
register(signup, "auth.signup")
register(send_email_verification, "auth.email.send")
register(confirm_email, "auth.email.confirm")
register(request_password_reset, "auth.password.reset")
register(reset_password, "auth.password.reset_confirm")
register(change_password, "auth.password.change")
