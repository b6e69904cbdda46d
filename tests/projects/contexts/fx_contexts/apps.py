from django.apps import AppConfig


class FxContextsConfig(AppConfig):
    name = "fx_contexts"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("fx_contexts")
