"""The whole output for one IR, as text: file name -> content.

Pure (no disk): `generate` writes what this returns, `--check` compares it.
Same IR, same bytes: every emitter walks the IR in its canonical order and
names are planned once (`names.plan_names`), hooks once (`surface.plan_surface`).
"""

from __future__ import annotations

from collections.abc import Sequence

from mizan_core.ir import ProjectIR

from ._ts import HEADER
from .calls import emit_calls
from .channels import emit_channels
from .forms import emit_forms
from .kernel import kernel_source
from .models import emit_models
from .names import plan_names
from .surface import plan_surface
from .targets import TARGETS
from .types import input_models

__all__ = ["render"]


def render(ir: ProjectIR, targets: Sequence[str] = ("react",)) -> dict[str, str]:
    """Every generated file of `ir` for `targets`, `index.ts` last."""
    unknown = [t for t in targets if t not in TARGETS]
    if unknown or not targets:
        raise ValueError(f"unknown target(s) {', '.join(unknown) or '(none)'}; known: {', '.join(TARGETS)}")
    names = plan_names(ir, input_models(ir))
    files: dict[str, str] = {
        "kernel.ts": kernel_source("kernel.ts"),
        "models.ts": emit_models(ir, names),
        "calls.ts": emit_calls(ir, names),
    }
    forms = emit_forms(ir, names)
    if forms is not None:
        files["kernel-forms.ts"] = kernel_source("kernel-forms.ts")
        files["forms.ts"] = forms
    surface = plan_surface(ir, names)
    channels = emit_channels(ir, names, surface)
    if channels is not None:
        files["channels.ts"] = channels
    shared = list(files)
    chosen = list(dict.fromkeys(targets))
    entries = []
    for target in (TARGETS[t] for t in chosen):
        runtime = target.runtime + (target.forms_runtime if ir.forms else ())
        for name in runtime:
            files[name] = kernel_source(name)
        # The entry module carries its adapter's runtime, so a page of a
        # multi-target project needs only `./api` and `./api/<target>`.
        files[target.module] = target.emit(ir, names, surface) + "\n" + "".join(
            f'export * from "./{name.removesuffix(".ts")}";\n' for name in runtime if name not in target.internal)
        entries.append(target.module)
    exported = shared + (entries if len(chosen) == 1 else [])
    modules = [name.removesuffix(".ts") for name in exported]
    files["index.ts"] = HEADER + "".join(f'export * from "./{m}";\n' for m in modules)
    return files
