"""Forms as server functions: schema, both validation paths, submit, ModelForm.

The form functions are called as the registry serves them (``fn(request,
**values)``); tests/forms/test_forms_http.py drives the same through HTTP.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django import forms
from django.contrib.auth.models import Group
from django.test import RequestFactory

from mizan_core import MizanDuplicateError, MizanSetupError, Registry
from mizan_core.ir import ListOf, Primitive
from mizan_django.errors import MizanRequestError
from mizan_django.forms import form_of, mizanFormMeta, mizanFormMixin

registry = Registry()


class _Base(mizanFormMixin, forms.Form):
    mizan_registry = registry  # a base without `mizan`: registers nothing


class EveryField(_Base):
    """A form with one of each field type a user renders."""

    mizan = mizanFormMeta(name="every", title="Every field", submit_label="Go")

    TOPICS = (("a", "Topic A"), ("b", "Topic B"))

    name = forms.CharField(max_length=20, min_length=2, help_text="Your name")
    email = forms.EmailField(label="E-mail")
    website = forms.URLField(required=False, assume_scheme="https")
    slug = forms.SlugField(required=False)
    count = forms.IntegerField(min_value=1, max_value=10, initial=3)
    ratio = forms.FloatField(required=False, min_value=0.5)
    price = forms.DecimalField(max_digits=6, decimal_places=2, min_value=Decimal("0.01"))
    agree = forms.BooleanField()
    maybe = forms.NullBooleanField(required=False)
    day = forms.DateField(input_formats=["%d/%m/%Y"])
    at = forms.DateTimeField(required=False)
    hour = forms.TimeField(required=False)
    topic = forms.ChoiceField(choices=TOPICS, initial="a")
    tags = forms.MultipleChoiceField(choices=TOPICS, required=False,
                                     widget=forms.CheckboxSelectMultiple)
    level = forms.TypedChoiceField(choices=[(1, "Low"), (2, "High")], coerce=int)
    token = forms.UUIDField(required=False)
    note = forms.CharField(widget=forms.Textarea, required=False)
    data = forms.JSONField(required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("topic") == "b" and not cleaned.get("tags"):
            raise forms.ValidationError("Topic B needs at least one tag.")
        return cleaned

    def on_submit_success(self, request) -> dict[str, str]:
        return {"greeting": f"hello {self.cleaned_data['name']}"}


class GroupForm(mizanFormMixin, forms.ModelForm):
    mizan = mizanFormMeta(name="group_form")
    mizan_registry = registry

    class Meta:
        model = Group
        fields = ("name",)


VALID = {"name": "Ann", "email": "ann@example.com", "count": 3, "price": "9.99", "agree": True,
         "day": "31/12/2024", "topic": "a", "level": "2"}


@pytest.fixture
def request_():
    return RequestFactory().post("/")


def test_three_server_functions_per_form_and_the_name_is_claimed():
    assert [n for n in registry.names() if n.startswith("every.")] == [
        "every.schema", "every.submit", "every.validate"]
    assert registry.entry("every").kind == "form"
    assert form_of(registry.get("every.submit")) is EveryField
    assert registry.entry("_Base") is None


def test_schema_describes_every_field_in_declaration_order(request_):
    schema = registry.get("every.schema")(request_)
    assert (schema["name"], schema["title"], schema["submit_label"]) == (
        "every", "Every field", "Go")
    fields = {f["name"]: f for f in schema["fields"]}
    assert list(fields) == list(EveryField.base_fields)
    assert fields["name"]["kind"] == "CharField"
    assert (fields["name"]["min_length"], fields["name"]["max_length"]) == (2, 20)
    assert fields["name"]["help_text"] == "Your name" and fields["name"]["label"] == "Name"
    assert fields["email"]["label"] == "E-mail" and fields["email"]["max_length"] == 320
    assert fields["email"]["widget"] == "EmailInput"
    assert fields["website"]["required"] is False
    assert (fields["count"]["type"], fields["count"]["initial"]) == ("int", 3)
    assert (fields["count"]["min_value"], fields["count"]["max_value"]) == ("1", "10")
    assert (fields["ratio"]["type"], fields["ratio"]["min_value"]) == ("float", "0.5")
    assert (fields["price"]["type"], fields["price"]["max_digits"],
            fields["price"]["decimal_places"], fields["price"]["min_value"]) == (
        "decimal", 6, 2, "0.01")
    assert (fields["agree"]["type"], fields["agree"]["widget"]) == ("bool", "CheckboxInput")
    assert fields["maybe"]["widget"] == "NullBooleanSelect"
    assert (fields["day"]["type"], fields["day"]["input_formats"]) == ("date", ["%d/%m/%Y"])
    assert (fields["at"]["type"], fields["at"]["input_formats"]) == ("datetime", [])
    assert fields["hour"]["type"] == "time"
    assert fields["topic"]["choices"] == [{"value": "a", "label": "Topic A"},
                                          {"value": "b", "label": "Topic B"}]
    assert fields["topic"]["initial"] == "a" and fields["topic"]["multiple"] is False
    assert (fields["tags"]["multiple"], fields["tags"]["type"], fields["tags"]["widget"]) == (
        True, {"list": "str"}, "CheckboxSelectMultiple")
    assert fields["level"]["type"] == "int"
    assert fields["level"]["choices"][0] == {"value": 1, "label": "Low"}
    assert fields["token"]["type"] == "uuid" and fields["note"]["widget"] == "Textarea"
    assert fields["data"]["type"] == "any"


def test_validate_reports_djangos_own_field_messages(request_):
    bad = {"name": "A", "email": "nope", "count": 11, "price": "1.234", "day": "2024-12-31",
           "topic": "z", "level": "9", "ratio": "x"}
    verdict = registry.get("every.validate")(request_, **bad)
    expected = EveryField(data=bad).errors
    assert verdict["valid"] is False
    assert verdict["errors"] == {field: list(messages) for field, messages in expected.items()}
    assert verdict["errors"]["agree"] == ["This field is required."]
    assert verdict["errors"]["count"] == ["Ensure this value is less than or equal to 10."]
    assert verdict["non_field_errors"] == []


def test_validate_reports_non_field_errors_from_clean(request_):
    verdict = registry.get("every.validate")(request_, **{**VALID, "topic": "b"})
    assert verdict == {"valid": False, "errors": {},
                       "non_field_errors": ["Topic B needs at least one tag."]}


def test_validate_accepts_valid_values_and_null_as_empty(request_):
    verdict = registry.get("every.validate")(request_, **VALID, website=None, tags=["a", "b"])
    assert verdict == {"valid": True, "errors": {}, "non_field_errors": []}


def test_submit_invalid_is_400_invalid_form_with_both_kinds_of_errors(request_):
    with pytest.raises(MizanRequestError) as refused:
        registry.get("every.submit")(request_, **{**VALID, "topic": "b", "count": 0})
    error = refused.value
    assert (error.status, error.code) == (400, "invalid_form")
    assert error.details == {
        "errors": {"count": ["Ensure this value is greater than or equal to 1."]},
        "non_field_errors": ["Topic B needs at least one tag."]}


def test_submit_valid_returns_on_submit_success(request_):
    assert registry.get("every.submit")(request_, **VALID) == {"greeting": "hello Ann"}


def test_submit_types_come_from_on_submit_success(request_):
    import inspect

    assert inspect.signature(registry.get("every.submit")).return_annotation == dict[str, str]
    assert inspect.signature(registry.get("group_form.submit")).return_annotation is type(None)


@pytest.mark.django_db
def test_model_form_validates_against_the_database_and_saves(request_):
    Group.objects.create(name="taken")
    schema = registry.get("group_form.schema")(request_)
    assert schema["model_form"] is True
    assert [(f["name"], f["kind"], f["max_length"]) for f in schema["fields"]] == [
        ("name", "CharField", 150)]
    verdict = registry.get("group_form.validate")(request_, name="taken")
    assert verdict["errors"] == {"name": ["Group with this Name already exists."]}
    assert registry.get("group_form.submit")(request_, name="fresh") is None
    assert Group.objects.filter(name="fresh").exists()


def test_unknown_field_names_are_refused(request_):
    with pytest.raises(MizanRequestError) as refused:
        registry.get("every.validate")(request_, nme="typo")
    assert refused.value.code == "invalid_arguments"


def test_runtime_ir_of_the_form():
    from mizan_django._types import TypeCollector

    node = EveryField.__mizan_ir__(TypeCollector())
    assert node.success.__class__.__name__ == "DictOf" and node.doc.startswith("A form with")
    assert [f.name for f in node.fields] == list(EveryField.base_fields)
    assert node.fields[[f.name for f in node.fields].index("tags")].type == ListOf(Primitive("str"))
    assert node.location.file == "tests/forms/test_forms.py" and node.location.line > 0


def test_declaration_mistakes_are_setup_errors():
    with pytest.raises(MizanDuplicateError):
        class Again(_Base):
            mizan = mizanFormMeta(name="every")
    with pytest.raises(MizanSetupError, match="cannot cross JSON"):
        class Upload(_Base):
            mizan = mizanFormMeta(name="upload")
            file = forms.FileField()
    assert registry.entry("upload") is None  # refused before claiming the name
    with pytest.raises(MizanSetupError, match="mizanFormMeta"):
        class Wrong(_Base):
            mizan = ("x",)


def test_dates_and_decimals_clean_to_python_values(request_):
    form = EveryField(data=VALID)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == dt.date(2024, 12, 31)
    assert form.cleaned_data["price"] == Decimal("9.99")


def test_affects_takes_what_client_takes_and_says_so_in_its_own_name():
    from mizan_core import client

    @client(context="board")
    def board(request, count: int) -> int:
        return count

    meta = mizanFormMeta(name="poster", affects=["board", board])
    assert meta.targets == ("board", board)
    assert mizanFormMeta(name="quiet").targets == ()
    with pytest.raises(MizanSetupError, match=r"^mizanFormMeta\(affects=\.\.\.\) must be a context"):
        mizanFormMeta(name="bad", affects=42)


def test_submit_of_a_form_with_affects_is_a_mutation_in_the_registry_and_the_ir():
    from mizan_core.ir import Affect
    from mizan_django._types import TypeCollector

    class Poster(_Base):
        mizan = mizanFormMeta(name="poster2", affects="board")
        count = forms.IntegerField()

    assert registry.get("poster2.submit").meta.affects == ("board",)
    assert not registry.get("poster2.validate").meta.is_mutation
    assert Poster.__mizan_ir__(TypeCollector()).affects == (Affect("board", "context"),)
