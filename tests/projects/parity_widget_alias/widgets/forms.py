from django import forms
from django.forms import Textarea as Area

from mizan_django.forms import mizanFormMeta, mizanFormMixin


class NoteForm(mizanFormMixin, forms.Form):
    mizan = mizanFormMeta(name="note")

    body = forms.CharField(widget=Area)
    summary = forms.CharField(widget=Area(attrs={"rows": 2}))
