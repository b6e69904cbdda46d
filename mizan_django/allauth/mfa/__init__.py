"""The MFA step of a login (allauth.mfa) as a server function, ``auth.mfa.authenticate``.

Enable it with ``"allauth.mfa"`` and ``"mizan_django.allauth.mfa"`` in
``INSTALLED_APPS``, beside ``mizan_django.allauth``.
"""

__all__: list[str] = []
