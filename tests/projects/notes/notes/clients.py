from pydantic import BaseModel

from mizan_django import client, register


class Note(BaseModel):
    id: int
    text: str


NOTES: dict[int, list[Note]] = {}


@client(context="notebook")
def notes(request, notebook_id: int) -> list[Note]:
    return NOTES.get(notebook_id, [])


@client(affects="notebook")
def add_note(request, notebook_id: int, text: str) -> Note:
    note = Note(id=len(NOTES.get(notebook_id, [])) + 1, text=text)
    NOTES.setdefault(notebook_id, []).append(note)
    return note


register(notes, "notes")
register(add_note, "add_note")
