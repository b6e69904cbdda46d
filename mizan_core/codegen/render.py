"""The whole output for one IR, as text: file name -> content.

Pure (no disk): `generate` writes what this returns, `--check` compares it.
Same IR, same bytes: every emitter walks the IR in its canonical order and
names are planned once (`names.plan_names`), hooks once (`surface.plan_surface`).
Files are laid out per Python module (`layout.py`), one file per module;
`index.ts` re-exports them all, and the files of earlier versions
(`calls.ts`, `models.ts`, `react.ts`, ...) re-export `index.ts` (with several
targets a target's entry re-exports its root and its file in every module),
so `import { ... } from "./api"`, `"./api/calls"` and `"./api/react"` keep working.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from mizan_core.ir import EnumDef, Form, Function, ModelDef, ProjectIR

from ._ts import DECLARATIONS_HEADER, Emitted
from .calls import callable_functions, emit_calls
from .channels import emit_channels
from .forms import emit_forms
from .kernel import kernel_source
from .layout import ENTRY, MODULES, ROOT, Declarations, assemble, module_folder
from .models import emit_models
from .names import plan_names
from .surface import Surface, module_parts, plan_surface
from .targets import TARGETS, Target
from .types import input_models

__all__ = ["render"]

def _merged(parts: Sequence[Emitted]) -> Emitted:
    """One file of several emitters' bodies, in order; their imports of one module become one."""
    imports: dict[tuple[str, bool], set[str]] = {}
    for runtime, _ in parts:
        for module, names_, type_only in runtime:
            imports.setdefault((module, type_only), set()).update(names_)
    return ([(module, names_, type_only) for (module, type_only), names_ in imports.items()],
            "\n\n".join(body for _, body in parts if body.strip()))


def _reexports(modules: Sequence[str]) -> str:
    return DECLARATIONS_HEADER + ("".join(f'export * from "./{m}";\n' for m in modules) or "export {};\n")


def _forms_runtime(target: Target, ir: ProjectIR) -> list[str]:
    """The forms runtime files an entry module re-exports (none without forms)."""
    return [name.removesuffix(".ts") for name in target.forms_runtime
            if ir.forms and name not in target.internal]


def render(ir: ProjectIR, targets: Sequence[str] = ("react",)) -> dict[str, str]:
    """Every generated file of `ir` for `targets`, `index.ts` last."""
    unknown = [t for t in targets if t not in TARGETS]
    if unknown or not targets:
        raise ValueError(f"unknown target(s) {', '.join(unknown) or '(none)'}; known: {', '.join(TARGETS)}")
    chosen = [TARGETS[t] for t in dict.fromkeys(targets)]
    names = plan_names(ir, input_models(ir))
    surface = plan_surface(ir, names)
    parts = module_parts(surface, ir)
    callable_ = callable_functions(ir)
    modules = sorted({m.module for m in ir.models} | {e.module for e in ir.enums} | {f.module for f in callable_}
                     | {f.module for f in ir.forms} | {c.module for c in ir.channels} | set(parts))

    bodies: dict[str, Emitted] = {}  # file without `.ts` -> (runtime imports, body)
    models_of: dict[str, list[ModelDef]] = {}
    enums_of: dict[str, list[EnumDef]] = {}
    forms_of: dict[str, list[Form]] = {}
    functions_of: dict[str, list[Function]] = {}
    for model in ir.models:
        models_of.setdefault(model.module, []).append(model)
    for enum in ir.enums:
        enums_of.setdefault(enum.module, []).append(enum)
    for form in ir.forms:
        forms_of.setdefault(form.module, []).append(form)
    for fn in callable_:
        functions_of.setdefault(fn.module, []).append(fn)
    for module in modules:
        folder = module_folder(module)
        own = replace(ir, models=tuple(models_of.get(module, ())), enums=tuple(enums_of.get(module, ())),
                      forms=tuple(forms_of.get(module, ())), functions=())
        core: list[Emitted] = []  # in dependency order: a hook's const reads its call when the file loads
        if own.models or own.enums:
            core.append(([], emit_models(own, names)))
        functions = functions_of.get(module, [])
        if functions:
            core.append(emit_calls(functions, names))
        part = parts.get(module, Surface(None, [], [], [], [], surface.socket))
        core += [e for e in (emit_forms(own, names), emit_channels(part)) if e is not None]
        adapters = [(target.stem, target.emit(ir, names, part, False)) for target in chosen] if not part.empty() else []
        if len(chosen) == 1:
            core += [emitted for _, emitted in adapters]
            adapters = []
        bodies[f"{folder}/{ENTRY}"] = _merged(core)
        for stem, emitted in adapters:
            bodies[f"{folder}/{stem}"] = emitted
    for target in chosen:
        # The root module carries its adapter's runtime, so a page of a
        # multi-target project needs only `./api` and `./api/<target>`; not
        # its forms runtime, which imports Zod: a page without a form that
        # imports the root reads none of Zod's declarations.
        imports, body = target.emit(ir, names, surface, True)
        bodies[f"{ROOT}/{target.stem}"] = (imports, body + "\n\n" + "".join(
            f'export * from "../{name.removesuffix(".ts")}";\n' for name in target.runtime
            if name not in target.internal).rstrip("\n"))

    declarations = Declarations()
    for path, (_, body) in bodies.items():
        declarations.add(path, body)
    files: dict[str, str] = {"kernel.ts": kernel_source("kernel.ts")}
    if ir.forms:
        files["kernel-forms.ts"] = kernel_source("kernel-forms.ts")
    for target in chosen:
        for name in target.runtime + (target.forms_runtime if ir.forms else ()):
            files[name] = kernel_source(name)
    for path, (imports, body) in bodies.items():
        files[f"{path}.ts"] = assemble(path, imports, body, declarations)
    modules_entries = [f"{module_folder(m)}/{ENTRY}" for m in modules]
    core_kinds = ["models", "calls"] + [k for k in ("forms", "channels") if k == "forms" and ir.forms
                                        or k == "channels" and ir.channels]
    # The files of the layout before module folders: each is `index.ts` again
    # (with one target that includes its hooks). One re-export of the whole,
    # not one of every module per kind: each `export *` of a thousand modules
    # makes the compiler build and check a table of every name they export.
    for kind in core_kinds:
        files[f"{kind}.ts"] = _reexports(["index"])
    for target in chosen:
        files[target.module] = (_reexports(["index"]) if len(chosen) == 1 else _reexports(
            [f"{ROOT}/{target.stem}", *_forms_runtime(target, ir)]
            + [p for p in bodies if p.startswith(f"{MODULES}/") and p.endswith(f"/{target.stem}")]))
    exported = ["kernel", *(["kernel-forms"] if ir.forms else []),
                *([f"{ROOT}/{chosen[0].stem}", *_forms_runtime(chosen[0], ir)] if len(chosen) == 1 else []),
                *modules_entries]
    files["index.ts"] = _reexports(exported)
    return files
