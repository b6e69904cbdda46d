"""The IR: an immutable description of everything a Mizan project serves.

Two producers build it (the static extractor from source, the runtime exporter
from the live registry) and must agree byte for byte, so the nodes hold only
what both can know: no column numbers (the runtime has none), no floats
(defaults and form bounds are JSON text), no Python objects. Build a project
with `mizan_core.ir.assemble()`, which derives contexts, scopes and ordering
the same way for both producers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .types import JsonScalar, TypeRef

__all__ = [
    "AUTH_RULES",
    "IR_VERSION",
    "MODEL_KINDS",
    "Affect",
    "Channel",
    "Choice",
    "Context",
    "EnumDef",
    "EnumMember",
    "FieldDef",
    "Form",
    "FormField",
    "Function",
    "Location",
    "ModelDef",
    "Param",
    "ProjectIR",
]

IR_VERSION = 1

AuthRule = Literal["none", "authenticated", "staff", "superuser", "custom"]
AUTH_RULES: tuple[str, ...] = ("none", "authenticated", "staff", "superuser", "custom")
AffectKind = Literal["context", "function"]


@dataclass(frozen=True, slots=True)
class Location:
    """Where a definition starts: the file relative to its source root
    (derived from the module name, so both producers agree) and the 1-based
    line of its first decorator, or of `def`/`class` when undecorated."""

    file: str
    line: int


@dataclass(frozen=True, slots=True)
class Param:
    """A wire argument. `default` is the default's JSON text (None: none)."""

    name: str
    type: TypeRef
    required: bool = True
    default: str | None = None


@dataclass(frozen=True, slots=True)
class Affect:
    """One invalidation target of a mutation.

    `scope` lists the mutation's parameters that share name and type with a
    parameter of the target: the invalidation is narrowed to their values.
    """

    target: str
    kind: AffectKind
    scope: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Function:
    name: str  # the public, registered name
    module: str
    qualname: str
    params: tuple[Param, ...]  # wire parameters: `request` is not one
    returns: TypeRef
    context: str | None = None
    affects: tuple[Affect, ...] = ()
    auth: AuthRule = "none"
    websocket: bool = False
    route: str | None = None
    rev: int = 1
    view_path: bool = False
    doc: str | None = None
    location: Location | None = None

    @property
    def is_mutation(self) -> bool:
        return bool(self.affects)


@dataclass(frozen=True, slots=True)
class Context:
    """A named context (or `global`): its functions and the provider's props."""

    name: str
    functions: tuple[str, ...]
    params: tuple[Param, ...] = ()


@dataclass(frozen=True, slots=True)
class FieldDef:
    """A model field. `name` is the Python name, `alias` the wire name if different."""

    name: str
    type: TypeRef
    required: bool = True
    default: str | None = None
    alias: str | None = None

    @property
    def wire_name(self) -> str:
        return self.alias if self.alias is not None else self.name


MODEL_KINDS: tuple[str, ...] = ("dataclass", "typeddict")


@dataclass(frozen=True, slots=True)
class ModelDef:
    """A JSON object with named fields: a pydantic model (`kind` None), a
    dataclass (the same wire shape: every field sent) or a `TypedDict`
    (`kind="typeddict"`: a key that is not required may be absent in both
    directions, and no key has a default)."""

    name: str  # qualified: module.QualName
    module: str
    qualname: str
    fields: tuple[FieldDef, ...]
    doc: str | None = None
    kind: str | None = None

    def __post_init__(self) -> None:
        if self.kind is not None and self.kind not in MODEL_KINDS:
            raise ValueError(f"model kind must be one of {', '.join(MODEL_KINDS)}, "
                             f"got {self.kind!r}")


@dataclass(frozen=True, slots=True)
class EnumMember:
    name: str
    value: JsonScalar


@dataclass(frozen=True, slots=True)
class EnumDef:
    name: str  # qualified: module.QualName
    module: str
    qualname: str
    members: tuple[EnumMember, ...]
    doc: str | None = None


@dataclass(frozen=True, slots=True)
class Choice:
    value: JsonScalar
    label: str


@dataclass(frozen=True, slots=True)
class FormField:
    """A Django form field as a user renders and validates it.

    Numeric bounds are decimal text (`"0.5"`): the IR holds no floats.
    """

    name: str
    kind: str  # the Django field class, e.g. "CharField"
    type: TypeRef  # the cleaned value's wire type
    label: str
    required: bool = True
    help_text: str = ""
    initial: str | None = None  # JSON text
    widget: str = ""
    choices: tuple[Choice, ...] = ()
    multiple: bool = False
    min_length: int | None = None
    max_length: int | None = None
    min_value: str | None = None
    max_value: str | None = None
    max_digits: int | None = None
    decimal_places: int | None = None
    input_formats: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Form:
    """A `mizanFormMixin` form: serves `<name>.schema`, `.validate`, `.submit`."""

    name: str
    module: str
    qualname: str
    title: str
    submit_label: str
    fields: tuple[FormField, ...]
    success: TypeRef
    model_form: bool = False
    doc: str | None = None
    location: Location | None = None
    #: what a successful submit invalidates, as a function's `affects`
    affects: tuple[Affect, ...] = ()


@dataclass(frozen=True, slots=True)
class Channel:
    """A `ReactChannel` subclass. `name` is the class name without the
    `Channel` suffix, snake-cased (`ChatChannel` -> `chat`)."""

    name: str
    module: str
    qualname: str
    params: TypeRef
    server_message: TypeRef
    client_message: TypeRef | None = None
    doc: str | None = None
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class ProjectIR:
    functions: tuple[Function, ...] = ()
    contexts: tuple[Context, ...] = ()
    models: tuple[ModelDef, ...] = ()
    enums: tuple[EnumDef, ...] = ()
    forms: tuple[Form, ...] = ()
    channels: tuple[Channel, ...] = ()
    version: int = field(default=IR_VERSION)

    def function(self, name: str) -> Function | None:
        return next((f for f in self.functions if f.name == name), None)

    def context(self, name: str) -> Context | None:
        return next((c for c in self.contexts if c.name == name), None)

    def model(self, name: str) -> ModelDef | None:
        return next((m for m in self.models if m.name == name), None)

    def enum(self, name: str) -> EnumDef | None:
        return next((e for e in self.enums if e.name == name), None)
