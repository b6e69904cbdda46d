"""The runtime: static TypeScript copied into every output folder.

Why generated rather than published as an npm package: the frontend then
depends only on its framework and `zod`, and the runtime always matches the
generator that wrote the calls using it. The sources are real `.ts` files in
`runtime/` (so they can be read and type-checked as such); each gets the
generated-file header so the writer can recognise it.

- `kernel.ts`: framework-free: fetch with CSRF and MWT, `MizanError`, the
  invalidation bus, GET coalescing, the multiplexed websocket and channel
  connections, hydration, and the state every adapter renders (context
  stores, mutations, channel feeds);
- `kernel-forms.ts`: framework-free: Zod field builders and the form
  controller (only written when the project has forms);
- `kernel-<target>.ts` (and `kernel-<target>-forms.ts`): one adapter per
  frontend target, subscribing its framework to the kernel's state.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from ._ts import HEADER

__all__ = ["kernel_source", "runtime_exports", "runtime_files"]

_EXPORT = re.compile(r"^export (?:abstract )?(?:class|function|const|interface|type|let) ([A-Za-z_$][\w$]*)",
                     re.MULTILINE)


def _runtime_dir() -> Traversable:
    return resources.files("mizan_core.codegen").joinpath("runtime")


@cache
def runtime_files() -> tuple[str, ...]:
    """Every runtime file name, sorted."""
    return tuple(sorted(p.name for p in _runtime_dir().iterdir() if p.name.endswith(".ts")))


@cache
def kernel_source(filename: str) -> str:
    """The generated text of one runtime file (header included)."""
    if filename not in runtime_files():
        raise ValueError(f"not a runtime file: {filename}")
    return HEADER + _runtime_dir().joinpath(filename).read_text("utf-8")


@cache
def runtime_exports() -> frozenset[str]:
    """Every name any runtime file exports."""
    return frozenset(name for f in runtime_files() for name in _EXPORT.findall(kernel_source(f)))
