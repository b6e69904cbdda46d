from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = "notes"

    def ready(self) -> None:
        from mizan_django import mizan_clients

        mizan_clients("notes")
