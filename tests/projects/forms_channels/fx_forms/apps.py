from django.apps import AppConfig


class FxFormsConfig(AppConfig):
    name = "fx_forms"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("fx_forms")
