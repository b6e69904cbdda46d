"""The runtime kernel: static TypeScript copied into every output folder.

Why generated rather than published as an npm package: the frontend then
depends only on `react` and `zod`, and the kernel always matches the
generator that wrote the calls using it. The sources are real `.ts` files in
`runtime/` (so they can be read and type-checked as such); each gets the
generated-file header so the writer can recognise it.

- `kernel.ts`: fetch with CSRF and MWT, `MizanError`, the invalidation bus,
  GET coalescing, the multiplexed websocket and channel connections;
- `kernel-react.ts`: the root provider, context stores and generic hooks;
- `kernel-forms.ts`: Zod field builders and the generic form hook (only
  written when the project has forms).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from ._ts import HEADER

__all__ = ["KERNEL_FILES", "kernel_source"]

KERNEL_FILES = ("kernel.ts", "kernel-react.ts", "kernel-forms.ts")


@cache
def kernel_source(filename: str) -> str:
    """The generated text of one runtime file (header included)."""
    if filename not in KERNEL_FILES:
        raise ValueError(f"not a runtime file: {filename}")
    text = resources.files("mizan_core.codegen").joinpath("runtime", filename).read_text("utf-8")
    return HEADER + text
