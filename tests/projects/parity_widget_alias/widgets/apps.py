from django.apps import AppConfig


class WidgetsConfig(AppConfig):
    name = "widgets"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("widgets")
