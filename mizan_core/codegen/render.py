"""The whole output for one IR, as text: file name -> content.

Pure (no disk): `generate` writes what this returns, `--check` compares it.
Same IR, same bytes: every emitter walks the IR in its canonical order and
names are planned once (`names.plan_names`).
"""

from __future__ import annotations

from mizan_core.ir import ProjectIR

from ._ts import HEADER
from .calls import emit_calls
from .channels import emit_channels
from .forms import emit_forms
from .kernel import kernel_source
from .models import emit_models
from .names import plan_names
from .react import emit_react
from .types import input_models

__all__ = ["render"]


def render(ir: ProjectIR) -> dict[str, str]:
    """Every generated file of `ir`, `index.ts` last."""
    names = plan_names(ir, input_models(ir))
    files: dict[str, str] = {
        "kernel.ts": kernel_source("kernel.ts"),
        "kernel-react.ts": kernel_source("kernel-react.ts"),
        "models.ts": emit_models(ir, names),
        "calls.ts": emit_calls(ir, names),
        "react.ts": emit_react(ir, names),
    }
    forms = emit_forms(ir, names)
    if forms is not None:
        files["kernel-forms.ts"] = kernel_source("kernel-forms.ts")
        files["forms.ts"] = forms
    channels = emit_channels(ir, names)
    if channels is not None:
        files["channels.ts"] = channels
    modules = [name.removesuffix(".ts") for name in files]
    files["index.ts"] = HEADER + "".join(f'export * from "./{m}";\n' for m in modules)
    return files
