from django.apps import AppConfig


class SiteAppConfig(AppConfig):
    name = "authsite"
    label = "authsite"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("authsite")
