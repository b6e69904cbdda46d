"""Behaviour of ``@client``: metadata kept, mistakes refused at import time."""

from __future__ import annotations

import inspect
from dataclasses import FrozenInstanceError
from typing import Any

import pytest

from mizan_core import ClientDecorator, ClientMeta, MizanSetupError, ServerFunction, client


def _is_admin(request: Any) -> bool:
    return bool(getattr(request, "admin", False))


@client
def echo(request: Any, text: str, times: int = 1) -> str:
    """Repeat the text."""
    return text * times


@client(context="cart")
def cart(request: Any, cart_id: int) -> dict[str, int]:
    return {"cart_id": cart_id}


def test_bare_decorator_gives_defaults() -> None:
    assert isinstance(echo, ServerFunction)
    assert echo.meta == ClientMeta()
    assert echo.meta == ClientMeta(
        context=None, affects=(), websocket=False, auth=False, route=None, rev=1
    )
    assert not echo.meta.is_context and not echo.meta.is_mutation
    assert echo.registered_names == ()


def test_calling_the_decorated_function_calls_it() -> None:
    assert echo(None, "ab", times=2) == "abab"
    assert echo(None, "x") == "x"
    assert cart(None, cart_id=7) == {"cart_id": 7}


def test_wrapper_looks_like_the_function() -> None:
    assert echo.__name__ == "echo"
    assert echo.__qualname__ == "echo"
    assert echo.__module__ == __name__
    assert echo.__doc__ == "Repeat the text."
    assert echo.__wrapped__ is echo.func  # type: ignore[attr-defined]
    assert str(inspect.signature(echo)) == "(request: 'Any', text: 'str', times: 'int' = 1) -> 'str'"
    assert echo.qualified_name == f"{__name__}.echo"


def test_every_parameter_is_stored() -> None:
    @client(
        context="cart",
        affects=[cart, "current_user"],
        websocket=True,
        auth="staff",
        route="/cart/<int:cart_id>/",
        rev=3,
    )
    def everything(request: Any, cart_id: int) -> None:
        return None

    assert everything.meta == ClientMeta(
        context="cart",
        affects=(cart, "current_user"),
        websocket=True,
        auth="staff",
        route="/cart/<int:cart_id>/",
        rev=3,
    )
    assert everything.meta.is_context and everything.meta.is_mutation
    assert "context='cart'" in repr(everything)


def test_called_form_returns_a_decorator_object() -> None:
    decorator = client(context="global")
    assert isinstance(decorator, ClientDecorator)
    assert decorator.meta.context == "global"

    def current_user(request: Any) -> str:
        return "ann"

    wrapped = decorator(current_user)
    assert wrapped.func is current_user
    assert wrapped(None) == "ann"


@pytest.mark.parametrize(
    ("affects", "stored"),
    [
        ("cart", ("cart",)),
        (cart, (cart,)),
        (["cart", cart], ("cart", cart)),
        (("cart",), ("cart",)),
        (None, ()),
        ([], ()),
    ],
)
def test_affects_is_normalised_to_a_tuple(affects: Any, stored: tuple[Any, ...]) -> None:
    assert client(affects=affects).meta.affects == stored


@pytest.mark.parametrize(
    ("auth", "stored"),
    [(None, False), (False, False), (True, True), ("staff", "staff"), ("superuser", "superuser")],
)
def test_auth_is_stored_as_given(auth: Any, stored: object) -> None:
    assert client(auth=auth).meta.auth == stored


def test_auth_callable_is_stored_as_given() -> None:
    assert client(auth=_is_admin).meta.auth is _is_admin
    predicate = lambda request: True
    assert client(auth=predicate).meta.auth is predicate


def test_meta_is_frozen() -> None:
    with pytest.raises(FrozenInstanceError):
        echo.meta.rev = 2  # type: ignore[misc]


def _plain(request: Any) -> None:
    return None


