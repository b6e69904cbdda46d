from django.apps import AppConfig


class FxTypesConfig(AppConfig):
    name = "fx_types"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("fx_types")
