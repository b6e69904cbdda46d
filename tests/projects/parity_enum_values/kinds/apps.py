from django.apps import AppConfig


class KindsConfig(AppConfig):
    name = "kinds"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("kinds")
