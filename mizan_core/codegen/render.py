"""The whole output for one IR, as text: file name -> content.

Pure (no disk): `generate` writes what this returns, `--check` compares it.
Same IR, same bytes: every emitter walks the IR in its canonical order and
names are planned once (`names.plan_names`), hooks once (`surface.plan_surface`).
Files are laid out per Python module (`layout.py`); the files of earlier
versions (`calls.ts`, `react.ts`, ...) re-export every module's, so
`import { ... } from "./api"` and `"./api/react"` keep working.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from mizan_core.ir import EnumDef, Form, Function, ModelDef, ProjectIR

from ._ts import HEADER, Emitted
from .calls import callable_functions, emit_calls
from .channels import emit_channels
from .forms import emit_forms
from .kernel import kernel_source
from .layout import CORE, MODULES, ROOT, Declarations, assemble, module_folder
from .models import emit_models
from .names import plan_names
from .surface import Surface, module_parts, plan_surface
from .targets import TARGETS
from .types import input_models

__all__ = ["render"]

def _reexports(modules: Sequence[str]) -> str:
    return HEADER + ("".join(f'export * from "./{m}";\n' for m in modules) or "export {};\n")


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
        if own.models or own.enums:
            bodies[f"{folder}/models"] = ([], emit_models(own, names))
        functions = functions_of.get(module, [])
        if functions:
            bodies[f"{folder}/calls"] = emit_calls(functions, names)
        part = parts.get(module, Surface(None, [], [], [], [], surface.socket))
        for name, emitted in (("forms", emit_forms(own, names)), ("channels", emit_channels(part))):
            if emitted is not None:
                bodies[f"{folder}/{name}"] = emitted
        if not part.empty():
            for target in chosen:
                bodies[f"{folder}/{target.stem}"] = target.emit(ir, names, part, False)
    for target in chosen:
        runtime = target.runtime + (target.forms_runtime if ir.forms else ())
        # The root module carries its adapter's runtime, so a page of a
        # multi-target project needs only `./api` and `./api/<target>`.
        imports, body = target.emit(ir, names, surface, True)
        bodies[f"{ROOT}/{target.stem}"] = (imports, body + "\n\n" + "".join(
            f'export * from "../{name.removesuffix(".ts")}";\n' for name in runtime
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
    for module in modules:  # each module's entry, like `index.ts` for the whole project
        folder = module_folder(module)
        entries = [k for k in (*CORE, *(t.stem for t in chosen if len(chosen) == 1)) if f"{folder}/{k}" in bodies]
        files[f"{folder}/index.ts"] = _reexports(entries)

    core = ["models", "calls"] + [k for k in ("forms", "channels") if any(p.endswith(f"/{k}") for p in bodies)]
    for kind in core:
        files[f"{kind}.ts"] = _reexports([p for p in bodies if p.endswith(f"/{kind}") and not p.startswith(ROOT)])
    for target in chosen:
        files[target.module] = _reexports([f"{ROOT}/{target.stem}"]
                                          + [p for p in bodies if p.startswith(f"{MODULES}/")
                                             and p.endswith(f"/{target.stem}")])
    exported = ["kernel", *[m for kind in core for m in (["kernel-forms"] if kind == "forms" else []) + [kind]],
                *([chosen[0].stem] if len(chosen) == 1 else [])]
    files["index.ts"] = _reexports(exported)
    return files
