from django.apps import AppConfig


class CountsConfig(AppConfig):
    name = "counts"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("counts")
