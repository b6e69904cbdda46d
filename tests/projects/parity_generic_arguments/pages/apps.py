from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("pages")
