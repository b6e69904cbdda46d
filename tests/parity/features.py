"""Which declaration forms the project generator may write.

A feature is switched on here once static IR == runtime IR holds for it; a
feature still off is a known gap, so the generated-project test in `make
test` covers exactly what passes. `MIZAN_PARITY_FEATURES="+name,-name"`
overrides the table for one run (to try a fix before switching it on).
"""

from __future__ import annotations

import os

__all__ = ["FEATURES", "enabled"]

#: feature -> on. Each off feature names the gap its generated code would show.
FEATURES: dict[str, bool] = {
    # forms.py / channels.py beside clients.py, found by mizan_clients() alone
    # (no import from clients.py)
    "autodiscovery": True,
    # modules nothing imports that declare functions, forms and channels: in
    # neither IR (`mizan-unreachable`)
    "unreachable": True,
    # dataclasses, TypedDict (total, Required, NotRequired) and timedelta
    "structured_types": True,
    # annotations imported only under `if TYPE_CHECKING:` with postponed annotations
    "type_checking": True,
    # `from mizan_django.setup.registry import register`
    "setup_registry": True,
    # generic pydantic models (`class Page(BaseModel, Generic[T])`, `Page[Item]`)
    "generic_models": True,
    # a generic model's argument a Literal, an enum, `Any` or a scalar other than
    # int/float/str/bool: both sides label it from its IR type
    # (`Page[Literal["a"]]`, `Page[time]`, `Page[any]`, qualname `Page[E]`)
    "generic_arguments": True,
    # `mizanFormMeta(..., affects=...)`
    "form_affects": True,
    # `from django.forms import Textarea as Area; CharField(widget=Area)`: both
    # sides name the widget by its class, "Textarea"
    "widget_aliases": True,
    # `Literal[1.5]` and a plain enum's last member `F = 0.5`: neither side reads
    # a float, so both give `unknown "Literal"` and leave the member out
    "float_values": True,
    # enum members whose value Python computes: a float in a `str` or `int` enum,
    # `auto()` after a float, Django `TextChoices`/`IntegerChoices` with labels
    "enum_values": True,
    # a package `__init__` binding `kind` from elsewhere beside its submodule
    # `kind.py`: the submodule once the runtime imports it, else the package's object
    "package_rebinding": True,
}


def _overrides() -> dict[str, bool]:
    out: dict[str, bool] = {}
    for item in os.environ.get("MIZAN_PARITY_FEATURES", "").split(","):
        item = item.strip()
        if item[:1] in "+-" and item[1:] in FEATURES:
            out[item[1:]] = item[0] == "+"
        elif item:
            raise ValueError(f"MIZAN_PARITY_FEATURES: {item!r} is not +name or -name of "
                             f"{sorted(FEATURES)}")
    return out


def enabled() -> frozenset[str]:
    """The features this run generates."""
    table = {**FEATURES, **_overrides()}
    return frozenset(name for name, on in table.items() if on)
