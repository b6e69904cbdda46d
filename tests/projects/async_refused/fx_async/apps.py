from django.apps import AppConfig


class FxAsyncConfig(AppConfig):
    name = "fx_async"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("fx_async")
