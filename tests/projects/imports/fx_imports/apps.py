from django.apps import AppConfig


class FxImportsConfig(AppConfig):
    name = "fx_imports"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("fx_imports")
