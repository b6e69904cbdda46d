"""The intermediate representation: the one description of a project that
the KDL/JSON export, the TypeScript generator and every checker read.

This package is the ground floor: it imports nothing else of Mizan's.
"""

from .assemble import assemble, location_file, resolve_affect_kind, scope_for
from .errors import IRFormatError
from .json import dumps_json, ir_from_dict, ir_to_dict, loads_json
from .kdl import dumps_kdl, loads_kdl
from .model import (
    AUTH_RULES,
    IR_VERSION,
    Affect,
    Channel,
    Choice,
    Context,
    EnumDef,
    EnumMember,
    FieldDef,
    Form,
    FormField,
    Function,
    Location,
    ModelDef,
    Param,
    ProjectIR,
)
from .types import (
    NONE,
    PRIMITIVES,
    DictOf,
    JsonScalar,
    ListOf,
    LiteralOf,
    Primitive,
    Ref,
    SetOf,
    TupleOf,
    TypeRef,
    UnionOf,
    Unknown,
    optional,
    union,
    walk_refs,
)

__all__ = [
    "AUTH_RULES", "IR_VERSION", "NONE", "PRIMITIVES",
    "Affect", "Channel", "Choice", "Context", "DictOf", "EnumDef", "EnumMember", "FieldDef",
    "Form", "FormField", "Function", "IRFormatError", "JsonScalar", "ListOf", "LiteralOf",
    "Location", "ModelDef", "Param", "Primitive", "ProjectIR", "Ref", "SetOf", "TupleOf",
    "TypeRef", "UnionOf", "Unknown",
    "assemble", "dumps_json", "dumps_kdl", "ir_from_dict", "ir_to_dict", "loads_json", "loads_kdl",
    "location_file", "optional", "resolve_affect_kind", "scope_for", "union", "walk_refs",
]
