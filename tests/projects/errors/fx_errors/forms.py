from django import forms
from pydantic import BaseModel

from mizan_django.channels import ReactChannel
from mizan_django.forms import mizanFormMeta, mizanFormMixin


class UploadForm(mizanFormMixin, forms.Form):
    mizan = mizanFormMeta(name="other")  # mizan-duplicate: a function is registered as "other"

    attachment = forms.FileField()  # mizan-unserializable


class CartChannel(ReactChannel):  # mizan-duplicate: "cart" is a function
    class Params(BaseModel):
        cart_id: int

    class DjangoMessage(BaseModel):
        text: str


class NoteForm(mizanFormMixin, forms.Form):
    mizan = mizanFormMeta(name="note_form", affects="cartt")  # mizan-affects: no such context

    text = forms.CharField()
