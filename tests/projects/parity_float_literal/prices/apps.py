from django.apps import AppConfig


class PricesConfig(AppConfig):
    name = "prices"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("prices")
