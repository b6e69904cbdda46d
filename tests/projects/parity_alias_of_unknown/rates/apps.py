from django.apps import AppConfig


class RatesConfig(AppConfig):
    name = "rates"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("rates")
