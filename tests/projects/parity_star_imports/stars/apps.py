from django.apps import AppConfig


class StarsConfig(AppConfig):
    name = "stars"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("stars")
