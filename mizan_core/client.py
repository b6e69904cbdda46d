"""The ``@client`` decorator: marks a plain function as a Mizan server function.

Why it looks the way it does:

- It is framework-free. ``mizan_django`` re-exports it and serves the functions;
  the static extractor reads the same declarations from source. Nothing here
  imports Django, so the decorator can be used (and tested) anywhere.
- It validates its arguments eagerly. A wrong ``auth=`` or ``rev=`` raises
  :class:`~mizan_core.errors.MizanSetupError` when the module is imported, not
  on the first request, and the message says what to write instead.
- It keeps the exact signature for type checkers without a plugin:
  :class:`ServerFunction` is generic over a ``ParamSpec`` and its ``__call__``
  is typed ``(*P.args, **P.kwargs) -> R``, so ``cart(request, cart_id=1)``
  type-checks in mypy and pyright exactly like the undecorated function.
- ``@client(...)`` returns a :class:`ClientDecorator` object rather than a
  closure. mypy has no decorator hook; its plugin API fires on
  ``ClientDecorator.__call__`` where the decorator is applied, which is where
  the ``mizan_mypy`` plugin reports diagnostics.

The parameters ``auth`` and ``rev`` are deliberately typed more loosely than
what is accepted (``str``, ``int``): the precise rule and its message belong to
the shared diagnostic catalogue (``mizan-auth``, ``mizan-rev``), reported once
by ``mizan check``, the mypy plugin and the language server, instead of a
second, generic type error next to it.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, ParamSpec, TypeAlias, TypeVar, cast, overload

from mizan_core.errors import MizanSetupError

__all__ = [
    "AUTH_LEVELS",
    "AffectsTarget",
    "AuthValue",
    "ClientDecorator",
    "ClientMeta",
    "ServerFunction",
    "client",
]

P = ParamSpec("P")
R = TypeVar("R")

#: The string values ``auth=`` accepts, besides ``True`` and a callable.
AUTH_LEVELS: tuple[str, ...] = ("staff", "superuser")

#: One ``affects=`` target: a context (by its name) or a server function.
AffectsTarget: TypeAlias = "str | ServerFunction[..., Any]"
#: ``auth=``: ``False`` (no rule), ``True``, ``"staff"``, ``"superuser"`` or a predicate.
AuthValue: TypeAlias = "bool | str | Callable[[Any], bool]"


@dataclass(frozen=True, slots=True)
class ClientMeta:
    """What ``@client(...)`` was told, validated and normalised.

    ``auth`` keeps exactly what the user gave, except that ``None`` becomes
    ``False``; ``False`` means "no access rule". ``affects`` is always a tuple,
    in the order given; its items are context names or server functions.
    """

    context: str | None = None
    affects: tuple[AffectsTarget, ...] = ()
    websocket: bool = False
    auth: AuthValue = False
    route: str | None = None
    rev: int = 1

    @property
    def is_context(self) -> bool:
        """True when the function belongs to a context (global or named)."""
        return self.context is not None

    @property
    def is_mutation(self) -> bool:
        """True when the function declares what it invalidates."""
        return bool(self.affects)


class ServerFunction(Generic[P, R]):
    """A function decorated with ``@client``; calling it calls the function.

    It looks like the wrapped function to Python (``__name__``, ``__doc__``,
    ``__wrapped__`` so ``inspect.signature`` sees the real parameters) and to
    type checkers (``ParamSpec``). It adds ``func``, ``meta`` and
    ``registered_names``.
    """

    func: Callable[P, R]
    meta: ClientMeta
    registered_names: tuple[str, ...]
    __name__: str  # the function's, copied by functools.update_wrapper
    __qualname__: str

    def __init__(self, func: Callable[P, R], meta: ClientMeta) -> None:
        self.func = func
        self.meta = meta
        self.registered_names = ()
        functools.update_wrapper(self, func)

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        return self.func(*args, **kwargs)

    @property
    def qualified_name(self) -> str:
        """``module.qualname`` of the wrapped function, used in error messages."""
        return describe(self.func)

    def _add_registered_name(self, name: str) -> None:
        if name not in self.registered_names:
            self.registered_names = (*self.registered_names, name)

    def __repr__(self) -> str:
        details = []
        if self.meta.context is not None:
            details.append(f"context={self.meta.context!r}")
        if self.meta.affects:
            details.append("affects=" + repr([_affects_label(a) for a in self.meta.affects]))
        suffix = (" " + " ".join(details)) if details else ""
        return f"<ServerFunction {self.qualified_name}{suffix}>"


class ClientDecorator:
    """What ``@client(...)`` returns: applies validated metadata to a function."""

    __slots__ = ("meta",)

    def __init__(self, meta: ClientMeta) -> None:
        self.meta = meta

    def __call__(self, func: Callable[P, R], /) -> ServerFunction[P, R]:
        return _wrap(func, self.meta)

    def __repr__(self) -> str:
        return f"<ClientDecorator {self.meta!r}>"


@overload
def client(func: Callable[P, R], /) -> ServerFunction[P, R]: ...


@overload
def client(
    *,
    context: str | None = None,
    affects: AffectsTarget | list[AffectsTarget] | tuple[AffectsTarget, ...] | None = None,
    websocket: bool = False,
    auth: AuthValue | None = False,
    route: str | None = None,
    rev: int = 1,
) -> ClientDecorator: ...


def client(
    func: Callable[..., Any] | None = None,
    /,
    *,
    context: object = None,
    affects: object = None,
    websocket: object = False,
    auth: object = False,
    route: object = None,
    rev: object = 1,
) -> ServerFunction[..., Any] | ClientDecorator:
    """Declare a server function: ``@client`` or ``@client(context=..., ...)``.

    See the parameter table in the README; every parameter is checked here and
    a mistake raises :class:`MizanSetupError` naming the parameter.
    """
    meta = _build_meta(
        context=context, affects=affects, websocket=websocket, auth=auth, route=route, rev=rev
    )
    if func is None:
        return ClientDecorator(meta)
    if isinstance(func, str):
        raise MizanSetupError(
            f"@client takes keyword arguments only; got the positional string {func!r}. "
            f"Did you mean @client(context={func!r})?"
        )
    return _wrap(func, meta)


def describe(obj: object) -> str:
    """``module.qualname`` of a function or class, for messages; repr otherwise."""
    module = getattr(obj, "__module__", None)
    qualname = getattr(obj, "__qualname__", None)
    if isinstance(module, str) and isinstance(qualname, str):
        return f"{module}.{qualname}"
    return repr(obj)


def _wrap(func: Callable[P, R], meta: ClientMeta) -> ServerFunction[P, R]:
    if isinstance(func, ServerFunction):
        raise MizanSetupError(
            f"{func.qualified_name} is already decorated with @client; "
            "apply @client once, with all its parameters."
        )
    if not callable(func):
        raise MizanSetupError(
            f"@client must decorate a function; got {type(func).__name__} {func!r}."
        )
    if inspect.iscoroutinefunction(func) or inspect.isasyncgenfunction(func):
        # Served from Django's synchronous request path: a coroutine would be
        # returned unawaited and fail as a 500 on the first call. Say so now.
        raise MizanSetupError(
            f"@client cannot serve `async def {getattr(func, '__name__', func)}` yet; "
            "write it as a plain `def` (Django runs it in a thread under ASGI)."
        )
    return ServerFunction(func, meta)


def _build_meta(
    *,
    context: object,
    affects: object,
    websocket: object,
    auth: object,
    route: object,
    rev: object,
) -> ClientMeta:
    return ClientMeta(
        context=_check_context(context),
        affects=_check_affects(affects),
        websocket=_check_websocket(websocket),
        auth=_check_auth(auth),
        route=_check_route(route),
        rev=_check_rev(rev),
    )


def _check_context(context: object) -> str | None:
    if context is None:
        return None
    if not isinstance(context, str) or not context.strip():
        raise MizanSetupError(
            f"@client(context=...) must be a non-empty string such as 'global' or 'cart'; "
            f"got {context!r}."
        )
    return context


def _check_affects(affects: object) -> tuple[AffectsTarget, ...]:
    if affects is None:
        return ()
    given: tuple[object, ...]
    if isinstance(affects, (list, tuple)):
        given = tuple(cast("list[object] | tuple[object, ...]", affects))
    else:
        given = (affects,)
    items: list[AffectsTarget] = []
    for item in given:
        if isinstance(item, ServerFunction):
            items.append(cast("ServerFunction[..., Any]", item))
            continue
        if isinstance(item, str) and item.strip():
            items.append(item)
            continue
        if callable(item):
            hint = f"{describe(item)} is not decorated with @client; decorate it first."
        else:
            hint = f"got {type(item).__name__} {item!r}."
        raise MizanSetupError(
            "@client(affects=...) must be a context name (a non-empty string), a @client "
            f"function, or a list or tuple of those; {hint}"
        )
    return tuple(items)


def _check_websocket(websocket: object) -> bool:
    if not isinstance(websocket, bool):
        raise MizanSetupError(
            f"@client(websocket=...) must be True or False; got {websocket!r}."
        )
    return websocket


def _check_auth(auth: object) -> AuthValue:
    # Imported here: `import mizan_core` (every `mizan` command) would otherwise
    # load the whole IR package, KDL reader included, before doing anything.
    from mizan_core.ir.declarations import auth_rule

    rule = auth_rule(auth)  # the one mapping the IR, the extractor and the export use
    if rule in ("none", "authenticated"):
        return bool(auth)
    if rule in ("staff", "superuser"):
        return cast("str", auth)
    if rule == "custom":
        return cast("Callable[[Any], bool]", auth)
    raise MizanSetupError(
        "@client(auth=...) must be True, 'staff', 'superuser' or a callable(request) -> bool; "
        f"got {auth!r}."
    )


def _check_route(route: object) -> str | None:
    if route is None:
        return None
    if not isinstance(route, str) or not route.startswith("/"):
        raise MizanSetupError(
            f"@client(route=...) must be a path string starting with '/', such as "
            f"'/receipt/<int:order_id>/'; got {route!r}."
        )
    return route


def _check_rev(rev: object) -> int:
    if isinstance(rev, bool) or not isinstance(rev, int) or rev < 1:
        raise MizanSetupError(
            f"@client(rev=...) must be a positive integer (1, 2, ...); got {rev!r}."
        )
    return rev


def _affects_label(target: AffectsTarget) -> str:
    return target if isinstance(target, str) else target.qualified_name
