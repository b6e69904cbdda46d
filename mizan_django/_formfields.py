"""Live Django form fields -> `ir.FormField`, the runtime half of the form IR.

The rules that are not in the field objects themselves (wire type by class,
Django's silent defaults, label derivation, canonical bound text) come from
`mizan_core.formfields`, which the static extractor uses too: that is what
keeps the two IRs equal.
"""

from __future__ import annotations

from django import forms

from mizan_core.errors import MizanSetupError
from mizan_core.formfields import (
    FIELD_KINDS,
    TYPED_COERCE,
    UNSUPPORTED_KINDS,
    FieldKind,
    bound_text,
    form_label,
    initial_text,
)
from mizan_core.ir import Choice, FormField, JsonScalar, ListOf, Primitive, TypeRef

__all__ = ["base_fields", "describe_field", "describe_fields"]


def _kind_facts(field: forms.Field) -> FieldKind | None:
    """The facts of the nearest built-in class in the field's MRO."""
    for klass in type(field).__mro__:
        if klass.__name__ in UNSUPPORTED_KINDS and klass.__module__.startswith("django."):
            return None
        facts = FIELD_KINDS.get(klass.__name__)
        if facts is not None and klass.__module__.startswith("django."):
            return facts
    return FieldKind(Primitive("any"), "")


def _choice_value(value: object) -> JsonScalar:
    if value is None or isinstance(value, (str, int, bool)):
        return value
    return str(value)  # model choice values, UUIDs, enums: compared as text by Django


def _choices(field: forms.Field) -> tuple[Choice, ...]:
    if isinstance(field, forms.ModelChoiceField):
        return ()  # a queryset: unbounded and per-request, not part of the schema
    out: list[Choice] = []
    for value, label in getattr(field, "choices", ()):
        if isinstance(label, (list, tuple)):  # an option group: flatten it
            out.extend(Choice(_choice_value(v), str(lbl)) for v, lbl in label)
        else:
            out.append(Choice(_choice_value(value), str(label)))
    return tuple(out)


def _wire_type(field: forms.Field, facts: FieldKind) -> TypeRef:
    if isinstance(field, (forms.TypedChoiceField, forms.TypedMultipleChoiceField)):
        coerce = getattr(field.coerce, "__name__", "")
        item = TYPED_COERCE.get(coerce, Primitive("str")) if field.coerce is not None else None
        if item is not None:
            return ListOf(item) if facts.multiple else item
    return facts.type


def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def describe_field(name: str, field: forms.Field) -> FormField:
    """The IR description of one bound-less form field."""
    facts = _kind_facts(field)
    if facts is None:
        raise MizanSetupError(
            f"form field {name!r} is a {type(field).__name__}, whose value cannot cross JSON; "
            "upload files through a view instead, or use a field that takes text."
        )
    formats = field.__dict__.get("input_formats") if facts.has_formats else None
    return FormField(
        name=name,
        kind=type(field).__name__,
        type=_wire_type(field, facts),
        label=form_label(name, field.label),
        required=bool(field.required),
        help_text=str(field.help_text or ""),
        initial=initial_text(field.initial),
        widget=type(field.widget).__name__,
        choices=_choices(field) if facts.has_choices else (),
        multiple=facts.multiple,
        min_length=_int_or_none(getattr(field, "min_length", None)),
        max_length=_int_or_none(getattr(field, "max_length", None)),
        min_value=bound_text(getattr(field, "min_value", None)),
        max_value=bound_text(getattr(field, "max_value", None)),
        max_digits=_int_or_none(getattr(field, "max_digits", None)),
        decimal_places=_int_or_none(getattr(field, "decimal_places", None)),
        input_formats=tuple(str(f) for f in formats) if formats else (),
    )


def describe_fields(form_class: type[forms.BaseForm]) -> tuple[FormField, ...]:
    """Every field of the form, in declaration order (Django's `base_fields`)."""
    return tuple(describe_field(name, field) for name, field in base_fields(form_class).items())


def base_fields(form_class: type[forms.BaseForm]) -> dict[str, forms.Field]:
    """The form class's fields by name, in declaration order."""
    # Django's form metaclasses set it on every form class; django-stubs
    # declares it only on Form and ModelForm.
    fields: dict[str, forms.Field] = form_class.base_fields  # type: ignore[attr-defined]
    return fields
