from django.apps import AppConfig


class FxErrorsConfig(AppConfig):
    name = "fx_errors"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("fx_errors")
