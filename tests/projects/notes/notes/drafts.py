"""Nothing imports this module, so the running server never sees what it declares."""

from django import forms

from mizan_django import client, register
from mizan_django.forms import mizanFormMeta, mizanFormMixin


class DraftForm(mizanFormMixin, forms.Form):
    mizan = mizanFormMeta(name="draft")

    text = forms.CharField()


@client
def draft_count(request) -> int:
    return 0


register(draft_count, "draft_count")
