"""What a Django form field looks like in the IR, without importing Django.

Why this module exists: two producers describe the same form. The runtime
(`mizan_django.forms`) reads live field objects; the static extractor reads
the field calls in source. They agree only if they share every rule that is
not written in the source: the wire type of each Django field class, the
widget Django picks when none is given, the defaults Django sets silently
(`EmailField` has `max_length=320`), how a label is derived from the field
name, and the canonical text of numeric bounds and initial values (the IR
holds no floats). Those rules live here, once.

`FormField.type` is the wire type of a *non-empty* value (what the client
sends and `cleaned_data` holds); whether the field may be left empty is
`FormField.required`. `FormField.input_formats` lists only formats given
explicitly in `input_formats=`; an empty tuple means Django's defaults from
the `DATE_INPUT_FORMATS`-style settings (which the static side cannot read).
A test (tests/forms/test_formfields.py) checks this table against Django.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from uuid import UUID

from mizan_core.ir.types import ListOf, Primitive, TypeRef

__all__ = [
    "FIELD_KINDS",
    "TYPED_COERCE",
    "UNSUPPORTED_KINDS",
    "FieldKind",
    "bound_text",
    "form_label",
    "initial_text",
]


@dataclass(frozen=True, slots=True)
class FieldKind:
    """Django's facts about one built-in form field class."""

    type: TypeRef
    widget: str
    multiple: bool = False
    max_length: int | None = None  # Django's silent default, when it sets one
    has_length: bool = False  # accepts min_length/max_length
    has_value_bounds: bool = False  # accepts min_value/max_value
    has_formats: bool = False  # accepts input_formats
    has_choices: bool = False


_STR = Primitive("str")
_TEXT = FieldKind(_STR, "TextInput", has_length=True)

#: Built-in field classes by name. A subclass the table does not name takes
#: its nearest listed base class's facts at run time (the static side knows
#: only the names below).
FIELD_KINDS: dict[str, FieldKind] = {
    "CharField": _TEXT,
    "SlugField": _TEXT,
    "RegexField": _TEXT,
    "EmailField": FieldKind(_STR, "EmailInput", max_length=320, has_length=True),
    "URLField": FieldKind(_STR, "URLInput", has_length=True),
    "GenericIPAddressField": FieldKind(_STR, "TextInput", max_length=39, has_length=True),
    "UUIDField": FieldKind(Primitive("uuid"), "TextInput", has_length=True),
    "DurationField": FieldKind(_STR, "TextInput"),
    "IntegerField": FieldKind(Primitive("int"), "NumberInput", has_value_bounds=True),
    "FloatField": FieldKind(Primitive("float"), "NumberInput", has_value_bounds=True),
    "DecimalField": FieldKind(Primitive("decimal"), "NumberInput", has_value_bounds=True),
    "BooleanField": FieldKind(Primitive("bool"), "CheckboxInput"),
    "NullBooleanField": FieldKind(Primitive("bool"), "NullBooleanSelect"),
    "DateField": FieldKind(Primitive("date"), "DateInput", has_formats=True),
    "DateTimeField": FieldKind(Primitive("datetime"), "DateTimeInput", has_formats=True),
    "TimeField": FieldKind(Primitive("time"), "TimeInput", has_formats=True),
    "JSONField": FieldKind(Primitive("any"), "Textarea"),
    "ChoiceField": FieldKind(_STR, "Select", has_choices=True),
    "TypedChoiceField": FieldKind(_STR, "Select", has_choices=True),
    "MultipleChoiceField": FieldKind(ListOf(_STR), "SelectMultiple", True, has_choices=True),
    "TypedMultipleChoiceField": FieldKind(
        ListOf(_STR), "SelectMultiple", True, has_choices=True
    ),
    # ModelForm only (run time): the value is the related object's primary key.
    "ModelChoiceField": FieldKind(Primitive("any"), "Select", has_choices=True),
    "ModelMultipleChoiceField": FieldKind(
        ListOf(Primitive("any")), "SelectMultiple", True, has_choices=True
    ),
}

#: Fields whose value cannot cross JSON; a form declaring one is refused.
UNSUPPORTED_KINDS: frozenset[str] = frozenset(
    {"FileField", "ImageField", "FilePathField", "MultiValueField", "SplitDateTimeField",
     "ComboField"}
)

#: `TypedChoiceField(coerce=...)` builtins whose cleaned value has a known wire type.
TYPED_COERCE: dict[str, TypeRef] = {
    "int": Primitive("int"),
    "float": Primitive("float"),
    "bool": Primitive("bool"),
    "str": _STR,
}


def form_label(name: str, label: object) -> str:
    """The label a user sees: the given one (text, or Django's lazy text), else
    Django's ``pretty_name(name)``."""
    if label is not None:
        return str(label)
    return name.replace("_", " ").capitalize() if name else ""


def bound_text(value: object) -> str | None:
    """Canonical decimal text of a numeric bound (``1``, ``0.5``, ``9.99``).

    ``int`` prints as itself, ``float`` as its shortest repr, ``Decimal`` as
    ``str()``; anything else (a callable bound, a lazy value) gives None.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else None
    if isinstance(value, Decimal):
        return str(value) if value.is_finite() else None
    return None


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, (Decimal, UUID)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def initial_text(value: object) -> str | None:
    """Compact, key-sorted JSON text of an initial value, or None (no initial,
    a callable initial, or a value JSON cannot hold)."""
    if value is None or callable(value):
        return None
    try:
        return json.dumps(
            _jsonable(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False,
            allow_nan=False,
        )
    except (TypeError, ValueError):
        return None
