from django import forms
from django.http import HttpRequest
from pydantic import BaseModel

from mizan_django.forms import mizanFormMeta, mizanFormMixin


class Saved(BaseModel):
    saved: bool


class NewNoteForm(mizanFormMixin, forms.Form):
    """Write a note."""

    mizan = mizanFormMeta(name="new_note")

    text = forms.CharField(max_length=500)

    def on_submit_success(self, request: HttpRequest) -> Saved:
        return Saved(saved=True)
