"""A Django form exposed as contact.schema / contact.validate / contact.submit."""

from django import forms
from django.core.mail import send_mail
from django.http import HttpRequest

from mizan_django.forms import mizanFormMeta, mizanFormMixin


class ContactForm(mizanFormMixin, forms.Form):
    mizan = mizanFormMeta(name="contact", title="Contact Us", submit_label="Send")

    TOPICS = [("order", "An order"), ("product", "A product"), ("other", "Something else")]

    name = forms.CharField(max_length=100)
    email = forms.EmailField()
    topic = forms.ChoiceField(choices=TOPICS, initial="order")
    order_id = forms.IntegerField(required=False, min_value=1)
    message = forms.CharField(widget=forms.Textarea, min_length=10)
    subscribe = forms.BooleanField(required=False)

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if cleaned.get("topic") == "order" and not cleaned.get("order_id"):
            self.add_error("order_id", "Tell us which order this is about.")
        return cleaned

    def on_submit_success(self, request: HttpRequest) -> dict[str, bool]:
        data = self.cleaned_data
        send_mail(
            subject=f"[shop] {data['topic']} from {data['name']}",
            message=data["message"],
            from_email=data["email"],
            recipient_list=["support@shop.example"],
            fail_silently=True,
        )
        return {"sent": True}
