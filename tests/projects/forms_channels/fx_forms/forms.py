from decimal import Decimal

from django import forms
from django.http import HttpRequest
from pydantic import BaseModel

from mizan_django import client, register
from mizan_django.forms import mizanFormMeta, mizanFormMixin

SIZES = [("s", "Small"), ("m", "Medium"), ("Large", [("l", "Large"), ("xl", "Extra large")])]


class Receipt(BaseModel):
    order_id: int


class AddressFields(forms.Form):
    """Not a Mizan form: a base whose fields come first."""

    street = forms.CharField(max_length=200, label="Street and number")
    city = forms.CharField(help_text="Where we deliver")


class OrderForm(mizanFormMixin, AddressFields):
    """Place an order."""

    mizan = mizanFormMeta(name="order", title="Order", submit_label="Place order")

    email = forms.EmailField()
    size = forms.ChoiceField(choices=SIZES)
    quantity = forms.TypedChoiceField(choices=[(1, "One"), (2, "Two")], coerce=int, initial=1)
    extras = forms.MultipleChoiceField(choices=[("gift", "Gift wrap")], required=False)
    price = forms.DecimalField(max_digits=6, decimal_places=2, min_value=Decimal("0.50"))
    weight = forms.FloatField(min_value=0.5, max_value=20)
    deliver_on = forms.DateField(input_formats=["%d/%m/%Y"], required=False)
    terms = forms.BooleanField()
    city = forms.CharField(max_length=50)  # redeclared: keeps its inherited place

    def on_submit_success(self, request: HttpRequest) -> Receipt:
        return Receipt(order_id=1)


@client(context="ratings")
def rating_count(request: HttpRequest, rating: int) -> int:
    return 0


@client(context="ratings")
def rating_note(request: HttpRequest, rating: int, lang: str) -> str:
    return ""


register(rating_count, "rating_count")
register(rating_note, "rating_note")


class FeedbackForm(mizanFormMixin, forms.Form):
    # scoped by `rating` (an int field, as the context's parameter); `comment` scopes nothing
    mizan = mizanFormMeta(name="support.feedback", affects=["ratings", rating_count])

    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), min_length=3)
    rating = forms.IntegerField(min_value=1, max_value=5, initial=5)
