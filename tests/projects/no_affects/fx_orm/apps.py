from django.apps import AppConfig


class FxOrmConfig(AppConfig):
    name = "fx_orm"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("fx_orm")
