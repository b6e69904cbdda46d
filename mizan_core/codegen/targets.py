"""The frontend targets: what each adds to the framework-free output.

Every target is an adapter over the same kernel and the same planned surface
(`surface.py`): its own runtime file(s) and one generated entry module. The
framework-free files are written once whatever the targets; with one target
`index.ts` re-exports it too (`import { useCart } from "./api"`), with
several each is imported from its own entry module (`./api/react`,
`./api/vue`), since their hooks share names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mizan_core.ir import ProjectIR

from ._ts import Emitted
from .names import Names
from .react import emit_react
from .react_query import emit_react_query
from .surface import Surface
from .svelte import emit_svelte
from .vue import emit_vue

__all__ = ["TARGETS", "Target"]


@dataclass(frozen=True)
class Target:
    name: str  # as written in `targets = [...]`
    module: str  # the generated entry module
    emit: Callable[[ProjectIR, Names, Surface, bool], Emitted]  # (root, or a module's part)
    runtime: tuple[str, ...]  # runtime files of the adapter, always written
    forms_runtime: tuple[str, ...] = ()  # runtime files written only when the project has forms
    # Runtime files of another adapter this one builds on: written, not re-exported by the entry module.
    internal: frozenset[str] = frozenset()

    @property
    def stem(self) -> str:
        """The entry module without `.ts`: also the name of its file in each module folder."""
        return self.module.removesuffix(".ts")


TARGETS: dict[str, Target] = {
    t.name: t for t in (
        Target("react", "react.ts", emit_react, ("kernel-react.ts",), ("kernel-react-forms.ts",)),
        Target("react-query", "react-query.ts", emit_react_query, ("kernel-react.ts", "kernel-react-query.ts"),
               ("kernel-react-forms.ts",), frozenset({"kernel-react.ts", "kernel-react-forms.ts"})),
        Target("vue", "vue.ts", emit_vue, ("kernel-vue.ts",), ("kernel-vue-forms.ts",)),
        Target("svelte", "svelte.ts", emit_svelte, ("kernel-svelte.ts",), ("kernel-svelte-forms.ts",)),
    )
}
