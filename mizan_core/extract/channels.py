"""`ReactChannel` subclasses in source -> `ir.Channel`.

A channel is a class deriving (through any project base) from
`mizan_django.channels.ReactChannel` and not declared `abstract=True`. Its
name comes from `mizan_core.channel_names.channel_name` (shared with the
runtime: `ChatChannel` -> `chat`). `Params`, `DjangoMessage` and the optional
`ReactMessage` are found as nested classes or class attributes, on the class
or inherited from a project base channel.
"""

from __future__ import annotations

from dataclasses import dataclass

from mizan_core.channel_names import channel_name
from mizan_core.ir import Channel, Location, Primitive, TypeRef, location_file
from mizan_core.rules.sites import Span

from .facts import ClassDecl, ConstX, ModuleFacts, NameX, SubX
from .types import Issue, TypeResolver

__all__ = ["ChannelUnit", "read_channel"]


@dataclass(frozen=True, slots=True)
class ChannelUnit:
    channel: Channel
    name_span: Span  # the class name (where a duplicate points)
    issues: tuple[Issue, ...]


def read_channel(decl: ClassDecl, facts: ModuleFacts, r: TypeResolver) -> ChannelUnit | None:
    abstract = dict(decl.keywords).get("abstract")
    if isinstance(abstract, ConstX) and abstract.value is True:
        return None
    name = channel_name(decl.name)
    if not name:
        return None
    issues: list[Issue] = []
    params = _member(decl, facts, r, "Params", issues, set())
    server = _member(decl, facts, r, "DjangoMessage", issues, set())
    client = _member(decl, facts, r, "ReactMessage", issues, set())
    channel = Channel(
        name=name, module=facts.module, qualname=decl.qualname,
        params=params if params is not None else Primitive("any"),
        server_message=server if server is not None else Primitive("any"),
        client_message=client, doc=decl.doc,
        location=Location(location_file(facts.module, facts.is_package), decl.line),
    )
    return ChannelUnit(channel, decl.span, tuple(issues))


def _member(decl: ClassDecl, facts: ModuleFacts, r: TypeResolver, attr: str,
            issues: list[Issue], seen: set[str]) -> TypeRef | None:
    nested = f"{decl.qualname}.{attr}"
    if nested in facts.classes:
        return r.resolve(NameX(nested, facts.classes[nested].span, nested), facts, issues)
    for stmt in reversed(decl.body):
        if stmt.name == attr and stmt.value is not None:
            if isinstance(stmt.value, ConstX) and stmt.value.value is None:
                return None
            return r.resolve(stmt.value, facts, issues)
    for base in decl.bases:
        head = base.base if isinstance(base, SubX) else base
        if not isinstance(head, NameX):
            continue
        target = r.symbols.resolve(facts, head.dotted)
        if target.kind != "class" or target.rest or target.key in seen:
            continue
        seen.add(target.key)
        home = r.load(target.module)
        base_decl = home.classes.get(target.name) if home else None
        if home is not None and base_decl is not None:
            found = _member(base_decl, home, r, attr, issues, seen)
            if found is not None:
                return found
    return None
