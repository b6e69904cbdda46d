"""mizan_core's framework-free field table agrees with Django itself.

The static extractor relies on this table (it cannot import Django); if a
Django upgrade changes a default widget or a silent default, this fails.
"""

from __future__ import annotations

import pytest
from django import forms

from mizan_core.formfields import FIELD_KINDS, bound_text, form_label, initial_text

BUILT_IN = [name for name in FIELD_KINDS if not name.startswith("Model")]


def _instance(name: str) -> forms.Field:
    if name == "RegexField":
        return forms.RegexField(r"x")
    if name == "URLField":
        return forms.URLField(assume_scheme="https")
    return getattr(forms, name)()


@pytest.mark.parametrize("name", BUILT_IN)
def test_widget_and_silent_defaults_match_django(name):
    field, facts = _instance(name), FIELD_KINDS[name]
    assert type(field.widget).__name__ == facts.widget
    assert getattr(field, "max_length", None) == facts.max_length
    assert isinstance(field, (forms.MultipleChoiceField,)) == facts.multiple
    assert hasattr(field, "choices") == facts.has_choices


def test_label_is_djangos_pretty_name():
    from django.forms.utils import pretty_name

    for name in ("order_id", "email", "first_name_2", "_x"):
        assert form_label(name, None) == pretty_name(name)
    assert form_label("x", "Given") == "Given"


def test_bounds_are_canonical_decimal_text():
    from decimal import Decimal

    assert [bound_text(v) for v in (1, 0.5, 1e3, Decimal("9.90"), True, float("nan"))] == [
        "1", "0.5", "1000.0", "9.90", None, None]


def test_initial_is_compact_json_text():
    import datetime as dt

    assert initial_text({"b": 1, "a": [dt.date(2024, 1, 2)]}) == '{"a":["2024-01-02"],"b":1}'
    assert initial_text(lambda: 1) is None and initial_text(None) is None
