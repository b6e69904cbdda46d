"""Which ORM writes and reads a function makes, its project helpers included.

The project index offers every file it reads (`offer`); a module's bodies are
parsed the first time a question reaches them and kept until the file
changes. A call is followed when it names a function of the project (same
module, `from x import f`, `import x` then `x.f`), to `DEPTH` calls deep:
deeper chains are rare and the cost of following them grows with the project.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ._bodies import BodyFacts, FunctionBody, WriteCall, read_bodies
from ._bounds import decode_source

__all__ = ["DEPTH", "OrmAnalysis", "Write"]

DEPTH = 3
_M2M = frozenset({"add", "remove", "set", "clear"})


@dataclass(frozen=True, slots=True)
class Write:
    """A write a function makes, itself or through `via` (the helpers called,
    outermost first, as `module.qualname`)."""

    call: WriteCall
    module: str  # where the write is written
    via: tuple[str, ...] = ()


class OrmAnalysis:
    def __init__(self) -> None:
        self._data: dict[str, tuple[bytes, bytes, bool]] = {}  # module -> digest, data, package
        self._bodies: dict[str, tuple[bytes, BodyFacts]] = {}
        self._writes: dict[tuple[str, str, int], tuple[Write, ...]] = {}
        self._reads: dict[tuple[str, str, int], frozenset[str]] = {}
        # The modules each answer was read from: an edit drops only the answers
        # that read the edited module (a keystroke keeps the rest of the project's).
        self._deps: dict[tuple[str, str, str, int], set[str]] = {}
        self._reading: list[set[str]] = []  # the answers being computed, innermost last

    def offer(self, module: str, digest: bytes, data: bytes, is_package: bool) -> None:
        held = self._bodies.get(module) or self._data.get(module)
        if held is not None and held[0] == digest:
            return
        self._bodies.pop(module, None)
        self._data[module] = (digest, data, is_package)
        if held is None:  # a new module: a call that named nothing may now name it
            self._drop_all()
        else:
            self._drop(module)

    def forget(self, module: str) -> None:
        self._data.pop(module, None)
        self._bodies.pop(module, None)
        self._drop_all()

    def _drop_all(self) -> None:
        self._writes.clear()
        self._reads.clear()
        self._deps.clear()

    def _drop(self, module: str) -> None:
        for key in [k for k, deps in self._deps.items() if module in deps]:
            del self._deps[key]
            table: dict[Any, Any] = self._writes if key[0] == "w" else self._reads
            table.pop(key[1:], None)

    def _enter(self) -> None:
        self._reading.append(set())

    def _leave(self, key: tuple[str, str, str, int]) -> None:
        read = self._reading.pop()
        self._deps[key] = read
        if self._reading:
            self._reading[-1] |= read

    def _reused(self, key: tuple[str, str, str, int]) -> None:
        if self._reading:
            self._reading[-1] |= self._deps.get(key, set())

    def body(self, module: str, qualname: str) -> FunctionBody | None:
        facts = self._facts(module)
        return facts.functions.get(qualname) if facts is not None else None

    def writes(self, module: str, qualname: str, depth: int = DEPTH) -> tuple[Write, ...]:
        key = (module, qualname, depth)
        found = self._writes.get(key)
        if found is not None:
            self._reused(("w", *key))
        else:
            self._enter()
            self._writes[key] = ()  # a recursive helper adds nothing the first visit did not
            body = self.body(module, qualname)
            out = [Write(self._resolved(module, w), module) for w in body.writes] \
                if body is not None else []
            if body is not None and depth > 0:
                for callee in self._callees(module, body):
                    home, _, name = callee.rpartition(":")
                    out.extend(Write(w.call, w.module, (callee, *w.via))
                               for w in self.writes(home, name, depth - 1))
            found = self._writes[key] = tuple(out)
            self._leave(("w", *key))
        return found

    def reads(self, module: str, qualname: str, depth: int = DEPTH) -> frozenset[str]:
        key = (module, qualname, depth)
        found = self._reads.get(key)
        if found is not None:
            self._reused(("r", *key))
        else:
            self._enter()
            self._reads[key] = frozenset()
            body = self.body(module, qualname)
            reads = {self._related(module, m) or m for m in body.reads} | set(body.reads) \
                if body is not None else set()
            if body is not None and depth > 0:
                for callee in self._callees(module, body):
                    home, _, name = callee.rpartition(":")
                    reads |= self.reads(home, name, depth - 1)
            found = self._reads[key] = frozenset(reads)
            self._leave(("r", *key))
        return found

    def _facts(self, module: str) -> BodyFacts | None:
        if self._reading:
            self._reading[-1].add(module)
        held = self._bodies.get(module)
        if held is not None:
            return held[1]
        data = self._data.pop(module, None)
        if data is None:
            return None
        facts = read_bodies(decode_source(data[1]), module, data[2])
        self._bodies[module] = (data[0], facts)
        return facts

    def _resolved(self, module: str, call: WriteCall) -> WriteCall:
        key = call.model
        if key is not None and call.method in _M2M and "." in key:
            key = key.rpartition(".")[0]  # `item.tags.add()` changes the item's relation
        model = self._related(module, key) if key is not None else None
        return replace(call, model=model or key)

    def _related(self, module: str, key: str) -> str | None:
        """The model a related manager `Cart.items` (or `Cart.items.tags`) holds,
        from the models' source; None when the source does not say."""
        owner, *attrs = key.split(".")
        facts = self._facts(module)
        if not attrs or facts is None:
            return None
        target = facts.imports.get(owner)
        home = self._facts(target.rpartition(".")[0]) if target is not None else facts
        for attr in attrs:
            found = home.relations.get((owner, attr)) if home is not None else None
            if found is None:
                return None
            owner = found
        return owner

    def _callees(self, module: str, body: FunctionBody) -> list[str]:
        """`module:qualname` of each project function the body calls."""
        facts = self._facts(module)
        assert facts is not None
        out: list[str] = []
        for dotted in dict.fromkeys(body.calls):
            head, _, rest = dotted.partition(".")
            target = facts.imports.get(head)
            if target is None:
                if dotted in facts.functions:
                    out.append(f"{module}:{dotted}")
                continue
            full = f"{target}.{rest}" if rest else target
            owner, _, name = full.rpartition(".")
            while owner and owner not in self._data and owner not in self._bodies:
                owner, _, more = owner.rpartition(".")
                name = f"{more}.{name}"
            if owner:
                out.append(f"{owner}:{name}")
        return out
