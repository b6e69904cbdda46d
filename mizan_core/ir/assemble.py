"""One way to turn collected parts into a `ProjectIR`, shared by both producers.

The static extractor and the runtime exporter each collect functions, models,
enums, forms and channels their own way, then call `assemble()`: ordering,
context derivation, `affects` resolution, invalidation scoping and pruning of
unreachable models happen here once, so the two IRs cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace

from .declarations import scope_for, target_kind
from .model import (
    Affect,
    AffectKind,
    Channel,
    Context,
    EnumDef,
    Form,
    Function,
    ModelDef,
    Param,
    ProjectIR,
)
from .types import TypeRef, walk_refs

__all__ = ["assemble", "location_file", "resolve_affect_kind", "scope_for"]


def location_file(module: str, is_package: bool = False) -> str:
    """The file of `module` relative to its source root, in POSIX form."""
    path = module.replace(".", "/")
    return f"{path}/__init__.py" if is_package else f"{path}.py"


def _context_params(functions: list[Function]) -> tuple[Param, ...]:
    by_name: dict[str, Param] = {}
    for fn in functions:
        for p in fn.params:
            seen = by_name.get(p.name)
            if seen is None:
                by_name[p.name] = p
            elif p.required and not seen.required:
                by_name[p.name] = Param(seen.name, seen.type, True, None)
    return tuple(by_name.values())


def resolve_affect_kind(target: str, contexts: Collection[str],
                        functions: Collection[str]) -> AffectKind:
    """`declarations.target_kind`, with an unknown target kept as a "context":
    the checker reports it, and both producers keep it the same way. Asked
    once per `affects=` item: the names are looked up where they are (a
    dict's keys), never copied into a set per call."""
    return target_kind(target, contexts, functions) or "context"


def _reachable(roots: Iterable[TypeRef], models: dict[str, ModelDef]) -> set[str]:
    seen: set[str] = set()
    stack = [name for t in roots for name in walk_refs(t)]
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        model = models.get(name)
        if model is not None:
            stack.extend(n for f in model.fields for n in walk_refs(f.type))
    return seen


def assemble(
    functions: Iterable[Function],
    models: Iterable[ModelDef] = (),
    enums: Iterable[EnumDef] = (),
    forms: Iterable[Form] = (),
    channels: Iterable[Channel] = (),
) -> ProjectIR:
    """Build the canonical IR.

    `functions` carry their `affects` with `kind` as the producer knew it (a
    function object given to `affects=` is a "function"; a string is given as
    "context" and resolved here) and an empty `scope`.
    """
    fns = sorted(functions, key=lambda f: f.name)
    by_context: dict[str, list[Function]] = {}
    for fn in fns:
        if fn.context is not None:
            by_context.setdefault(fn.context, []).append(fn)
    contexts = tuple(
        Context(name, tuple(f.name for f in members),
                () if name == "global" else _context_params(members))
        for name, members in sorted(by_context.items())
    )
    context_params = {c.name: c.params for c in contexts}
    fn_params = {f.name: f.params for f in fns}

    def resolve(fn: Function) -> Function:
        if not fn.affects:
            return fn
        resolved: list[Affect] = []
        for a in fn.affects:
            kind = a.kind
            if kind == "context":
                kind = resolve_affect_kind(a.target, context_params, fn_params)
            params = context_params.get(a.target, ()) if kind == "context" else fn_params.get(a.target, ())
            affect = Affect(a.target, kind, scope_for(fn, params))
            if affect not in resolved:
                resolved.append(affect)
        return replace(fn, affects=tuple(resolved))

    fns = [resolve(f) for f in fns]
    # a form's submit is scoped by its fields, as a mutation by its parameters
    forms_sorted = [
        replace(form, affects=resolve(Function(
            name=form.name, module=form.module, qualname=form.qualname,
            params=tuple(Param(f.name, f.type) for f in form.fields), returns=form.success,
            affects=form.affects)).affects) if form.affects else form
        for form in sorted(forms, key=lambda f: f.name)
    ]
    channels_sorted = sorted(channels, key=lambda c: c.name)

    roots: list[TypeRef] = []
    for fn in fns:
        roots.extend(p.type for p in fn.params)
        roots.append(fn.returns)
    for form in forms_sorted:
        roots.extend(f.type for f in form.fields)
        roots.append(form.success)
    for ch in channels_sorted:
        roots.extend(t for t in (ch.params, ch.server_message, ch.client_message) if t is not None)
    all_models = {m.name: m for m in models}
    keep = _reachable(roots, all_models)
    return ProjectIR(
        functions=tuple(fns),
        contexts=contexts,
        models=tuple(sorted((m for m in all_models.values() if m.name in keep), key=lambda m: m.name)),
        enums=tuple(sorted((e for e in {e.name: e for e in enums}.values() if e.name in keep),
                           key=lambda e: e.name)),
        forms=tuple(forms_sorted),
        channels=tuple(channels_sorted),
    )
