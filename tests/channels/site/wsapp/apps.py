from django.apps import AppConfig


class WsAppConfig(AppConfig):
    name = "tests.channels.site.wsapp"
    label = "wsapp"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("tests.channels.site.wsapp")
