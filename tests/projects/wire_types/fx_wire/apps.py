from django.apps import AppConfig


class FxWireConfig(AppConfig):
    name = "fx_wire"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("fx_wire")
