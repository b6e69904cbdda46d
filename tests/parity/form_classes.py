"""Random `mizanFormMixin` forms: every Django field class Mizan serves, with
the arguments each accepts (bounds, lengths, formats, choices, widgets,
initial values), plain and Mizan base classes, and `on_submit_success`
results."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import strategies as st

from mizan_core.formfields import FIELD_KINDS

if TYPE_CHECKING:
    from .projects import _Builder, _Mod

__all__ = ["form"]

#: ModelChoiceField needs a queryset (a ModelForm's business)
KINDS = tuple(k for k in FIELD_KINDS if not k.startswith("Model"))

_INITIAL = {
    "CharField": '"hello"', "SlugField": '"a-slug"', "RegexField": '"aa"',
    "EmailField": '"a@example.com"', "URLField": '"https://example.com"',
    "GenericIPAddressField": '"127.0.0.1"', "UUIDField": '"12345678-1234-5678-1234-567812345678"',
    "DurationField": '"1:00:00"', "IntegerField": "3", "FloatField": "1.5",
    "DecimalField": '"2.50"', "BooleanField": "True", "NullBooleanField": "None",
    "DateField": '"2024-01-02"', "DateTimeField": '"2024-01-02T03:04:05"',
    "TimeField": '"03:04"', "JSONField": '{"a": [1, 2]}',
}
_FORMATS = {"DateField": '["%d/%m/%Y"]', "DateTimeField": '["%d/%m/%Y %H:%M"]',
            "TimeField": '["%H.%M"]'}
_FIELD_NAMES = ("email", "name", "size", "quantity", "extras", "price", "weight", "deliver_on",
                "terms", "comment", "rating", "when", "tags", "key")


def _choices(b: _Builder, typed: bool) -> tuple[str, str]:
    """Source of a choices list and the key of its first choice."""
    if typed:
        return '[(1, "One"), (2, "Two")]', "1"
    if b.flag(0.3):
        return ('[("s", "Small"), ("Large", [("l", "Large"), ("xl", "Extra large")])]', '"s"')
    return '[("a", "A"), ("b", "B")]', '"a"'


def _field(b: _Builder, mod: _Mod, kind: str) -> str:
    f, d = mod.file, b.draw
    facts = FIELD_KINDS[kind]
    args: list[str] = []
    if kind == "RegexField":
        args.append('r"^a+$"')
    initial = _INITIAL.get(kind)
    if facts.has_choices:
        typed = kind.startswith("Typed") and b.flag()
        choices, first = _choices(b, typed)
        args.append(f"choices={choices}")
        if typed:
            args.append("coerce=int")
        initial = f"[{first}]" if facts.multiple else first
    if facts.has_length and b.flag(0.4):
        args.append(f"max_length={d(st.integers(5, 300))}")
        if b.flag(0.3):
            args.append("min_length=2")
    if facts.has_value_bounds and b.flag(0.5):
        if kind == "DecimalField":
            decimal = f.ref(d, "decimal", "Decimal")
            args += [f'min_value={decimal}("0.50")', "max_digits=6", "decimal_places=2"]
        elif kind == "FloatField":
            args += ["min_value=0.5", "max_value=20"]
        else:
            args += ["min_value=1", f"max_value={d(st.integers(2, 100))}"]
    if facts.has_formats and b.flag(0.3):
        args.append(f"input_formats={_FORMATS[kind]}")
    if b.flag(0.3):
        args.append(f"required={b.pick(['True', 'False'])}")
    if b.flag(0.3):
        args.append(f'label="{kind} label"')
    if b.flag(0.2):
        args.append('help_text="Some help"')
    if initial is not None and b.flag(0.3):
        args.append(f"initial={initial}")
    if kind == "CharField" and b.flag(0.3):
        widget = b.pick(["Textarea", "PasswordInput", "TextInput"])
        spelled = f.ref(d, "django.forms", widget, alias="widget_aliases" in b.features)
        args.append(f"widget={spelled}" if b.flag() else
                    f'widget={spelled}(attrs={{"rows": 3}})')
    return f"{f.ref(d, 'django.forms', kind)}({', '.join(args)})"


def form(b: _Builder, mod: _Mod) -> None:
    """One form (and perhaps its base classes) appended to `mod`."""
    f, d = mod.file, b.draw
    k = b.next()
    mixin = f.ref(d, "mizan_django.forms", "mizanFormMixin")
    plain = f.ref(d, "django.forms", "Form")
    bases = f"{mixin}, {plain}"
    blocks: list[str] = []
    inherited: list[str] = []
    if b.flag(0.3):
        name = f"Fields{k}"
        names = d(st.lists(st.sampled_from(_FIELD_NAMES), min_size=1, max_size=2, unique=True))
        inherited = list(names)
        body = [f"    {n} = {_field(b, mod, b.pick(KINDS))}" for n in names]
        blocks.append(f"class {name}({plain}):\n    \"\"\"Not a Mizan form.\"\"\"\n\n"
                      + "\n".join(body) + "\n")
        bases = f"{mixin}, {name}"
        f.defined.add(name)
    elif b.flag(0.25):
        name = f"Base{k}Form"
        blocks.append(f"class {name}({mixin}, {plain}):\n"
                      f"    \"\"\"A base: no `mizan` of its own, so it registers nothing.\"\"\"\n\n"
                      f"    note = {_field(b, mod, 'CharField')}\n")
        bases = name
        inherited = ["note"]
        f.defined.add(name)
    meta = f.ref(d, "mizan_django.forms", "mizanFormMeta")
    public = b.pick([f"form{k}", f"grp{k % 3}.form{k}"])
    title, label = f'"Form {k}"', f'"Send {k}"'
    shape = b.pick(["name", "all", "positional"])
    if shape == "name":
        meta_call = f'{meta}(name="{public}")'
    elif shape == "all":
        meta_call = f'{meta}(name="{public}", title={title}, submit_label={label})'
    else:
        meta_call = f'{meta}("{public}", {title})'
    if "form_affects" in b.features and b.flag(0.4):
        targets = b.affects_targets(mod)
        if targets:
            meta_call = f"{meta_call[:-1]}, affects={targets})"
    lines = [f"class Form{k}({bases}):"]
    if b.flag(0.3):
        lines.append(f'    """Form {k}."""')
    lines += ["", f"    mizan = {meta_call}", ""]
    if b.flag(0.15):  # one field of every class
        names, kinds = [f"f_{kind.lower()}" for kind in KINDS], list(KINDS)
    else:
        names = d(st.lists(st.sampled_from(_FIELD_NAMES), min_size=1, max_size=8, unique=True))
        kinds = d(st.permutations(KINDS))  # distinct classes: each form tries several
    for n, kind in zip(names, kinds):
        lines.append(f"    {n} = {_field(b, mod, kind)}")
    if inherited and b.flag(0.2) and inherited[0] not in names:
        lines.append(f"    {inherited[0]} = None  # removes the inherited field")
    if b.flag(0.6):
        models = [n for n in b.visible(mod) if n.kind == "model"]
        returns = b.pick(["None", "dict"] + (["model"] if models else []))
        if returns == "dict":
            returns = "dict[str, bool]"
        elif returns == "model":
            chosen = b.pick(models)
            returns = f.ref(d, chosen.module, chosen.name)
        request = f.ref(d, "django.http", "HttpRequest")
        lines += ["", f"    def on_submit_success(self, request: {request}) -> {returns}:",
                  "        raise NotImplementedError"]
    f.defined.add(f"Form{k}")
    blocks.append("\n".join(lines) + "\n")
    f.body.extend(blocks)
