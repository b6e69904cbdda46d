"""Dotted paths the extractor knows by heart: Mizan's API under every import
path it ever had, and the standard library types that cross JSON."""

from __future__ import annotations

from ._enum_eval import ENUM_BASES as _ENUM_CLASSES

__all__ = [
    "CHANNEL_BASES",
    "CLIENT_NAMES",
    "DATACLASS_DECORATORS",
    "DICTS",
    "ENUM_BASES",
    "FIELD_FUNCS",
    "FORM_META",
    "FORM_MIXINS",
    "LISTS",
    "MODEL_BASES",
    "PRIMITIVES",
    "REGISTER_NAMES",
    "RESPONSES",
    "SETS",
    "TUPLES",
    "TYPEDDICT_BASES",
    "canonical",
    "is_response",
]

# `mizan_django.client` is both the function (`from mizan_django import client`)
# and the module of the original system's path (`from mizan_django.client import client`).
CLIENT_NAMES = frozenset({
    "mizan_django.client", "mizan_django.client.client", "mizan_core.client",
    "mizan_core.client.client", "mizan.client", "mizan.client.client",
})
REGISTER_NAMES = frozenset({
    "mizan_django.register", "mizan_django.setup.register", "mizan_core.register",
    "mizan_core.registry.register", "mizan.register", "mizan.setup.register",
    "mizan_django.setup.registry.register", "mizan.setup.registry.register",
})
FORM_MIXINS = frozenset({"mizan_django.forms.mizanFormMixin", "mizan.forms.mizanFormMixin"})
FORM_META = frozenset({"mizan_django.forms.mizanFormMeta", "mizan.forms.mizanFormMeta"})
CHANNEL_BASES = frozenset({"mizan_django.channels.ReactChannel", "mizan.channels.ReactChannel"})

MODEL_BASES = frozenset({"pydantic.BaseModel", "pydantic.main.BaseModel"})
FIELD_FUNCS = frozenset({"pydantic.Field", "pydantic.fields.Field"})
ENUM_BASES = frozenset(_ENUM_CLASSES)  # enum's own and Django's choices
DATACLASS_DECORATORS = frozenset({"dataclasses.dataclass", "pydantic.dataclasses.dataclass"})
TYPEDDICT_BASES = frozenset({"typing.TypedDict"})  # typing_extensions' too (`canonical`)

PRIMITIVES = {
    "builtins.str": "str", "builtins.int": "int", "builtins.float": "float",
    "builtins.bool": "bool", "datetime.datetime": "datetime", "datetime.date": "date",
    "datetime.time": "time", "datetime.timedelta": "timedelta", "uuid.UUID": "uuid",
    "decimal.Decimal": "decimal",
    "typing.Any": "any",
}
LISTS = frozenset({
    "builtins.list", "typing.List", "typing.Sequence", "typing.Iterable", "typing.MutableSequence",
    "typing.Collection", "collections.abc.Sequence", "collections.abc.Iterable",
    "collections.abc.MutableSequence", "collections.abc.Collection",
})
SETS = frozenset({
    "builtins.set", "builtins.frozenset", "typing.Set", "typing.FrozenSet", "typing.AbstractSet",
    "typing.MutableSet", "collections.abc.Set", "collections.abc.MutableSet",
})
TUPLES = frozenset({"builtins.tuple", "typing.Tuple"})
DICTS = frozenset({
    "builtins.dict", "typing.Dict", "typing.Mapping", "typing.MutableMapping",
    "collections.abc.Mapping", "collections.abc.MutableMapping", "typing.OrderedDict",
    "collections.OrderedDict", "typing.DefaultDict", "collections.defaultdict",
})
# django.http.HttpResponseBase and its subclasses shipped with Django.
RESPONSES = frozenset({
    "HttpResponseBase", "HttpResponse", "JsonResponse", "StreamingHttpResponse", "FileResponse",
    "HttpResponseRedirect", "HttpResponsePermanentRedirect", "HttpResponseNotModified",
    "HttpResponseBadRequest", "HttpResponseNotFound", "HttpResponseForbidden",
    "HttpResponseNotAllowed", "HttpResponseGone", "HttpResponseServerError",
})


def canonical(dotted: str) -> str:
    """One spelling per typing name: `typing_extensions.X` is `typing.X`."""
    if dotted.startswith("typing_extensions."):
        return "typing." + dotted[len("typing_extensions."):]
    return dotted


def is_response(dotted: str) -> bool:
    for prefix in ("django.http.response.", "django.http."):
        if dotted.startswith(prefix) and dotted[len(prefix):] in RESPONSES:
            return True
    return False
