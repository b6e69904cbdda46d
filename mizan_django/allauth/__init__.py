"""django-allauth's account flows as registered server functions.

Enable it beside allauth's own apps::

    INSTALLED_APPS += ["allauth", "allauth.account", "mizan_django", "mizan_django.allauth"]

Its ``AppConfig.ready`` imports :mod:`mizan_django.allauth.clients`, which
registers ``auth.session``, ``auth.login``, ``auth.logout``, ``auth.signup``,
``auth.email.send``, ``auth.email.confirm``, ``auth.password.reset``,
``auth.password.reset_confirm`` and ``auth.password.change``
(``mizan_django.allauth.mfa`` adds ``auth.mfa.authenticate``). Each runs
allauth's own forms and flows (adapter, signals, rate limits, settings);
docs/allauth.md describes them.
"""

__all__: list[str] = []
