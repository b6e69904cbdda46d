from django.apps import AppConfig


class TestAppConfig(AppConfig):
    name = "tests.django.testapp"
    label = "mizan_testapp"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("tests.django.testapp")
