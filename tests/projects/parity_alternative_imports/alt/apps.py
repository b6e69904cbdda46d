from django.apps import AppConfig


class AltConfig(AppConfig):
    name = "alt"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("alt")
