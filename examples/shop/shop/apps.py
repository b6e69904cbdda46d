"""The shop app: loads its server functions, form and channel at start-up."""

from django.apps import AppConfig


class ShopConfig(AppConfig):
    name = "shop"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("shop")  # imports shop/clients.py, which registers everything