INVALID: list[tuple[dict[str, Any], str]] = [
    ({"context": ""}, r"context=\.\.\.\) must be a non-empty string .*got ''"),
    ({"context": "   "}, r"context=\.\.\.\) must be a non-empty string"),
    ({"context": 3}, r"context=\.\.\.\) must be a non-empty string .*got 3"),
    ({"context": ["cart"]}, r"context=\.\.\.\) must be a non-empty string"),
    ({"affects": 3}, r"affects=\.\.\.\) must be a context name .*got int 3"),
    ({"affects": ""}, r"affects=\.\.\.\) must be a context name"),
    ({"affects": {"cart"}}, r"affects=\.\.\.\) must be a context name .*got set"),
    ({"affects": ["cart", 1]}, r"affects=\.\.\.\) must be a context name .*got int 1"),
    ({"affects": _plain}, r"_plain is not decorated with @client; decorate it first"),
    ({"affects": [_plain]}, r"_plain is not decorated with @client"),
    ({"auth": "admin"}, r"auth=\.\.\.\) must be True, 'staff', 'superuser' or a callable.*'admin'"),
    ({"auth": "Staff"}, r"auth=\.\.\.\) must be True, 'staff', 'superuser'"),
    ({"auth": 1}, r"auth=\.\.\.\) must be True, 'staff', 'superuser' .*got 1"),
    ({"auth": ["staff"]}, r"auth=\.\.\.\) must be True"),
    ({"rev": 0}, r"rev=\.\.\.\) must be a positive integer .*got 0"),
    ({"rev": -1}, r"rev=\.\.\.\) must be a positive integer .*got -1"),
    ({"rev": True}, r"rev=\.\.\.\) must be a positive integer .*got True"),
    ({"rev": "2"}, r"rev=\.\.\.\) must be a positive integer .*got '2'"),
    ({"rev": 2.0}, r"rev=\.\.\.\) must be a positive integer .*got 2\.0"),
    ({"route": "receipt/"}, r"route=\.\.\.\) must be a path string starting with '/'.*'receipt/'"),
    ({"route": ""}, r"route=\.\.\.\) must be a path string starting with '/'"),
    ({"route": 5}, r"route=\.\.\.\) must be a path string starting with '/'.*got 5"),
    ({"websocket": 1}, r"websocket=\.\.\.\) must be True or False; got 1"),
    ({"websocket": "yes"}, r"websocket=\.\.\.\) must be True or False; got 'yes'"),
    ({"websocket": None}, r"websocket=\.\.\.\) must be True or False; got None"),
]


@pytest.mark.parametrize(("kwargs", "message"), INVALID, ids=[repr(k) for k, _ in INVALID])
def test_invalid_parameters_are_rejected_eagerly(kwargs: dict[str, Any], message: str) -> None:
    # Raised by client(...) itself, before any function is decorated.
    with pytest.raises(MizanSetupError, match=message):
        client(**kwargs)


def test_positional_string_is_refused_with_a_hint() -> None:
    with pytest.raises(MizanSetupError, match=r"keyword arguments only.*@client\(context='cart'\)"):
        client("cart")  # type: ignore[call-overload]


def test_unknown_keyword_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        client(contxt="cart")  # type: ignore[call-overload]


def test_decorating_twice_is_refused() -> None:
    with pytest.raises(MizanSetupError, match=r"already decorated with @client"):
        client(echo)


def test_decorating_a_non_callable_is_refused() -> None:
    with pytest.raises(MizanSetupError, match=r"must decorate a function; got int"):
        client(context="cart")(3)  # type: ignore[arg-type]


def test_mizan_core_exports() -> None:
    import mizan_core

    for name in mizan_core.__all__:
        assert hasattr(mizan_core, name), name
    assert {"client", "register", "default_registry", "Registry", "MizanSetupError"} <= set(
        mizan_core.__all__
    )


def test_an_async_function_is_refused_when_declared_not_on_its_first_call() -> None:
    async def cart(request: object, cart_id: int) -> int:
        return cart_id

    with pytest.raises(MizanSetupError, match=r"cannot serve `async def cart` yet; write it as a plain"):
        client(cart)
    with pytest.raises(MizanSetupError, match=r"async def cart"):
        client(context="cart")(cart)
