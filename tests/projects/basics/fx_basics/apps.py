from django.apps import AppConfig


class FxBasicsConfig(AppConfig):
    name = "fx_basics"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("fx_basics")
