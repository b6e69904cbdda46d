from django.apps import AppConfig


class SiteAppConfig(AppConfig):
    name = "tests.allauth.siteapp"
    label = "allauth_siteapp"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("tests.allauth.siteapp")
