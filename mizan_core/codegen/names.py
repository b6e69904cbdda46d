"""Every TypeScript identifier the generator emits, decided once per project.

Why one table: the output is a handful of modules re-exported together from
`index.ts`, where two equal names are a compile error (TS2308). So all names
are chosen here, up front, in IR order (which `assemble()` made canonical),
and every collision is settled deterministically:

- functions, forms and channels: the registered name split on `.` and `_`
  and camel-cased (`add_item` -> `AddItem` -> `callAddItem`/`useAddItem`,
  `contact.submit` -> `callContactSubmit`); on a clash (`add_item` vs
  `addItem`) the later name in sorted order gets a numeric suffix;
- models and enums: the class's qualname joined (`CartOut`,
  `ChatChannel.Params` -> `ChatChannelParams`); when two classes share it, or
  it clashes with a generated or kernel name, every one of the clashing
  classes is prefixed with module parts from the right (`ShopClientsCartOut`)
  until unique, so adding a model never renames an unrelated one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from mizan_core.ir import ProjectIR

from .kernel import runtime_exports

__all__ = ["KERNEL_NAMES", "Names", "channel_identifiers", "context_identifiers", "form_function_names",
           "form_identifiers", "function_identifiers", "pascal", "plan_names"]

# Everything the runtime files of every target export, and the module-private
# constants of the adapters: a model named like one of them is renamed, so
# adding a target to a project never renames its types.
KERNEL_NAMES = runtime_exports() | {"GLOBALS", "createMizan", "setMizanContext"} | {
    "MizanQueryProvider", "MizanQueryProviderProps", "UseMutationResult", "UseQueryResult"}

# `.` and `_` split registered names; any other non-word character (generic
# models such as `Page[int]`) splits too, so every result is an identifier.
_SPLIT = re.compile(r"[\W_]+")


def form_function_names(ir: ProjectIR) -> set[str]:
    """`<form>.schema/.validate/.submit`: served for the form, generated with it (`forms.py`)."""
    return {f"{form.name}.{part}" for form in ir.forms for part in ("schema", "validate", "submit")}


def pascal(name: str) -> str:
    """`add_item` -> `AddItem`; `contact.submit` -> `ContactSubmit`; inner capitals kept."""
    joined = "".join(part[:1].upper() + part[1:] for part in _SPLIT.split(name) if part)
    return f"_{joined}" if joined[:1].isdigit() else joined or "_"


@dataclass
class Names:
    """The chosen identifiers; keys are IR names (registered or qualified)."""

    functions: dict[str, str] = field(default_factory=dict)  # registered name -> Pascal stem
    contexts: dict[str, str] = field(default_factory=dict)  # context name -> Pascal stem
    forms: dict[str, str] = field(default_factory=dict)
    channels: dict[str, str] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)  # model/enum qualified name -> TS name
    input_types: dict[str, str] = field(default_factory=dict)  # model -> its `...Input` variant

    def type_name(self, qualified: str, as_input: bool = False) -> str:
        if as_input and qualified in self.input_types:
            return self.input_types[qualified]
        return self.types[qualified]


def _unique_stems(keys: list[str], taken: set[str],
                  derive: Callable[[str], set[str]]) -> dict[str, str]:
    """Pascal stems for `keys` whose derived identifiers are all still free."""
    out: dict[str, str] = {}
    for key in sorted(keys):
        stem = pascal(key)
        candidate, n = stem, 2
        while derive(candidate) & taken:
            candidate, n = f"{stem}{n}", n + 1
        taken |= derive(candidate)
        out[key] = candidate
    return out


def _type_names(qualified: list[tuple[str, str, str]], taken: set[str]) -> dict[str, str]:
    """(qualified name, module, qualname) -> TS name; clashing groups get module prefixes."""
    wanted = {q: pascal(qualname) for q, _, qualname in qualified}
    modules = {q: [pascal(p) for p in module.split(".") if p] for q, module, _ in qualified}
    depth = {q: 0 for q in wanted}
    while True:
        names = {q: "".join(modules[q][len(modules[q]) - depth[q]:]) + wanted[q] for q in wanted}
        counts: dict[str, int] = {}
        for n in names.values():
            counts[n] = counts.get(n, 0) + 1
        clashing = [q for q, n in names.items()
                    if (counts[n] > 1 or n in taken) and depth[q] < len(modules[q])]
        if not clashing:
            return names
        for q in clashing:
            depth[q] += 1


def _camel(stem: str) -> str:
    return f"{stem[:1].lower()}{stem[1:]}"


# What each kind of declaration is called in the output of every target; the
# generator reserves these, the language server maps them back to Python.
def function_identifiers(stem: str) -> tuple[str, ...]:
    return (f"call{stem}", f"fetch{stem}", f"use{stem}", f"{stem}Args",
            f"{_camel(stem)}QueryKey", f"{_camel(stem)}QueryOptions")


def context_identifiers(stem: str) -> tuple[str, ...]:
    return (f"{stem}Provider", f"{stem}ProviderProps", f"{_camel(stem)}Context", f"provide{stem}")


def form_identifiers(stem: str) -> tuple[str, ...]:
    return (f"{stem}FormSchema", f"{stem}FormValues", f"use{stem}Form", f"{stem}FormSuccess",
            f"{stem}FormInfo", f"call{stem}Validate", f"call{stem}Submit", f"{stem}FormSpec")


def channel_identifiers(stem: str) -> tuple[str, ...]:
    return (f"use{stem}Channel", f"open{stem}Channel")


def plan_names(ir: ProjectIR, input_models: AbstractSet[str] = frozenset()) -> Names:
    """Choose every identifier for `ir`; `input_models` need an `...Input` variant too."""
    names = Names()
    taken: set[str] = set(KERNEL_NAMES)
    # Every identifier each kind produces; reserved so nothing else takes them.
    form_owned = form_function_names(ir)
    callable_names = [f.name for f in ir.functions if f.name not in form_owned]
    names.functions = _unique_stems(callable_names, taken, lambda s: set(function_identifiers(s)))
    named = [c.name for c in ir.contexts if c.name != "global"]
    names.contexts = _unique_stems(named, taken, lambda s: set(context_identifiers(s)))
    names.forms = _unique_stems([f.name for f in ir.forms], taken, lambda s: set(form_identifiers(s)))
    names.channels = _unique_stems([c.name for c in ir.channels], taken, lambda s: set(channel_identifiers(s)))
    defs = [(m.name, m.module, m.qualname) for m in ir.models]
    defs += [(e.name, e.module, e.qualname) for e in ir.enums]
    names.types = _type_names(defs, taken)
    taken |= set(names.types.values())
    for qualified in sorted(input_models):
        base = names.types[qualified] + "Input"
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}{n}", n + 1
        taken.add(candidate)
        names.input_types[qualified] = candidate
    return names
