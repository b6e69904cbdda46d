"""What mypy's resolved types tell that source text cannot: a parameter or
return that can never cross JSON, even when it is spelled through an alias,
a re-export or a subclass (`p: Prod` where `Prod = shop.models.Product`).

Only definite cases are judged, by the fullnames in a class's MRO, so Django
is never imported and django-stubs is optional: without stubs Django's
classes are `Any` to mypy, and `Any` says nothing here (the static index has
already judged the source spelling). Anything else (pydantic models, enums,
primitives, containers of those) is left to the static rules.
"""

from __future__ import annotations

from mypy.types import (
    AnyType,
    CallableType,
    Instance,
    LiteralType,
    NoneType,
    Overloaded,
    ProperType,
    TupleType,
    Type,
    TypedDictType,
    UnionType,
    get_proper_type,
)

__all__ = ["NotJson", "find_not_json"]

# MRO fullname -> what the value is, as the message names it.
_NOT_JSON: dict[str, str] = {
    "django.db.models.base.Model": "a Django model instance",
    "django.db.models.query.QuerySet": "a Django QuerySet",
    "django.http.request.HttpRequest": "a Django HttpRequest",
    "django.core.files.base.File": "a file object",
    "typing.IO": "a file object",
    "io.IOBase": "a file object",
    "_io._IOBase": "a file object",
}
# A view-path function returns one of these; as a parameter it is never JSON.
_RESPONSE = "django.http.response.HttpResponseBase"


class NotJson:
    """A type found inside an annotation that cannot cross JSON."""

    __slots__ = ("type_name", "what")

    def __init__(self, what: str, type_name: str) -> None:
        self.what = what  # "a Django model instance"
        self.type_name = type_name  # "shop.models.Product"


def find_not_json(typ: Type, *, allow_response: bool) -> NotJson | None:
    """The first part of `typ` that cannot cross JSON, or None.

    `allow_response` is true for a return type: an `HttpResponseBase` there
    makes a view-path function, which is allowed.
    """
    return _walk(get_proper_type(typ), allow_response, depth=0)


def _walk(typ: ProperType, allow_response: bool, depth: int) -> NotJson | None:
    if depth > 20:  # recursive aliases: the static rules report those
        return None
    if isinstance(typ, (AnyType, NoneType, LiteralType)):
        return None
    if isinstance(typ, (CallableType, Overloaded)):
        return NotJson("a callable", str(typ))
    if isinstance(typ, UnionType):
        return _first(typ.items, allow_response, depth)
    if isinstance(typ, TupleType):
        return _first(typ.items, False, depth)
    if isinstance(typ, TypedDictType):
        return _first(list(typ.items.values()), False, depth)
    if isinstance(typ, Instance):
        mro = [info.fullname for info in typ.type.mro]
        if _RESPONSE in mro:
            return None if allow_response else NotJson("an HttpResponse", typ.type.fullname)
        for fullname in mro:
            what = _NOT_JSON.get(fullname)
            if what is not None:
                return NotJson(what, typ.type.fullname)
        return _first(typ.args, False, depth)
    return None


def _first(types: list[Type] | tuple[Type, ...], allow_response: bool,
           depth: int) -> NotJson | None:
    for item in types:
        found = _walk(get_proper_type(item), allow_response, depth + 1)
        if found is not None:
            return found
    return None
