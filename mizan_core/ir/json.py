"""The IR as JSON: the same tree as the KDL form, for tools that prefer JSON.

Objects have every field of the model, snake_case, in declaration order, with
`null` for absent values. Types are compact: a primitive is its name
(`"int"`); `{"list": T}`, `{"set": T}`, `{"tuple": [T...], "variadic": false}`,
`{"dict": [K, V]}`, `{"union": [T...]}`, `{"literal": [v...]}`,
`{"ref": "module.Name"}`, `{"unknown": "label"}`. The top object is
`{"version": 1, "functions": [...], "contexts": [...], "models": [...],
"enums": [...], "forms": [...], "channels": [...]}`.
"""

from __future__ import annotations

import json
from typing import Any

from . import model
from . import types as t
from ._schema import fields_of
from .errors import IRFormatError

__all__ = ["dumps_json", "ir_from_dict", "ir_to_dict", "loads_json"]


def _type_to_json(tr: t.TypeRef) -> Any:
    if isinstance(tr, t.Primitive):
        return tr.name
    if isinstance(tr, t.ListOf):
        return {"list": _type_to_json(tr.item)}
    if isinstance(tr, t.SetOf):
        return {"set": _type_to_json(tr.item)}
    if isinstance(tr, t.TupleOf):
        return {"tuple": [_type_to_json(i) for i in tr.items], "variadic": tr.variadic}
    if isinstance(tr, t.DictOf):
        return {"dict": [_type_to_json(tr.key), _type_to_json(tr.value)]}
    if isinstance(tr, t.UnionOf):
        return {"union": [_type_to_json(o) for o in tr.options]}
    if isinstance(tr, t.LiteralOf):
        return {"literal": list(tr.values)}
    if isinstance(tr, t.Ref):
        return {"ref": tr.name}
    return {"unknown": tr.label}


def _obj_to_json(obj: object) -> dict[str, Any]:
    out: dict[str, Any] = {}
    cls: type = type(obj)  # mypy refuses type[object] as functools.cache's Hashable
    for spec in fields_of(cls):
        v = getattr(obj, spec.name)
        if spec.kind in ("type", "type?"):
            out[spec.name] = None if v is None else _type_to_json(v)
        elif spec.kind == "nodes":
            out[spec.name] = [_obj_to_json(i) for i in v]
        elif spec.kind == "node?":
            out[spec.name] = None if v is None else _obj_to_json(v)
        elif spec.kind == "strings":
            out[spec.name] = list(v)
        else:
            out[spec.name] = v
    return out


def ir_to_dict(ir: model.ProjectIR) -> dict[str, Any]:
    out = _obj_to_json(ir)
    return {"version": out.pop("version"), **out}


def dumps_json(ir: model.ProjectIR) -> str:
    return json.dumps(ir_to_dict(ir), indent=2, ensure_ascii=False) + "\n"


def _fail(where: str, message: str) -> IRFormatError:
    return IRFormatError(f"{where}: {message}")


def _type_from_json(v: Any, where: str) -> t.TypeRef:
    if isinstance(v, str):
        if v not in t.PRIMITIVES:
            raise _fail(where, f"unknown primitive type {v!r}")
        return t.Primitive(v)
    if not isinstance(v, dict) or not v:
        raise _fail(where, f"a type is a primitive name or an object, got {v!r}")
    kind = next(iter(v))
    body = v[kind]
    try:
        if kind in ("list", "set") and len(v) == 1:
            item = _type_from_json(body, where)
            return t.ListOf(item) if kind == "list" else t.SetOf(item)
        if kind == "tuple" and isinstance(body, list) and isinstance(v.get("variadic"), bool):
            return t.TupleOf(tuple(_type_from_json(i, where) for i in body), v["variadic"])
        if kind == "dict" and isinstance(body, list) and len(body) == 2 and len(v) == 1:
            return t.DictOf(_type_from_json(body[0], where), _type_from_json(body[1], where))
        if kind == "union" and isinstance(body, list) and len(v) == 1:
            return t.UnionOf(tuple(_type_from_json(o, where) for o in body))
        if kind == "literal" and isinstance(body, list) and len(v) == 1:
            if not all(isinstance(x, (str, int, bool)) or x is None for x in body):
                raise _fail(where, "literal values are strings, integers, booleans or null")
            return t.LiteralOf(tuple(body))
        if kind == "ref" and isinstance(body, str) and len(v) == 1:
            return t.Ref(body)
        if kind == "unknown" and isinstance(body, str) and len(v) == 1:
            return t.Unknown(body)
    except RecursionError:
        raise _fail(where, "type nested too deeply") from None
    raise _fail(where, f"malformed type {v!r:.80}")


def _obj_from_json(cls: type, v: Any, where: str) -> Any:
    if not isinstance(v, dict):
        raise _fail(where, f"expected an object, got {type(v).__name__}")
    specs = fields_of(cls)
    unknown = set(v) - {s.name for s in specs}
    if unknown:
        raise _fail(where, f"unknown key(s): {', '.join(sorted(unknown))}")
    kwargs: dict[str, Any] = {}
    for spec in specs:
        if spec.name not in v:
            if spec.has_default or spec.kind in ("nodes", "strings"):
                continue
            raise _fail(where, f"missing key {spec.name!r}")
        raw = v[spec.name]
        here = f"{where}.{spec.name}"
        if spec.kind in ("type", "type?"):
            kwargs[spec.name] = None if raw is None and spec.kind == "type?" else _type_from_json(raw, here)
        elif spec.kind in ("nodes", "strings"):
            if not isinstance(raw, list):
                raise _fail(here, "expected a list")
            if spec.kind == "strings":
                if not all(isinstance(s, str) for s in raw):
                    raise _fail(here, "expected a list of strings")
                kwargs[spec.name] = tuple(raw)
            else:
                assert spec.cls is not None
                kwargs[spec.name] = tuple(_obj_from_json(spec.cls, i, f"{here}[{n}]")
                                          for n, i in enumerate(raw))
        elif spec.kind == "node?":
            assert spec.cls is not None
            kwargs[spec.name] = None if raw is None else _obj_from_json(spec.cls, raw, here)
        else:
            ok = any(isinstance(raw, k) and not (k is int and isinstance(raw, bool)) for k in spec.scalars)
            if not ok or (spec.choices and raw not in spec.choices):
                raise _fail(here, f"invalid value {raw!r}")
            kwargs[spec.name] = raw
    try:
        return cls(**kwargs)
    except (TypeError, ValueError) as exc:
        raise _fail(where, str(exc)) from None


def ir_from_dict(data: Any) -> model.ProjectIR:
    if not isinstance(data, dict) or data.get("version") != model.IR_VERSION:
        version = data.get("version") if isinstance(data, dict) else None
        raise IRFormatError(f"unsupported IR version {version!r}; this Mizan reads version "
                            f"{model.IR_VERSION}")
    ir: model.ProjectIR = _obj_from_json(model.ProjectIR, data, "$")
    return ir


def loads_json(text: str) -> model.ProjectIR:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IRFormatError(f"malformed JSON: {exc.msg}", exc.lineno) from None
    except RecursionError:
        raise IRFormatError("malformed JSON: nested too deeply") from None
    return ir_from_dict(data)
