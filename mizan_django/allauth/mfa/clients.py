"""The code step of a login held on allauth's ``mfa_authenticate`` stage."""

from __future__ import annotations

from allauth.account.stages import LoginStageController
from allauth.mfa.base.forms import AuthenticateForm
from allauth.mfa.stages import AuthenticateStage
from django.http import HttpRequest

from mizan_core import client, register
from mizan_django.allauth import _flows
from mizan_django.allauth.schemas import AuthSession

__all__ = ["mfa_authenticate"]


@client(affects="global")
def mfa_authenticate(request: HttpRequest, code: str) -> AuthSession:
    """Complete a login that waits on ``pending: ["mfa_authenticate"]`` with a
    TOTP or recovery code (allauth's ``AuthenticateForm``, its rate limit)."""
    stage = LoginStageController.enter(request, AuthenticateStage.key)
    if stage is None:
        raise _flows.conflict("no sign-in waits for a second factor")
    form = AuthenticateForm(data={"code": code}, user=stage.login.user)
    _flows.valid(form)
    form.save()
    _flows.run(stage.exit)
    return _flows.session_state(request, signed_in=True)


register(mfa_authenticate, "auth.mfa.authenticate")
