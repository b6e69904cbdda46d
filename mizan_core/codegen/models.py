"""The models of a module's `index.ts`: one interface per pydantic model, one union alias per enum.

Response shapes have every field present (pydantic sends defaults); a model
a client sends also gets an `...Input` variant where defaulted fields are
optional (see `types.input_models`). A `TypedDict`'s keys that are not
required are optional both ways (a dict without the key is sent as it is).
Field names are wire names (aliases).
"""

from __future__ import annotations

from mizan_core.ir import EnumDef, ModelDef, ProjectIR

from ._ts import doc_comment
from .names import Names
from .types import literal, property_key, ts_type

__all__ = ["emit_models"]


def _emit_enum(enum: EnumDef, names: Names) -> list[str]:
    values = " | ".join(literal(m.value) for m in enum.members) or "never"
    return [*doc_comment(enum.doc or f"`{enum.name}`: its values are accepted as they are."),
            f"export type {names.types[enum.name]} = {values};"]


def _emit_model(model: ModelDef, names: Names, as_input: bool) -> list[str]:
    name = names.type_name(model.name, as_input)
    doc = model.doc or ""
    if as_input:
        doc = f"{doc}\n\nWhat a client sends as `{model.name}`: fields with a default may be left out.".strip()
    out = [*doc_comment(doc or f"`{model.name}`"), f"export interface {name} {{"]
    for f in model.fields:
        optional = "?" if (as_input or model.kind == "typeddict") and not f.required else ""
        if as_input and f.default is not None:
            out.append(f"  /** Default: `{f.default}`. */")
        out.append(f"  {property_key(f.wire_name)}{optional}: {ts_type(f.type, names, as_input)};")
    out.append("}")
    return out


def emit_models(ir: ProjectIR, names: Names) -> str:
    """The body declaring `ir`'s enums and models (of one module, in IR order)."""
    blocks: list[list[str]] = [_emit_enum(e, names) for e in ir.enums]
    for model in ir.models:
        blocks.append(_emit_model(model, names, as_input=False))
        if model.name in names.input_types:
            blocks.append(_emit_model(model, names, as_input=True))
    return "\n\n".join("\n".join(b) for b in blocks)
