from django.apps import AppConfig


class ShopConfig(AppConfig):
    name = "shop"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("shop")
